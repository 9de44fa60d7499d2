import { createHash, randomUUID } from 'node:crypto';
import { JobFailure } from './jobs';
import type { SmartxPreparation } from './preparation';

export interface StoragePolicy {
  uuid: string;
  name: string;
  replica_num: number;
  thin_provision: boolean;
}

export interface Vds {
  uuid: string;
  name: string;
  ovsbr_name: string;
}

export interface Vlan {
  uuid: string;
  name: string;
  vlan_id: number;
  vds_uuid: string;
}

export interface HostResources {
  name: string;
  uuid: string;
  cpuCores: number;
  cpuUsagePercent: number;
  memoryBytes: number;
  memoryUsedBytes: number;
}

export interface Nic {
  vlan_uuid: string;
  model: string;
  mac_address: string;
  ip_address?: string;
  subnet_mask?: string;
  gateway?: string;
}

export type Disk = { type: 'disk'; bus: string; size_in_byte: number; storage_policy_uuid: string } | { type: 'cdrom'; bus: string; path: string };

/*
 * A VM's power, and what its guest agent says:
 *
 *   stopped --start--> running(since) --stop--> stopped
 *   ga_state: Stopped while stopped; Unknown until guestAgentMs after the
 *   start; then Running (unless a guestAgentNeverRunning fault holds it).
 */
export type Power = { kind: 'stopped' } | { kind: 'running'; since: number };

export interface Vm {
  uuid: string;
  vm_name: string;
  vcpu: number;
  memory: number;
  description: string;
  host: string;
  nics: Nic[];
  disks: Disk[];
  power: Power;
}

/** A MAC in SMTX OS's locally administered range, stable per VM and NIC index. */
function macFor(vmUuid: string, index: number): string {
  const bytes = createHash('sha256').update(`${vmUuid}/${index}`).digest();
  return ['52', '54', '00', ...[0, 1, 2].map((at) => bytes[at]!.toString(16).padStart(2, '0'))].join(':');
}

/** The SMTX OS cluster's inventory: what a preparation gave it and the VMs made since. */
export class FisheyeCluster {
  readonly policies: StoragePolicy[];
  readonly vds: Vds[];
  readonly vlans: Vlan[];
  readonly hosts: HostResources[];
  readonly vms = new Map<string, Vm>();

  constructor(public preparation: SmartxPreparation) {
    this.policies = [];
    this.vds = [];
    this.vlans = [];
    this.hosts = [];
    this.extend(preparation);
  }

  /**
   * Adds what a preparation names and the cluster lacks (matched by name),
   * keeping everything else: VMs, and the uuids they and earlier runs refer
   * to, as a real cluster keeps them between two deployments.
   */
  extend(preparation: SmartxPreparation): void {
    this.preparation = preparation;
    for (const name of preparation.storagePolicies) {
      if (this.policies.some((policy) => policy.name === name)) continue;
      // Policy names like `3-replica-thin` say their replica count; others get SMTX OS's default of 2.
      this.policies.push({ uuid: randomUUID(), name, replica_num: Number(/(\d)-replica/.exec(name)?.[1] ?? 2), thin_provision: !/thick/i.test(name) });
    }
    for (const wanted of preparation.vds) {
      let vds = this.vds.find((candidate) => candidate.name === wanted.name);
      if (!vds) this.vds.push((vds = { uuid: randomUUID(), name: wanted.name, ovsbr_name: wanted.ovsbrName ?? `ovsbr-${this.vds.length}` }));
      for (const vlan of wanted.vlans) {
        if (this.vlans.some((candidate) => candidate.vds_uuid === vds.uuid && candidate.name === vlan.name)) continue;
        this.vlans.push({ uuid: randomUUID(), name: vlan.name, vlan_id: vlan.vlanId, vds_uuid: vds.uuid });
      }
    }
    for (const host of preparation.hosts) if (!this.hosts.some((candidate) => candidate.name === host.name)) this.hosts.push({ ...host, uuid: randomUUID() });
  }

  /** Memory in use on a host: what the preparation said plus the running VMs placed there. */
  memoryUsed(host: HostResources): number {
    let used = host.memoryUsedBytes;
    for (const vm of this.vms.values()) if (vm.host === host.name && vm.power.kind === 'running') used += vm.memory;
    return used;
  }

  /** The host with the most free memory that fits `memory`, or a job failure like SMTX OS's scheduler gives. */
  placeVm(memory: number): HostResources {
    const fits = this.hosts
      .map((host) => ({ host, free: host.memoryBytes - this.memoryUsed(host) }))
      .filter((candidate) => candidate.free >= memory)
      .sort((a, b) => b.free - a.free);
    if (!fits[0]) throw new JobFailure('EVM_NO_RESOURCE', `no host has ${memory} bytes of free memory for the VM`);
    return fits[0].host;
  }

  vlan(uuid: string): Vlan | undefined {
    return this.vlans.find((vlan) => vlan.uuid === uuid);
  }

  policy(uuid: string): StoragePolicy | undefined {
    return this.policies.find((policy) => policy.uuid === uuid);
  }

  addVm(spec: Omit<Vm, 'host' | 'nics' | 'power'> & { nics: Omit<Nic, 'mac_address'>[]; running: boolean }): Vm {
    const host = this.placeVm(spec.running ? spec.memory : 0);
    const vm: Vm = {
      uuid: spec.uuid,
      vm_name: spec.vm_name,
      vcpu: spec.vcpu,
      memory: spec.memory,
      description: spec.description,
      host: host.name,
      disks: spec.disks,
      nics: spec.nics.map((nic, index) => ({ ...nic, mac_address: macFor(spec.uuid, index) })),
      power: spec.running ? { kind: 'running', since: Date.now() } : { kind: 'stopped' },
    };
    this.vms.set(vm.uuid, vm);
    return vm;
  }

  start(vm: Vm): void {
    if (vm.power.kind === 'running') return;
    const host = this.hosts.find((candidate) => candidate.name === vm.host)!;
    if (host.memoryBytes - this.memoryUsed(host) < vm.memory) throw new JobFailure('EVM_NO_RESOURCE', `host ${host.name} has not enough free memory to start the VM`);
    vm.power = { kind: 'running', since: Date.now() };
  }

  stop(vm: Vm): void {
    vm.power = { kind: 'stopped' };
  }
}
