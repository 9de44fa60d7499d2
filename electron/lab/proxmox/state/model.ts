/** The lab's in-memory cluster. Sizes are bytes unless a name says otherwise. */

export type StorageType = 'dir' | 'lvmthin';

export interface LabVolume {
  /** `local-lvm:vm-101-disk-0`, `local:iso/ubuntu.iso` */
  volid: string;
  content: 'images' | 'iso' | 'vztmpl' | 'backup';
  format: 'raw' | 'qcow2' | 'iso' | 'tgz';
  size: number;
  vmid?: number;
  /** The base volume of a linked clone (`local-lvm:base-9000-disk-0`). */
  parent?: string;
  ctime: number;
}

export interface LabStorage {
  id: string;
  type: StorageType;
  content: string[];
  shared: boolean;
  total: number;
  /** Where `dir` storages keep files (`/var/lib/vz`); used in task logs. */
  path: string | null;
  volumes: Map<string, LabVolume>;
}

export interface LabBridge {
  iface: string;
  ports: string;
  cidr: string | null;
  gateway: string | null;
  vlanAware: boolean;
}

export interface LabNode {
  name: string;
  cpus: number;
  cpuModel: string;
  memoryTotal: number;
  /** Memory the host itself uses before any VM runs. */
  memoryBase: number;
  rootfsTotal: number;
  rootfsUsed: number;
  ip: string;
  bridges: LabBridge[];
  storages: Map<string, LabStorage>;
  bootedAt: number;
}

/*
 * VM power state, as PVE reports it (status / qmpstatus):
 *
 *   stopped --start--> running --suspend--> paused (status 'running')
 *      ^                  |  \---shutdown/stop---> stopped
 *      +------------------+        paused --stop--> stopped
 */
export type PowerState = { kind: 'stopped' } | { kind: 'running'; since: number; pid: number } | { kind: 'paused'; since: number; pid: number };

export interface LabVm {
  vmid: number;
  node: string;
  /** The VM's config file as key/value strings (`cores: '2'`, `lock: 'clone'`, `template: '1'`). */
  config: Record<string, string>;
  power: PowerState;
  /** Managed by HA (`ha-manager add vm:<vmid>`). */
  ha: boolean;
}
