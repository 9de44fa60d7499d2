import { AppFailure, appError } from '../../../../shared/errors';
import { sentences, text } from '../../../../shared/i18n/engineText';
import type { Progress } from '../../../../shared/runModel';
import { sleep } from '../../net';
import type { ArtifactStore } from '../../runner/types';
import type { FisheyeClient } from './fisheyeClient';
import { createdVmUuid, listOf, waitForJob, type PollOptions } from './jobs';
import { phaseReporter } from './phases';
import { resolveNetwork, resolveStoragePolicy, type ResolvedNetwork } from './placement';
import type { TowerInput } from './towerPlan';
import type { StepLog } from './types';
import { reasonOf, retitled } from './words';

export const vmArtifactKey = 'vm';
export const vmPhases = ['resolve', 'create', 'guestAgent', 'network'] as const;

/*
 * What the VM step records around each call that creates or changes something:
 *
 *   (none) ──> creating ──job id──> creating(job) ──job done──> created ──agent Running──> agent ──NIC job done──> ready
 *                 ^   job failed (3 retries, then the step fails)  │
 *                 └────────────────────────────────────────────────┘
 */
export interface VmArtifact {
  phase: 'creating' | 'created' | 'agent' | 'ready' | 'removed';
  name: string;
  uuid: string | null;
  jobId: string | null;
  attempt: number;
  storagePolicyUuid: string | null;
  vdsUuid: string | null;
  vlanUuid: string | null;
  mac: string | null;
  osVersion: string | null;
  guestAgentState: string | null;
  /** Found under its name with the plan's address rather than created by this step: undo leaves it alone. */
  adopted?: boolean;
}

export interface VmDetails {
  uuid?: string;
  vm_name?: string;
  status?: string;
  nics?: Array<{ mac_address?: string; vlan_uuid?: string; ip_address?: string }>;
  guest_info?: { ga_state?: string; ga_version?: unknown; os_version?: string; nics?: Array<{ mac_address?: string; ip_addresses?: string[] }> } | null;
}

export interface VmTimings {
  poll: PollOptions;
  guestAgentTimeoutMs: number;
  /** Attempts to create the VM: the first and 3 retries, as the design says. */
  createAttempts: number;
  retryDelayMs: number;
}

export interface VmJob {
  client: FisheyeClient;
  input: TowerInput;
  isoPath: string;
  artifacts: ArtifactStore;
  signal: AbortSignal;
  log: StepLog;
  progress: (progress: Progress) => void;
  timings: VmTimings;
}

const gib = 1024 ** 3;
const mib = 1024 ** 2;

/** The design's VM: vCPU as sockets, memory and disk in bytes, virtio NIC on the VLAN, the ISO on an IDE CD-ROM, started at once. */
export function vmPayload(input: TowerInput, network: ResolvedNetwork, storagePolicyUuid: string, isoPath: string): object {
  return {
    vm_name: input.vmName,
    description: 'CloudTower, deployed by Rackpilot',
    vcpu: input.vcpu,
    memory: input.memoryMiB * mib,
    cpu: { topology: { sockets: input.vcpu, cores: 1 } },
    nics: [{ ovs: network.ovsbrName, model: 'virtio', mirror: false, vlan_uuid: network.vlanUuid, link: 'up' }],
    disks: [
      { type: 'disk', bus: 'virtio', storage_policy_uuid: storagePolicyUuid, name: `${input.vmName}-os`, quota_policy: null, size_in_byte: Math.round(input.diskGiB * gib) },
      { type: 'cdrom', bus: 'ide', path: isoPath, disabled: false },
    ],
    ha: true,
    nested_virtualization: false,
    cpu_model: 'cluster_default',
    firmware: 'BIOS',
    auto_schedule: true,
    quota_policy: null,
    status: 'running',
  };
}

export async function readVm(client: FisheyeClient, uuid: string, signal: AbortSignal): Promise<VmDetails | null> {
  try {
    return await client.call<VmDetails>('GET', `/api/v2/vms/${encodeURIComponent(uuid)}`, signal);
  } catch (error) {
    if (error instanceof AppFailure && error.appError.code === 'not_found') return null;
    throw error;
  }
}

async function findVmByName(client: FisheyeClient, name: string, signal: AbortSignal): Promise<string | null> {
  const data = await client.call<unknown>('GET', '/api/v2/vms', signal);
  return listOf<VmDetails>(data, 'vms').find((vm) => vm.vm_name === name)?.uuid ?? null;
}

