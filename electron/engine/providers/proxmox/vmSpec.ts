import type { CellRef } from '../../../../shared/errors';
import { whereOf, type OsFamily, type Plan, type Vm } from '../../../../shared/plan/model';

/**
 * What `vm.create` needs, as JSON-safe data: it is stored with the run and
 * read back on resume. Secrets are not in it; the VM's password is asked of
 * the engine (`vmPassword`) when the step runs.
 */
export interface VmCreateInput {
  endpoint: string;
  name: string;
  os: OsFamily;
  vcpu: number;
  memoryMiB: number;
  diskGiB: number;
  /** Nodes in order of preference; the others follow. */
  placement: string[];
  vmid: number | null;
  /** Target storage of the clone; null = the template's. */
  storage: string | null;
  /** A template named in the plan (name or VMID); null = any template of the OS. */
  template: string | null;
  /** An ISO to attach as a CD-ROM (it must be on the node or on shared storage). */
  iso: { storage: string; file: string } | null;
  ciUser: string | null;
  hasPassword: boolean;
  /** Public key file (or a private key with its `.pub` beside it), relative to the workbook. */
  sshKeyPath: string | null;
  network: { name: string; bridge: string | null; vlan: number; cidr: string | null; dns: string[] } | null;
  ip: string | null;
  gateway: string | null;
  nameservers: string[];
  /** Where the values came from, for errors that point at the workbook. */
  cells: { ip?: CellRef; vmid?: CellRef; image?: CellRef; origin?: CellRef };
}

/** The file name an ISO has on the storage: the plan's remote name, else the local file's base name. */
export function isoFileName(image: { name: string; file: string | null; remoteName: string | null }): string {
  if (image.remoteName) return image.remoteName;
  const base = (image.file ?? image.name).split(/[\\/]/).pop() ?? image.name;
  return base;
}

export function vmCreateInput(plan: Plan, vm: Vm): VmCreateInput {
  const image = vm.image ? plan.images.find((entry) => entry.name === vm.image) : undefined;
  const network = vm.network ? plan.networks.find((entry) => entry.name === vm.network) : undefined;
  const iso = image?.kind === 'iso' ? { storage: image.storage ?? 'local', file: isoFileName(image) } : null;
  const template = image?.kind === 'template' ? (image.remoteName ?? image.name) : null;
  const nameservers = network && network.dns.length > 0 ? network.dns : plan.project.dnsServers;
  const cells: VmCreateInput['cells'] = {};
  const ip = whereOf(vm, 'ip');
  const vmid = whereOf(vm, 'vmid');
  const imageCell = whereOf(vm, 'image');
  if (ip) cells.ip = ip;
  if (vmid) cells.vmid = vmid;
  if (imageCell) cells.image = imageCell;
  if (vm.origin) cells.origin = vm.origin;
  return {
    endpoint: vm.endpoint,
    name: vm.name,
    os: vm.os,
    vcpu: vm.vcpu,
    memoryMiB: vm.memoryMiB,
    diskGiB: vm.diskGiB,
    placement: [...vm.placement],
    vmid: vm.vmid,
    storage: vm.storage,
    template,
    iso,
    ciUser: vm.user,
    hasPassword: vm.password !== null && !vm.password.isEmpty,
    sshKeyPath: vm.sshKeyPath,
    network: network
      ? { name: network.name, bridge: network.bridge, vlan: network.vlan, cidr: network.cidr, dns: [...network.dns] }
      : null,
    ip: vm.ip,
    gateway: vm.gateway ?? network?.gateway ?? null,
    nameservers: [...nameservers],
    cells,
  };
}
