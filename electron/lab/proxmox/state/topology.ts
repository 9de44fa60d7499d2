import { randomBytes } from 'node:crypto';
import type { LabNode, LabStorage, LabVm, LabVolume } from './model';

const GiB = 2 ** 30;

export interface LabTemplateSpec {
  vmid: number;
  name: string;
  ostype: 'l26' | 'win11' | 'win10' | 'other';
  diskGiB: number;
  memoryMiB: number;
  cores: number;
}

export interface LabNodeSpec {
  name: string;
  cpus?: number;
  memoryGiB?: number;
  /** Memory the host uses with no VM running. */
  baseMemoryGiB?: number;
  rootfsGiB?: number;
  /** Size of the `local-lvm` thin pool. */
  lvmGiB?: number;
  templates?: LabTemplateSpec[];
}

/** The OS templates every default node carries, with node-specific VMIDs 90N0, 90N1, 90N2. */
export function defaultTemplates(nodeIndex: number): LabTemplateSpec[] {
  const base = 9000 + nodeIndex * 10;
  return [
    { vmid: base, name: 'ubuntu-22.04-template', ostype: 'l26', diskGiB: 10, memoryMiB: 2048, cores: 2 },
    { vmid: base + 1, name: 'centos-9-template', ostype: 'l26', diskGiB: 10, memoryMiB: 2048, cores: 2 },
    { vmid: base + 2, name: 'windows-2022-template', ostype: 'win11', diskGiB: 40, memoryMiB: 4096, cores: 2 },
  ];
}

export function defaultNodeSpecs(count = 3): LabNodeSpec[] {
  return Array.from({ length: count }, (_, index) => ({ name: `pve${index + 1}`, templates: defaultTemplates(index) }));
}

/** Proxmox's own OUI, as the web UI generates. */
export function randomMac(): string {
  const tail = [...randomBytes(3)].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase());
  return ['BC', '24', '11', ...tail].join(':');
}

export function buildNode(spec: LabNodeSpec, index: number, now: number): LabNode {
  const rootfsTotal = (spec.rootfsGiB ?? 100) * GiB;
  const storages = new Map<string, LabStorage>();
  storages.set('local', {
    id: 'local', type: 'dir', content: ['iso', 'vztmpl', 'backup'], shared: false,
    total: rootfsTotal, path: '/var/lib/vz', volumes: new Map(),
  });
  storages.set('local-lvm', {
    id: 'local-lvm', type: 'lvmthin', content: ['images', 'rootdir'], shared: false,
    total: (spec.lvmGiB ?? 800) * GiB, path: null, volumes: new Map(),
  });
  return {
    name: spec.name,
    cpus: spec.cpus ?? 16,
    cpuModel: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz',
    memoryTotal: (spec.memoryGiB ?? 64) * GiB,
    memoryBase: (spec.baseMemoryGiB ?? 3) * GiB,
    rootfsTotal,
    rootfsUsed: 6 * GiB,
    ip: `192.168.100.${11 + index}`,
    bridges: [
      { iface: 'vmbr0', ports: 'eno1', cidr: `192.168.100.${11 + index}/24`, gateway: '192.168.100.1', vlanAware: true },
      { iface: 'vmbr1', ports: 'eno2', cidr: null, gateway: null, vlanAware: true },
    ],
    storages,
    bootedAt: now - 86_400_000,
  };
}

/** A cloud-init ready template on `local-lvm`, as `qm template` leaves it. */
export function buildTemplate(node: LabNode, spec: LabTemplateSpec, now: number): LabVm {
  const lvm = node.storages.get('local-lvm') as LabStorage;
  const disk: LabVolume = {
    volid: `local-lvm:base-${spec.vmid}-disk-0`, content: 'images', format: 'raw',
    size: spec.diskGiB * GiB, vmid: spec.vmid, ctime: Math.floor(now / 1000),
  };
  const cloudinit: LabVolume = {
    volid: `local-lvm:vm-${spec.vmid}-cloudinit`, content: 'images', format: 'raw',
    size: 4 * 2 ** 20, vmid: spec.vmid, ctime: Math.floor(now / 1000),
  };
  lvm.volumes.set(disk.volid, disk);
  lvm.volumes.set(cloudinit.volid, cloudinit);
  return {
    vmid: spec.vmid,
    node: node.name,
    ha: false,
    power: { kind: 'stopped' },
    config: {
      name: spec.name,
      ostype: spec.ostype,
      cores: String(spec.cores),
      sockets: '1',
      memory: String(spec.memoryMiB),
      cpu: 'x86-64-v2-AES',
      scsihw: 'virtio-scsi-single',
      scsi0: `${disk.volid},iothread=1,size=${spec.diskGiB}G`,
      ide2: `${cloudinit.volid},media=cdrom`,
      boot: 'order=scsi0',
      net0: `virtio=${randomMac()},bridge=vmbr0,firewall=1`,
      agent: '1',
      ipconfig0: 'ip=dhcp',
      ...(spec.ostype === 'l26' ? { serial0: 'socket', vga: 'serial0' } : { vga: 'std' }),
      template: '1',
    },
  };
}
