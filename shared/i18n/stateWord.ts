import type { Lang } from '../plan/findingCodes';
import { sayOr } from './engineText';

/** A run or step state's name in `lang`; a state this build has no word for stays as its id. */
export function stateWord(state: string, lang: Lang): string {
  return sayOr(lang, { key: `state.${state}` }, state);
}
