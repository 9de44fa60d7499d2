import type { Plan } from '../../../../shared/plan/model';

/** What the Proxmox simulator reads (its `POST /__lab/prepare`): the templates a plan clones, the storages and bridges it names. */
export interface ProxmoxLabPreparation {
  templates: Array<{ name: string; ostype: 'l26' | 'win11' }>;
  storages: string[];
  bridges: string[];
}

/** The lab mirrors what the plan expects to find on its Proxmox endpoints. */
export function proxmoxLabPreparation(plan: Plan): ProxmoxLabPreparation {
  const imagesByName = new Map(plan.images.map((image) => [image.name, image]));
  const templates = new Map<string, 'l26' | 'win11'>();
  const storages = new Set<string>();
  for (const vm of plan.vms) {
    const image = vm.image ? imagesByName.get(vm.image) : undefined;
    if (image?.kind === 'template') templates.set(image.remoteName ?? image.name, vm.os === 'windows' ? 'win11' : 'l26');
    if (vm.storage) storages.add(vm.storage);
  }
  for (const image of plan.images) if (image.storage) storages.add(image.storage);
  const bridges = new Set(plan.networks.map((network) => network.bridge).filter((bridge): bridge is string => !!bridge && /^vmbr\d+$/.test(bridge)));
  return { templates: [...templates].map(([name, ostype]) => ({ name, ostype })), storages: [...storages], bridges: [...bridges] };
}
