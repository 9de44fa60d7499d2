import type { OsFamily, Plan } from '../../../../shared/plan/model';
import { folderPath } from './vmSpec';

/** What the vCenter simulator reads (electron/lab/vsphere/README.md): the inventory a plan expects to find. */
export interface VsphereLabPreparation {
  datacenter: string;
  clusters: Array<{ name: string }>;
  datastores: Array<{ name: string }>;
  networks: Array<{ name: string; kind: 'portgroup' | 'dvportgroup'; vds?: string; vlan?: number }>;
  folders: string[];
  resourcePools: Array<{ cluster: string; path: string }>;
  templates: Array<{ name: string; guestId: string; os: 'linux' | 'windows'; datastore?: string; network?: string }>;
}

const guestIds: Partial<Record<OsFamily, string>> = {
  windows: 'windows2019srvNext_64Guest',
  ubuntu: 'ubuntu64Guest',
  debian: 'debian11_64Guest',
  centos: 'centos8_64Guest',
  rocky: 'rockylinux_64Guest',
};

/** vcsim's own inventory names, used where the plan names none. */
const defaults = { datacenter: 'DC0', cluster: 'DC0_C0', datastore: 'LocalDS_0' };

/** The lab mirrors the datacenter, clusters, datastores, port groups, folders, pools and templates the plan's vCenter VMs use. */
export function vsphereLabPreparation(plan: Plan): VsphereLabPreparation {
  const endpoints = plan.endpoints.filter((endpoint) => endpoint.kind === 'vsphere');
  const names = new Set(endpoints.map((endpoint) => endpoint.name));
  const vms = plan.vms.filter((vm) => names.has(vm.endpoint));
  const images = new Map(plan.images.map((image) => [image.name, image]));
  const networks = new Map(plan.networks.map((network) => [network.name, network]));
  const clusterOf = (vm: (typeof vms)[number]): string => vm.placement[0] ?? endpoints.find((endpoint) => endpoint.name === vm.endpoint)?.cluster ?? defaults.cluster;
  const clusters = new Set<string>(endpoints.flatMap((endpoint) => (endpoint.cluster ? [endpoint.cluster] : [])));
  const datastores = new Set<string>();
  const folders = new Set<string>();
  const pools = new Map<string, { cluster: string; path: string }>();
  const portGroups = new Map<string, VsphereLabPreparation['networks'][number]>();
  const templates = new Map<string, VsphereLabPreparation['templates'][number]>();
  for (const vm of vms) {
    const cluster = clusterOf(vm);
    clusters.add(cluster);
    if (vm.storage) datastores.add(vm.storage);
    const folder = folderPath(vm.folder ?? null);
    if (folder && folder !== 'vm') folders.add(folder);
    if (vm.resourcePool) pools.set(`${cluster}|${vm.resourcePool}`, { cluster, path: vm.resourcePool });
    const network = vm.network ? networks.get(vm.network) : undefined;
    if (network) {
      const name = network.portGroup ?? network.name;
      portGroups.set(name, { name, kind: network.vds ? 'dvportgroup' : 'portgroup', ...(network.vds ? { vds: network.vds } : {}), ...(network.vlan ? { vlan: network.vlan } : {}) });
    }
    const image = vm.image ? images.get(vm.image) : undefined;
    const name = image?.kind === 'template' ? (image.remoteName ?? image.name) : `rackpilot-${vm.os}-template`;
    if (!templates.has(name)) {
      templates.set(name, { name, guestId: guestIds[vm.os] ?? 'otherLinux64Guest', os: vm.os === 'windows' ? 'windows' : 'linux', ...(vm.storage ? { datastore: vm.storage } : {}) });
    }
  }
  for (const image of plan.images) if (image.kind === 'iso' && image.storage && (!image.endpoint || names.has(image.endpoint))) datastores.add(image.storage);
  if (clusters.size === 0) clusters.add(defaults.cluster);
  if (datastores.size === 0) datastores.add(defaults.datastore);
  return {
    datacenter: endpoints.find((endpoint) => endpoint.datacenter)?.datacenter ?? defaults.datacenter,
    clusters: [...clusters].map((name) => ({ name })),
    datastores: [...datastores].map((name) => ({ name })),
    networks: [...portGroups.values()],
    folders: [...folders],
    resourcePools: [...pools.values()],
    templates: [...templates.values()],
  };
}
