import { isIP } from 'node:net';
import type { OsFamily, Plan, Vm } from '../../../shared/plan/model';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

export interface StorageNeed {
  storage: string;
  /** What the storage must hold: VM disks (`images`) or uploaded ISOs (`iso`). */
  content: 'images' | 'iso';
  /** Who needs it (VM or image names), for messages. */
  users: string[];
  /** Disk space the plan puts there (ISOs are not counted: their size is the upload's business). */
  bytes: number;
}

/** What one endpoint's part of the plan needs to find on the platform. */
export interface EndpointNeeds {
  vms: Vm[];
  memoryBytes: number;
  diskBytes: number;
  /** The biggest single VM's memory: it must fit on one node. */
  largestMemoryBytes: number;
  /** Templates named in the plan (name or VMID), with the VMs cloning them. */
  templates: Array<{ name: string; vms: string[] }>;
  /** VMs with no image: any template of their OS will do. */
  osTemplates: Array<{ os: OsFamily; vms: string[] }>;
  storages: StorageNeed[];
  /** Planned static addresses (prefix length removed); DHCP VMs have none. */
  ips: Array<{ ip: string; vm: string }>;
}

function addTo<K>(map: Map<K, string[]>, key: K, user: string): void {
  const list = map.get(key);
  if (list) list.push(user);
  else map.set(key, [user]);
}

/** Pure: read from the plan, so the same rules decide the review screen and the preflight. */
export function endpointNeeds(plan: Plan, endpoint: string): EndpointNeeds {
  const vms = plan.vms.filter((vm) => vm.endpoint === endpoint);
  const images = new Map(plan.images.map((image) => [image.name, image]));
  const templates = new Map<string, string[]>();
  const osTemplates = new Map<OsFamily, string[]>();
  const storages = new Map<string, StorageNeed>();
  const needStorage = (storage: string, content: StorageNeed['content'], user: string, bytes: number): void => {
    const key = `${content}|${storage}`;
    const need = storages.get(key) ?? { storage, content, users: [], bytes: 0 };
    if (!need.users.includes(user)) need.users.push(user);
    need.bytes += bytes;
    storages.set(key, need);
  };
  const ips: EndpointNeeds['ips'] = [];
  for (const vm of vms) {
    const image = vm.image ? images.get(vm.image) : undefined;
    if (image?.kind === 'template') addTo(templates, image.remoteName ?? image.name, vm.name);
    else if (!image) addTo(osTemplates, vm.os, vm.name);
    if (vm.storage) needStorage(vm.storage, 'images', vm.name, vm.diskGiB * GiB);
    const ip = vm.ip?.split('/')[0]?.trim();
    if (ip && isIP(ip)) ips.push({ ip, vm: vm.name });
  }
  for (const image of plan.images) {
    if (image.kind !== 'iso' || !image.file) continue;
    const used = vms.some((vm) => vm.image === image.name);
    if (image.endpoint === endpoint || (!image.endpoint && used)) needStorage(image.storage ?? 'local', 'iso', image.name, 0);
  }
  return {
    vms,
    memoryBytes: vms.reduce((sum, vm) => sum + vm.memoryMiB * MiB, 0),
    diskBytes: vms.reduce((sum, vm) => sum + vm.diskGiB * GiB, 0),
    largestMemoryBytes: vms.reduce((max, vm) => Math.max(max, vm.memoryMiB * MiB), 0),
    templates: [...templates].map(([name, users]) => ({ name, vms: users })),
    osTemplates: [...osTemplates].map(([os, users]) => ({ os, vms: users })),
    storages: [...storages.values()],
    ips,
  };
}
