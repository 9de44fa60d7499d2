import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Vm } from './cluster';
import { checked, jsonBody, type ApiRequest, type FisheyeContext } from './context';
import { invalid, notFound } from './envelope';
import { JobFailure, type Job } from './jobs';

const ipv4 = z.string().regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'must be an IPv4 address');
const model = z.enum(['virtio', 'e1000', 'rtl8139']);
const bus = z.enum(['virtio', 'ide', 'scsi']);
const mib = 1024 * 1024;

const createBody = z.object({
  vm_name: z.string().min(1).max(255),
  vcpu: z.number().int().min(1).max(256),
  memory: z.number().int().min(128 * mib, 'must be at least 128 MiB, in bytes'),
  description: z.string().max(1024).default(''),
  status: z.enum(['running', 'stopped']).default('running'),
  nics: z.array(z.object({ vlan_uuid: z.string().min(1), model: model.default('virtio') })).max(16).default([]),
  disks: z
    .array(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('disk'), bus: bus.default('virtio'), size_in_byte: z.number().int().min(mib), storage_policy_uuid: z.string().min(1) }),
        z.object({ type: z.literal('cdrom'), bus: bus.default('ide'), path: z.string().min(1) }),
      ]),
    )
    .min(1)
    .max(32),
});

const updateBody = z.object({
  nics: z
    .array(
      z.object({
        vlan_uuid: z.string().min(1),
        mac_address: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i, 'must be a MAC address').optional(),
        model: model.optional(),
        ip_address: ipv4.optional(),
        // The mask's name in captures of a real cluster; any other key (`netmask`) is dropped, as unknown keys are.
        subnet_mask: ipv4.optional(),
        // An empty gateway is a NIC without one (a management network with no route out).
        gateway: z.union([ipv4, z.literal('')]).optional(),
      }),
    )
    .min(1)
    .max(16),
});

/** A failing-job fault's message, or a realistic default. */
function faultFor(lab: FisheyeContext, operation: 'vm.create' | 'vm.update' | 'vm.start' | 'vm.stop' | 'vm.delete'): string | null {
  const fault = lab.faults.take('jobFails', (candidate) => candidate.operation === operation);
  return fault ? (fault.message ?? `${operation} failed: libvirt: internal error: process exited while connecting to monitor`) : null;
}

function vmOf(lab: FisheyeContext, uuid: string): Vm {
  const vm = lab.cluster.vms.get(uuid);
  if (!vm) throw notFound(`vm ${uuid}`);
  return vm;
}

export function gaState(lab: FisheyeContext, vm: Vm): 'Running' | 'Stopped' | 'Unknown' {
  if (vm.power.kind === 'stopped') return 'Stopped';
  if (lab.faults.find('guestAgentNeverRunning', (fault) => fault.vmName === undefined || fault.vmName === vm.vm_name)) return 'Unknown';
  return Date.now() - vm.power.since >= lab.latency.guestAgentMs ? 'Running' : 'Unknown';
}

export function vmView(lab: FisheyeContext, vm: Vm) {
  const ga = gaState(lab, vm);
  return {
    uuid: vm.uuid,
    vm_name: vm.vm_name,
    description: vm.description,
    status: vm.power.kind,
    vcpu: vm.vcpu,
    memory: vm.memory,
    node_ip: vm.host,
    nics: vm.nics.map((nic) => ({ ...nic })),
    disks: vm.disks.map((disk) => ({ ...disk })),
    guest_info: {
      ga_state: ga,
      ga_version: ga === 'Running' ? '2.4.1' : '',
      os_version: ga === 'Running' ? 'CentOS Linux 7 (Core)' : '',
      hostname: ga === 'Running' ? vm.vm_name : '',
      nics: ga === 'Running' ? vm.nics.map((nic) => ({ mac_address: nic.mac_address, ip_addresses: nic.ip_address ? [nic.ip_address] : [] })) : [],
    },
  };
}

const jobAnswer = (job: Job) => ({ job_id: job.id });

export async function createVm(lab: FisheyeContext, request: ApiRequest) {
  const body = checked(createBody, jsonBody(request), 'body');
  body.nics.forEach((nic, index) => {
    if (!lab.cluster.vlan(nic.vlan_uuid)) throw invalid(`body: nics.${index}.vlan_uuid: no VLAN ${nic.vlan_uuid}`);
  });
  body.disks.forEach((disk, index) => {
    if (disk.type === 'disk' && !lab.cluster.policy(disk.storage_policy_uuid)) throw invalid(`body: disks.${index}.storage_policy_uuid: no storage policy ${disk.storage_policy_uuid}`);
    if (disk.type === 'cdrom' && !lab.images.list().some((image) => image.state.kind === 'available' && image.state.path === disk.path)) {
      throw invalid(`body: disks.${index}.path: no available image at ${disk.path}`);
    }
  });
  const uuid = randomUUID();
  const job = lab.jobs.start('vm.create', `create VM ${body.vm_name}`, { [uuid]: { type: 'KVM_VM', uuid } }, () => {
    lab.cluster.addVm({ uuid, vm_name: body.vm_name, vcpu: body.vcpu, memory: body.memory, description: body.description, disks: body.disks, nics: body.nics, running: body.status === 'running' });
  }, faultFor(lab, 'vm.create'));
  return jobAnswer(job);
}

