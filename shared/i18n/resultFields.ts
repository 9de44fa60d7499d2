import type { Lang } from '../plan/findingCodes';
import { engineText, isEngineTextKey } from './engineText';

/** A reported field's label in `lang` (`vmUuid` → `VM UUID`); a field no catalogue knows shows as its id, so it is noticed. */
export function resultFieldLabel(lang: Lang, field: string): string {
  const key = `resultField.${field}`;
  return isEngineTextKey(key) ? engineText(lang, key) : field;
}

/** Whether a field has a label (the test over every provider's reported fields asks this). */
export function hasResultFieldLabel(field: string): boolean {
  return isEngineTextKey(`resultField.${field}`);
}
