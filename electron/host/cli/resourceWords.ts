import { engineText } from '../../../shared/i18n/engineText';
import type { Lang } from '../../../shared/plan/findingCodes';
import type { CreatedResource, CreatedResourceKind } from '../../../shared/runModel';

/** Every kind a step can leave behind has its words (a new kind without them is a type error). */
const keyOfKind = {
  vm: 'cli.resource.vm',
  image: 'cli.resource.image',
  network: 'cli.resource.network',
  subnet: 'cli.resource.subnet',
  router: 'cli.resource.router',
  port: 'cli.resource.port',
  security_group: 'cli.resource.security_group',
  key_pair: 'cli.resource.key_pair',
  flavor: 'cli.resource.flavor',
} as const satisfies Record<CreatedResourceKind, string>;

/** `vm 1001 "web-01" on pve-lab/pve1` in English (what scripts read), `虚拟机 1001“web-01”，位于 pve-lab/pve1` in Chinese: ids, names and places stay as they are. */
export function resourceText(resource: CreatedResource, lang: Lang): string {
  const where = resource.node ? `${resource.endpoint}/${resource.node}` : resource.endpoint;
  return engineText(lang, keyOfKind[resource.kind], { id: resource.id, name: resource.name, where });
}

/** `(step pve.clone.web-01)`: which step made it. */
export function stepMark(stepId: string, lang: Lang): string {
  return engineText(lang, 'cli.rollback.step', { step: stepId });
}