export async function getVm(lab: FisheyeContext, request: ApiRequest) {
  return vmView(lab, vmOf(lab, request.params[0]!));
}

export async function updateVm(lab: FisheyeContext, request: ApiRequest) {
  const vm = vmOf(lab, request.params[0]!);
  const body = checked(updateBody, jsonBody(request), 'body');
  body.nics.forEach((nic, index) => {
    if (!lab.cluster.vlan(nic.vlan_uuid)) throw invalid(`body: nics.${index}.vlan_uuid: no VLAN ${nic.vlan_uuid}`);
    if (nic.ip_address && !nic.subnet_mask) throw invalid(`body: nics.${index}: ip_address needs subnet_mask`);
  });
  const job = lab.jobs.start('vm.update', `update VM ${vm.vm_name}`, { [vm.uuid]: { type: 'KVM_VM', uuid: vm.uuid } }, () => {
    // The address goes into the guest through its agent (VMTools); without it SMTX OS refuses.
    const addressing = body.nics.some((nic) => nic.ip_address);
    if (addressing && gaState(lab, vm) !== 'Running') throw new JobFailure('EVM_GUEST_AGENT_NOT_RUNNING', `the guest agent of VM ${vm.vm_name} is not running`);
    vm.nics = body.nics.map((nic, index) => {
      const current = vm.nics.find((candidate) => candidate.mac_address === nic.mac_address) ?? vm.nics[index];
      return { vlan_uuid: nic.vlan_uuid, model: nic.model ?? current?.model ?? 'virtio', mac_address: nic.mac_address ?? current?.mac_address ?? '52:54:00:00:00:00', ...(nic.ip_address ? { ip_address: nic.ip_address, subnet_mask: nic.subnet_mask, ...(nic.gateway ? { gateway: nic.gateway } : {}) } : {}) };
    });
    const primary = vm.nics[0];
    if (primary?.ip_address) lab.hooks.addressConfigured(vm, primary);
  }, faultFor(lab, 'vm.update'));
  return jobAnswer(job);
}

const powerBody = z.object({ force: z.boolean().optional() });

export async function listVms(lab: FisheyeContext, request: ApiRequest) {
  const name = request.query.get('vm_name');
  const entities = [...lab.cluster.vms.values()].filter((vm) => name === null || vm.vm_name === name).map((vm) => vmView(lab, vm));
  return { entities, total: entities.length };
}

export async function deleteVm(lab: FisheyeContext, request: ApiRequest) {
  const vm = vmOf(lab, request.params[0]!);
  const job = lab.jobs.start('vm.delete', `delete VM ${vm.vm_name}`, { [vm.uuid]: { type: 'KVM_VM', uuid: vm.uuid } }, () => {
    if (vm.power.kind === 'running') throw new JobFailure('EVM_RUNNING', `VM ${vm.vm_name} is running; stop it before deleting it`);
    lab.cluster.vms.delete(vm.uuid);
    lab.hooks.vmDeleted(vm);
  }, faultFor(lab, 'vm.delete'));
  return jobAnswer(job);
}

export async function powerVm(lab: FisheyeContext, request: ApiRequest, action: 'start' | 'stop') {
  const vm = vmOf(lab, request.params[0]!);
  checked(powerBody, jsonBody(request), 'body');
  const job = lab.jobs.start(`vm.${action}`, `${action} VM ${vm.vm_name}`, { [vm.uuid]: { type: 'KVM_VM', uuid: vm.uuid } }, () => (action === 'start' ? lab.cluster.start(vm) : lab.cluster.stop(vm)), faultFor(lab, `vm.${action}`));
  return jobAnswer(job);
}

export async function getJob(lab: FisheyeContext, request: ApiRequest) {
  const job = lab.jobs.get(request.params[0]!);
  if (!job) throw notFound(`job ${request.params[0]}`);
  const { state } = job;
  return {
    job: {
      job_id: job.id,
      description: job.description,
      state: state.kind,
      resources: job.resources,
      ...(state.kind === 'failed' ? { error_code: state.code, error_msg: state.message } : {}),
    },
  };
}
