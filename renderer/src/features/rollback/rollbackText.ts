import type { RollbackItem } from '../../../../shared/contract/rollbackChannels';
import { stepTitle } from '../../../../shared/i18n/engineText';
import type { Language, Translate } from '../../i18n';
import { resourceText } from '../runs/resourceText';

/**
 * One line per thing a step made ("VM 1001 web-01 on pve-lab/pve1"). A step
 * whose record names nothing left (its failed attempt cleaned up after
 * itself) is still undone, which only checks: it says so.
 */
export function itemLines(item: RollbackItem, t: Translate, locale: Language): string[] {
  if (item.resources.length === 0) return [t('rollback.checkOnly', { what: stepTitle(item, locale) })];
  return item.resources.map((resource) => resourceText(resource, t));
}
