import type { CellRef } from '../../../../shared/errors';
import { whereOf, type OsFamily, type Plan, type Vm } from '../../../../shared/plan/model';
import { formatIpv4, parseCidr } from '../../plan/formats';

/**
 * What the vSphere `vm.deploy` step needs, as JSON-safe data stored with
 * the run. Secrets are not in it (the guest password, product key and
 * domain password are asked of the plan when the step runs).
 */
export interface VsVmInput {
  endpoint: string;
  name: string;
  os: OsFamily;
  vcpu: number;
  memoryMiB: number;
  diskGiB: number;
  datacenter: string | null;
  /** Clusters or hosts in order of preference (the Node / cluster column), then the endpoint's cluster. */
  placement: string[];
  resourcePool: string | null;
  folder: string | null;
  datastore: string | null;
  /** A template named in the plan; null = any template of the OS. */
  template: string | null;
  network: { name: string; portGroup: string; vds: string | null } | null;
  ip: string | null;
  subnetMask: string | null;
  gateway: string | null;
  dns: string[];
  domain: string | null;
  workgroup: string | null;
  timeZone: string | null;
  domainUser: string | null;
  /** An ISO uploaded by the plan to mount on the CD-ROM: `[datastore] path`. */
  iso: { datastore: string; path: string } | null;
  /** Where the guest must answer on its new address: SSH for Linux, WinRM (then RDP) for Windows. */
  verifyPorts: number[];
  cells: { origin?: CellRef; image?: CellRef; network?: CellRef; folder?: CellRef; resourcePool?: CellRef; storage?: CellRef; placement?: CellRef; ip?: CellRef };
}

/** The folder on the datastore uploads go to. */
export const isoFolder = 'iso';

export function isoPath(file: string): string {
  return `${isoFolder}/${file}`;
}

/** A VM folder path as the inventory writes it: `vm/...` below the datacenter. */
export function folderPath(folder: string | null): string | null {
  if (!folder) return null;
  const trimmed = folder.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return null;
  return trimmed === 'vm' || trimmed.startsWith('vm/') ? trimmed : `vm/${trimmed}`;
}

function maskOf(cidr: string | null): string | null {
  const subnet = cidr ? parseCidr(cidr) : null;
  if (!subnet) return null;
  return formatIpv4(subnet.prefix === 0 ? 0 : (0xffffffff << (32 - subnet.prefix)) >>> 0);
}

function cellsOf(vm: Vm): VsVmInput['cells'] {
  const cells: VsVmInput['cells'] = {};
  if (vm.origin) cells.origin = vm.origin;
  for (const [field, key] of [['image', 'image'], ['network', 'network'], ['folder', 'folder'], ['resourcePool', 'resourcePool'], ['storage', 'storage'], ['placement', 'placement'], ['ip', 'ip']] as const) {
    const cell = whereOf(vm, field);
    if (cell) cells[key] = cell;
  }
  return cells;
}

export function vsVmInput(plan: Plan, vm: Vm): VsVmInput {
  const endpoint = plan.endpoints.find((entry) => entry.name === vm.endpoint);
  const image = vm.image ? plan.images.find((entry) => entry.name === vm.image) : undefined;
  const network = vm.network ? plan.networks.find((entry) => entry.name === vm.network) : undefined;
  // The datastore the upload step puts the ISO on (see buildVsphereSteps): the image's, else its first VM's on this endpoint.
  const isoDatastore = image?.storage ?? plan.vms.find((other) => other.endpoint === vm.endpoint && other.image === vm.image && other.storage)?.storage ?? null;
  const iso = image?.kind === 'iso' && image.file && isoDatastore ? { datastore: isoDatastore, path: isoPath(image.remoteName ?? image.file.split(/[\\/]/).pop() ?? image.name) } : null;
  const windows = vm.os === 'windows';
  return {
    endpoint: vm.endpoint,
    name: vm.name,
    os: vm.os,
    vcpu: vm.vcpu,
    memoryMiB: vm.memoryMiB,
    diskGiB: vm.diskGiB,
    datacenter: endpoint?.datacenter ?? null,
    placement: [...vm.placement, ...(endpoint?.cluster ? [endpoint.cluster] : [])],
    resourcePool: vm.resourcePool?.trim() || null,
    folder: folderPath(vm.folder ?? null),
    datastore: vm.storage,
    template: image?.kind === 'template' ? (image.remoteName ?? image.name) : null,
    network: network ? { name: network.name, portGroup: network.portGroup ?? network.name, vds: network.vds } : null,
    ip: vm.ip?.split('/')[0]?.trim() || null,
    subnetMask: maskOf(network?.cidr ?? null),
    gateway: vm.gateway ?? network?.gateway ?? null,
    dns: [...(network && network.dns.length > 0 ? network.dns : plan.project.dnsServers)],
    domain: vm.domain ?? null,
    workgroup: vm.workgroup ?? null,
    timeZone: vm.timeZone ?? null,
    domainUser: vm.domainUser ?? null,
    iso,
    verifyPorts: windows ? [5985, 3389] : [22],
    cells: cellsOf(vm),
  };
}