async function createWithRetries(job: VmJob, base: Omit<VmArtifact, 'phase' | 'uuid' | 'jobId' | 'attempt'>, payload: object, saved: VmArtifact | undefined): Promise<string> {
  const { client, artifacts, signal, log, timings } = job;
  let attempt = saved?.attempt ?? 1;
  let jobId = saved?.phase === 'creating' ? saved.jobId : null;
  if (saved?.phase === 'creating' && !jobId) {
    // A crash between the create call and recording its job: the VM may exist under its name.
    const found = await findVmByName(client, base.name, signal);
    if (found) return found;
  }
  for (;;) {
    try {
      if (!jobId) {
        artifacts.set(vmArtifactKey, { ...base, phase: 'creating', uuid: null, jobId: null, attempt } satisfies VmArtifact);
        const answer = await client.call<{ job_id?: string; vm_uuid?: string }>('POST', '/api/v2/vms', signal, { body: payload });
        if (!answer?.job_id) throw new AppFailure(appError('network', text('smartx.vm.noJobId', { name: client.endpointName }), { retryable: true }));
        jobId = answer.job_id;
        artifacts.set(vmArtifactKey, { ...base, phase: 'creating', uuid: answer.vm_uuid ?? null, jobId, attempt } satisfies VmArtifact);
        log('info', text('smartx.log.vmCreating', { vm: base.name, job: jobId, attempt, attempts: timings.createAttempts }));
      }
      const done = await waitForJob(client, jobId, text('smartx.what.createVm', { vm: base.name }), signal, { ...timings.poll, log });
      const uuid = createdVmUuid(done) ?? artifacts.get<VmArtifact>(vmArtifactKey)?.uuid ?? (await findVmByName(client, base.name, signal));
      if (!uuid) throw new AppFailure(appError('step_failed', text('smartx.vm.noVmInJob', { name: client.endpointName, vm: base.name }), { retryable: false }));
      return uuid;
    } catch (error) {
      if (signal.aborted || !(error instanceof AppFailure) || !error.appError.retryable || attempt >= timings.createAttempts) {
        if (error instanceof AppFailure && attempt >= timings.createAttempts && error.appError.retryable) {
          const title = sentences(error.appError.text ?? error.appError.title, text('smartx.vm.triedTimes', { attempts: attempt }));
          throw new AppFailure({ ...retitled(error.appError, title), retryable: false });
        }
        throw error;
      }
      log('warn', text('smartx.log.vmRetry', { vm: base.name, error: reasonOf(error, (said) => client.redact(said)), attempt: attempt + 1, attempts: timings.createAttempts }));
      attempt += 1;
      jobId = null;
      await sleep(timings.retryDelayMs, signal, text('wait.smartxVmRetry', { vm: base.name }));
    }
  }
}

async function waitForGuestAgent(job: VmJob, uuid: string, report: ReturnType<typeof phaseReporter>): Promise<VmDetails> {
  const { client, signal, timings, input } = job;
  const started = Date.now();
  for (;;) {
    const vm = await readVm(client, uuid, signal);
    if (!vm) throw new AppFailure(appError('step_failed', text('smartx.vm.disappeared', { vm: input.vmName, uuid, name: client.endpointName })));
    if (vm.guest_info?.ga_state === 'Running') return vm;
    const waited = Date.now() - started;
    if (waited > timings.guestAgentTimeoutMs) {
      throw new AppFailure(
        appError('timeout', text('smartx.vm.agentTimeout', { vm: input.vmName, seconds: Math.round(waited / 1000), state: vm.guest_info?.ga_state ?? '-' }), {
          hint: text('smartx.vm.agentTimeoutHint'),
        }),
      );
    }
    report('guestAgent', waited / timings.guestAgentTimeoutMs);
    await sleep(timings.poll.intervalMs, signal, text('wait.smartxGuestAgent', { vm: input.vmName }));
  }
}

