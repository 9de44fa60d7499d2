import { createHash } from 'node:crypto';
import { pveFail } from '../reply';
import type { LabNode, LabStorage, LabVm, LabVolume } from './model';
import { buildNode, buildTemplate, defaultNodeSpecs, type LabNodeSpec, type LabTemplateSpec } from './topology';
import { vmMemoryBytes } from './vmConfig';

/**
 * The cluster's state: nodes with their storages and bridges, and the VMs
 * (one config per VMID, cluster-wide, as in /etc/pve). Lookups throw PVE's
 * own messages so handlers stay short.
 */
export interface LabNeeds {
  templates: readonly Omit<LabTemplateSpec, 'vmid'>[];
  storages: readonly string[];
  bridges: readonly string[];
}

export class ClusterState {
  readonly nodes = new Map<string, LabNode>();
  readonly vms = new Map<number, LabVm>();
  readonly clusterName: string;
  private nextPid = 40_000 + Math.floor(Math.random() * 20_000);

  constructor(specs: readonly LabNodeSpec[] = defaultNodeSpecs(), clusterName = 'rackpilot-lab', now = Date.now()) {
    this.clusterName = clusterName;
    specs.forEach((spec, index) => {
      if (this.nodes.has(spec.name)) throw new Error(`Proxmox lab: node "${spec.name}" is listed twice.`);
      const node = buildNode(spec, index, now);
      this.nodes.set(node.name, node);
      for (const template of spec.templates ?? []) {
        if (this.vms.has(template.vmid)) throw new Error(`Proxmox lab: VMID ${template.vmid} is used twice in the topology.`);
        this.vms.set(template.vmid, buildTemplate(node, template, now));
      }
    });
  }

  node(name: string): LabNode {
    const node = this.nodes.get(name);
    if (!node) throw pveFail(`hostname lookup '${name}' failed - failed to get address info for: ${name}: Name or service not known`);
    return node;
  }

  /** The VM whose config lives on `node`; elsewhere it does not exist, as on PVE. */
  vm(node: string, vmid: number): LabVm {
    const vm = this.vms.get(vmid);
    if (!vm || vm.node !== node) throw pveFail(`Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`);
    return vm;
  }

  storage(node: string, id: string): LabStorage {
    const storage = this.node(node).storages.get(id);
    if (!storage) throw pveFail(`storage '${id}' does not exist`);
    return storage;
  }

  vmsOn(node: string): LabVm[] {
    return [...this.vms.values()].filter((vm) => vm.node === node).sort((a, b) => a.vmid - b.vmid);
  }

  /**
   * Gives every node what a rehearsal's plan names and it lacks: templates,
   * storages (dir, for disks and ISOs) and VLAN-aware bridges. Returns the
   * template VMIDs created.
   */
  prepare(needs: LabNeeds, now = Date.now()): number[] {
    const created: number[] = [];
    for (const node of this.nodes.values()) {
      for (const id of needs.storages) {
        if (node.storages.has(id)) continue;
        node.storages.set(id, {
          id, type: 'dir', content: ['images', 'rootdir', 'iso'], shared: false,
          total: 2048 * 2 ** 30, path: `/mnt/pve/${id}`, volumes: new Map(),
        });
      }
      for (const iface of needs.bridges) {
        if (node.bridges.some((bridge) => bridge.iface === iface)) continue;
        node.bridges.push({ iface, ports: 'bond0', cidr: null, gateway: null, vlanAware: true });
      }
      for (const template of needs.templates) {
        const present = this.vmsOn(node.name).some((vm) => vm.config.template === '1' && vm.config.name === template.name);
        if (present) continue;
        const vmid = this.nextFreeVmid(9100);
        this.vms.set(vmid, buildTemplate(node, { ...template, vmid }, now));
        created.push(vmid);
      }
    }
    return created;
  }

  /** The lowest free VMID from 100, like /cluster/nextid. */
  nextFreeVmid(from = 100): number {
    let vmid = from;
    while (this.vms.has(vmid)) vmid += 1;
    return vmid;
  }

  allocatePid(): number {
    this.nextPid += 1 + Math.floor(Math.random() * 40);
    return this.nextPid;
  }

  memoryUsed(node: LabNode): number {
    let used = node.memoryBase;
    for (const vm of this.vms.values()) if (vm.node === node.name && vm.power.kind !== 'stopped') used += vmMemoryBytes(vm.config);
    return Math.min(used, node.memoryTotal);
  }

  storageUsed(storage: LabStorage): number {
    let used = 0;
    for (const volume of storage.volumes.values()) used += volume.size;
    return used;
  }

  /** Adds a volume; null when it does not fit (the caller words the error). */
  addVolume(storage: LabStorage, volume: LabVolume): boolean {
    if (this.storageUsed(storage) + volume.size > storage.total) return false;
    storage.volumes.set(volume.volid, volume);
    return true;
  }

  /** The next free `vm-<vmid>-disk-<n>` name on a storage. */
  nextDiskName(storage: LabStorage, vmid: number): string {
    let index = 0;
    while (storage.volumes.has(`${storage.id}:vm-${vmid}-disk-${index}`)) index += 1;
    return `${storage.id}:vm-${vmid}-disk-${index}`;
  }

  findVolume(node: string, volid: string): { storage: LabStorage; volume: LabVolume } | null {
    const storageId = volid.split(':')[0] ?? '';
    const storage = this.nodes.get(node)?.storages.get(storageId);
    const volume = storage?.volumes.get(volid);
    return storage && volume ? { storage, volume } : null;
  }

  /** SHA-1 of the config text, as PVE's `digest`. */
  digest(vm: LabVm): string {
    const text = Object.keys(vm.config).sort().map((key) => `${key}: ${vm.config[key]}\n`).join('');
    return createHash('sha1').update(text).digest('hex');
  }
}
