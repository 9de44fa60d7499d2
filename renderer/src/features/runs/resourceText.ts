import type { CreatedResource, CreatedResourceKind } from '../../../../shared/runModel';
import type { MessageKey, Translate } from '../../i18n';

/** Every kind a step can leave behind has its words (a new kind without them is a type error). */
const messageOfKind: Record<CreatedResourceKind, MessageKey> = {
  vm: 'start.leftBehindVm',
  image: 'start.leftBehindImage',
  network: 'start.leftBehindNetwork',
  subnet: 'start.leftBehindSubnet',
  router: 'start.leftBehindRouter',
  port: 'start.leftBehindPort',
  security_group: 'start.leftBehindSecurityGroup',
  key_pair: 'start.leftBehindKeyPair',
  flavor: 'start.leftBehindFlavor',
};

/** "VM 1001 “web-01” on pve-lab/pve1", "Router 5f… (“mesh4-router”) on os-lab": one thing a run made, where it is. */
export function resourceText(resource: CreatedResource, t: Translate): string {
  const where = resource.node ? `${resource.endpoint}/${resource.node}` : resource.endpoint;
  return t(messageOfKind[resource.kind], { id: resource.id, name: resource.name, where });
}