/** Creates (or finds again) the CloudTower VM, waits for its guest agent and gives its NIC the planned address. */
export async function deployTowerVm(job: VmJob): Promise<VmArtifact> {
  const { client, input, artifacts, signal, log } = job;
  const report = phaseReporter(job.progress, vmPhases);
  report('resolve');
  const saved = artifacts.get<VmArtifact>(vmArtifactKey);
  const storagePolicyUuid = await resolveStoragePolicy(client, input, signal, log);
  const network = await resolveNetwork(client, input, signal, log);
  const base = { name: input.vmName, storagePolicyUuid, vdsUuid: network.vdsUuid, vlanUuid: network.vlanUuid, mac: null, osVersion: null, guestAgentState: null };
  let uuid = saved && saved.phase !== 'creating' && saved.phase !== 'removed' ? saved.uuid : null;
  if (uuid && !(await readVm(client, uuid, signal))) uuid = null;
  report('create');
  if (!uuid) uuid = await createWithRetries(job, base, vmPayload(input, network, storagePolicyUuid, job.isoPath), saved?.phase === 'creating' ? saved : undefined);
  const attempt = artifacts.get<VmArtifact>(vmArtifactKey)?.attempt ?? 1;
  artifacts.set(vmArtifactKey, { ...base, phase: 'created', uuid, jobId: null, attempt } satisfies VmArtifact);
  report('guestAgent');
  const vm = await waitForGuestAgent(job, uuid, report);
  const mac = vm.nics?.[0]?.mac_address ?? null;
  if (!mac) throw new AppFailure(appError('step_failed', text('smartx.vm.noMac', { vm: input.vmName, uuid, name: client.endpointName }), { retryable: false }));
  const agent: VmArtifact = { ...base, phase: 'agent', uuid, jobId: null, attempt, mac, osVersion: vm.guest_info?.os_version ?? null, guestAgentState: 'Running' };
  artifacts.set(vmArtifactKey, agent);
  log('info', agent.osVersion ? text('smartx.log.agentRunningOs', { vm: input.vmName, uuid, os: agent.osVersion, mac }) : text('smartx.log.agentRunning', { vm: input.vmName, uuid, mac }));
  report('network');
  const nic = { vlan_uuid: network.vlanUuid, ovs: network.ovsbrName, model: 'virtio', mac_address: mac, mirror: false, gateway: input.gateway ?? '', ip_address: input.ip, link: 'up',
    // The field of real SMTX OS captures (and of the design's network summary).
    subnet_mask: input.netmask ?? '' };
  const answer = await client.call<{ job_id?: string }>('PUT', `/api/v2/vms/${encodeURIComponent(uuid)}`, signal, { body: { nics: [nic] } });
  if (answer?.job_id) await waitForJob(client, answer.job_id, text('smartx.what.configureNic', { vm: input.vmName }), signal, { ...job.timings.poll, log });
  const ready: VmArtifact = { ...agent, phase: 'ready' };
  artifacts.set(vmArtifactKey, ready);
  const nicSet = { vm: input.vmName, mac, ip: input.ip, netmask: input.netmask ?? '?' };
  log('info', input.gateway ? text('smartx.log.nicSet', { ...nicSet, gateway: input.gateway }) : text('smartx.log.nicSetNoGateway', nicSet));
  report('network', 1);
  return ready;
}

/** Undo: deletes the VM this step created (stopping it first, as SMTX OS requires). */
export async function removeTowerVm(client: FisheyeClient, artifacts: ArtifactStore, signal: AbortSignal, log: StepLog, poll: PollOptions): Promise<void> {
  const saved = artifacts.get<VmArtifact>(vmArtifactKey);
  if (!saved?.uuid || saved.phase === 'removed') return;
  if (saved.adopted) {
    log('info', text('smartx.log.adoptedKept', { vm: saved.name, uuid: saved.uuid }));
    return;
  }
  const vm = await readVm(client, saved.uuid, signal);
  if (vm) {
    if (vm.status === 'running') {
      const stop = await client.call<{ job_id?: string }>('POST', `/api/v2/vms/${encodeURIComponent(saved.uuid)}/stop`, signal, { body: { force: true } });
      if (stop?.job_id) await waitForJob(client, stop.job_id, text('smartx.what.stopVm', { vm: saved.name }), signal, poll);
    }
    const removal = await client.call<{ job_id?: string }>('DELETE', `/api/v2/vms/${encodeURIComponent(saved.uuid)}`, signal);
    if (removal?.job_id) await waitForJob(client, removal.job_id, text('smartx.what.deleteVm', { vm: saved.name }), signal, poll);
  }
  artifacts.set(vmArtifactKey, { ...saved, phase: 'removed' } satisfies VmArtifact);
  log('info', text('smartx.log.vmDeleted', { vm: saved.name, uuid: saved.uuid, name: client.endpointName }));
}
