import type { RollbackItem } from '../../../../shared/contract/rollbackChannels';
import { stepTitle } from '../../../../shared/i18n/engineText';
import type { Language, Translate } from '../../i18n';

/** One line per thing a step made ("VM 1001 web-01 on pve-lab/pve1"), or the step's title when its record names nothing. */
export function itemLines(item: RollbackItem, t: Translate, locale: Language): string[] {
  if (item.resources.length === 0) return [stepTitle(item, locale)];
  return item.resources.map((resource) => {
    const where = resource.node ? `${resource.endpoint}/${resource.node}` : resource.endpoint;
    return t(resource.kind === 'vm' ? 'start.leftBehindVm' : 'start.leftBehindImage', { id: resource.id, name: resource.name, where });
  });
}
