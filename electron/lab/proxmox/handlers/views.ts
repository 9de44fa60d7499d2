import type { LabContext } from '../context';
import type { LabNode, LabStorage, LabVm } from '../state/model';
import { bootDiskSize, isTemplate, vmCpus, vmMemoryBytes } from '../state/vmConfig';

/** Resource records in the shapes of /cluster/resources, /nodes and qemu status (bytes throughout). */

const uptimeOf = (since: number) => Math.max(0, Math.floor((Date.now() - since) / 1000));

export function nodeIsDown(lab: LabContext, node: string): boolean {
  return lab.faults.nodeDown(node) !== null;
}

export function nodeMemory(lab: LabContext, node: LabNode): { total: number; used: number; free: number } {
  const used = lab.faults.nodeOutOfMemory(node.name) ? node.memoryTotal - 48 * 2 ** 20 : lab.cluster.memoryUsed(node);
  return { total: node.memoryTotal, used, free: node.memoryTotal - used };
}

export function storageUsage(lab: LabContext, node: string, storage: LabStorage): { total: number; used: number; avail: number } {
  const used = lab.faults.storageFull(node, storage.id) ? storage.total : Math.min(storage.total, lab.cluster.storageUsed(storage));
  return { total: storage.total, used, avail: storage.total - used };
}

export function nodeRecord(lab: LabContext, node: LabNode): Record<string, unknown> {
  const base = { id: `node/${node.name}`, type: 'node', node: node.name };
  if (nodeIsDown(lab, node.name)) return { ...base, status: 'offline' };
  const memory = nodeMemory(lab, node);
  return {
    ...base,
    status: 'online',
    level: '',
    'cgroup-mode': 2,
    cpu: 0.03,
    maxcpu: node.cpus,
    mem: memory.used,
    maxmem: memory.total,
    disk: node.rootfsUsed,
    maxdisk: node.rootfsTotal,
    uptime: uptimeOf(node.bootedAt),
  };
}

/** A VM as /nodes/{node}/qemu lists it (status/current adds a few fields). */
export function vmRecord(lab: LabContext, vm: LabVm): Record<string, unknown> {
  const running = vm.power.kind !== 'stopped';
  const record: Record<string, unknown> = {
    vmid: vm.vmid,
    name: vm.config.name ?? `VM ${vm.vmid}`,
    status: running ? 'running' : 'stopped',
    cpus: vmCpus(vm.config),
    maxmem: vmMemoryBytes(vm.config),
    mem: running ? Math.floor(vmMemoryBytes(vm.config) * 0.4) : 0,
    maxdisk: bootDiskSize(vm.config),
    disk: 0,
    cpu: running ? 0.01 : 0,
    uptime: vm.power.kind === 'stopped' ? 0 : uptimeOf(vm.power.since),
    netin: 0,
    netout: 0,
    diskread: 0,
    diskwrite: 0,
  };
  if (vm.power.kind !== 'stopped') record.pid = vm.power.pid;
  if (vm.config.lock) record.lock = vm.config.lock;
  if (isTemplate(vm.config)) record.template = 1;
  if (vm.config.tags) record.tags = vm.config.tags;
  if (nodeIsDown(lab, vm.node)) record.status = 'unknown';
  return record;
}

export function vmResource(lab: LabContext, vm: LabVm): Record<string, unknown> {
  const { pid: _pid, cpus, ...record } = vmRecord(lab, vm);
  const resource: Record<string, unknown> = {
    ...record,
    id: `qemu/${vm.vmid}`,
    type: 'qemu',
    node: vm.node,
    maxcpu: cpus,
    template: isTemplate(vm.config) ? 1 : 0,
  };
  if (vm.ha) resource.hastate = vm.power.kind === 'stopped' ? 'stopped' : 'started';
  return resource;
}

export function storageRecord(lab: LabContext, node: string, storage: LabStorage): Record<string, unknown> {
  const usage = storageUsage(lab, node, storage);
  return {
    storage: storage.id,
    type: storage.type,
    content: storage.content.join(','),
    active: 1,
    enabled: 1,
    shared: storage.shared ? 1 : 0,
    total: usage.total,
    used: usage.used,
    avail: usage.avail,
    used_fraction: usage.total > 0 ? usage.used / usage.total : 0,
  };
}

export function storageResource(lab: LabContext, node: string, storage: LabStorage): Record<string, unknown> {
  const usage = storageUsage(lab, node, storage);
  return {
    id: `storage/${node}/${storage.id}`,
    type: 'storage',
    storage: storage.id,
    node,
    status: nodeIsDown(lab, node) ? 'unknown' : 'available',
    plugintype: storage.type,
    content: storage.content.join(','),
    shared: storage.shared ? 1 : 0,
    disk: usage.used,
    maxdisk: usage.total,
  };
}
