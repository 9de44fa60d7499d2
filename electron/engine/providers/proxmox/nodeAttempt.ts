import { text, type TextParam } from '../../../../shared/i18n/engineText';
import { AppFailure, appError } from '../../../../shared/errors';
import type { ArtifactStore, StepContext } from '../../runner/types';
import { api, type Params } from './apiPath';
import { deleteVm, lockOptionsOf, startVm, type ControlContext } from './control';
import { waitForGuest } from './guest';
import { retryOnLock } from './retryOnLock';
import { parseUpid, waitForTask } from './tasks';
import type { TemplateChoice } from './templates';
import { bareAddress, bootDisk, buildIpConfig, buildNet0, encodeSshKeys, formatSize, freeIdeSlot, parsePropertyString } from './vmConfig';
import type { VmCreateInput } from './vmSpec';

/*
 * What the step has done, stored before and after each call that creates or
 * changes something, so a resumed step knows where to pick up:
 *
 *   cloning ──> cloned ──> configured ──> resized ──> started ──> ready
 *      │  (any failure on this node)
 *      └──> cleaning ──> cleaned ──> cloning (next node, same VMID)
 */
export type VmPhase = 'cloning' | 'cloned' | 'configured' | 'resized' | 'started' | 'ready' | 'cleaning' | 'cleaned';
export const phaseOrder: readonly VmPhase[] = ['cloning', 'cloned', 'configured', 'resized', 'started', 'ready'];

export interface VmArtifact {
  vmid: number;
  node: string;
  template: number | null;
  phase: VmPhase;
}
export const vmArtifactKey = 'vm';

export interface VmJob extends ControlContext {
  input: VmCreateInput;
  artifacts: ArtifactStore;
  /** Clear values, read when the step runs; never logged. */
  secrets: { password: string | null; sshKeys: string | null };
  guest: { wait: boolean; timeoutMs: number; required: boolean };
  /** The step's progress: each phase is announced as it begins. */
  progress?: StepContext<VmCreateInput>['progress'];
}

/** The parts of a VM step as the user sees them (raw ids; the renderer names them). */
export const stepPhases = ['clone', 'configure', 'resize', 'start', 'guestAgent'] as const;

function beginPhase(job: VmJob, phase: (typeof stepPhases)[number]): void {
  const phaseIndex = stepPhases.indexOf(phase);
  job.progress?.({ phase, phaseIndex, phaseCount: stepPhases.length, fraction: phaseIndex / stepPhases.length });
}

export function record(job: VmJob, artifact: VmArtifact): void {
  job.artifacts.set(vmArtifactKey, artifact);
}


/** Waits for a UPID when PVE answered one (config POST and resize may answer null when nothing ran in the background). */
async function settle(job: VmJob, answer: unknown): Promise<void> {
  if (parseUpid(answer)) await waitForTask(job.client, answer, { signal: job.signal, log: job.log });
}

/** A full clone of the template as `vmid` on `node`; a failed clone task's leftover is removed before the error moves on. */
export async function cloneOnNode(job: VmJob, node: string, vmid: number, choice: TemplateChoice, storage: string | null): Promise<void> {
  const { template } = choice;
  record(job, { vmid, node, template: template.vmid, phase: 'cloning' });
  beginPhase(job, 'clone');
  job.log('info', text('vmLog.pve.clone', { template: template.name, templateId: template.vmid, templateNode: template.node, vmid, name: job.input.name, node }));
  await retryOnLock(
    text('pve.lock.clone', { template: template.name, vmid }),
    async () => {
      const params: Params = { newid: vmid, name: job.input.name, full: true, storage, target: choice.viaShared ? node : null };
      let started = false;
      try {
        await job.load.clone({ node, storage, taskNode: template.node }, async () => {
          const upid = await job.client.post<string>(api`/nodes/${template.node}/qemu/${template.vmid}/clone`, job.signal, params);
          started = true;
          await waitForTask(job.client, upid, { signal: job.signal, log: job.log });
        });
      } catch (error) {
        // Outside the slots: the removal is a task of its own.
        if (started && !job.signal.aborted) await deleteVm(job, node, vmid);
        throw error;
      }
    },
    lockOptionsOf(job),
  );
  record(job, { vmid, node, template: template.vmid, phase: 'cloned' });
}

function bridgeOf(net0: unknown): string | null {
  if (typeof net0 !== 'string') return null;
  return parsePropertyString(net0).find(([name]) => name === 'bridge')?.[1] ?? null;
}

/** The bridge the VM's NIC goes on: the plan's, else the template's, else vmbr0. */
export function plannedBridge(input: VmCreateInput, templateConfig: Record<string, unknown>): string {
  return input.network?.bridge ?? bridgeOf(templateConfig.net0) ?? 'vmbr0';
}

/** Cores, memory, cloud-init user, keys and address, NIC bridge/VLAN and the ISO, in one config change. */
export function configParams(job: VmJob, config: Record<string, unknown>): Params {
  const { input, secrets } = job;
  const params: Params = {
    cores: input.vcpu,
    sockets: 1,
    memory: input.memoryMiB,
    ipconfig0: buildIpConfig({ ip: input.ip, networkCidr: input.network?.cidr ?? null, gateway: input.gateway, ...(input.cells.ip ? { cell: input.cells.ip } : {}) }),
    net0: buildNet0(typeof config.net0 === 'string' ? config.net0 : undefined, plannedBridge(input, config), input.network?.vlan ?? 0),
    ciuser: input.ciUser,
    cipassword: secrets.password,
    sshkeys: secrets.sshKeys ? encodeSshKeys(secrets.sshKeys) : null,
    nameserver: input.nameservers.length > 0 ? input.nameservers.join(' ') : null,
  };
  if (input.iso) {
    const volid = `${input.iso.storage}:iso/${input.iso.file}`;
    const attached = Object.values(config).some((value) => typeof value === 'string' && value.startsWith(`${volid},`));
    const slot = attached ? null : freeIdeSlot(config);
    if (slot) params[slot] = `${volid},media=cdrom`;
  }
  return params;
}

async function configure(job: VmJob, node: string, vmid: number): Promise<void> {
  const path = api`/nodes/${node}/qemu/${vmid}/config`;
  await retryOnLock(
    text('pve.lock.configure', { vmid }),
    async () => {
      const config = (await job.client.get<Record<string, unknown> | null>(path, job.signal)) ?? {};
      const params = configParams(job, config);
      job.log('info', text('vmLog.pve.configure', { vmid, cores: String(params.cores), memory: String(params.memory), net0: String(params.net0), ipconfig0: String(params.ipconfig0) }));
      await job.load.task(node, async () => settle(job, await job.client.post<unknown>(path, job.signal, params)));
    },
    lockOptionsOf(job),
  );
}

/** Grows the boot disk to the planned size; a disk already as large (or larger) is left alone, PVE cannot shrink. */
async function growDisk(job: VmJob, node: string, vmid: number): Promise<void> {
  const config = (await job.client.get<Record<string, unknown> | null>(api`/nodes/${node}/qemu/${vmid}/config`, job.signal)) ?? {};
  const disk = bootDisk(config);
  const wanted = Math.round(job.input.diskGiB * 2 ** 30);
  if (!disk) {
    job.log('warn', text('vmLog.pve.noBootDisk', { vmid }));
    return;
  }
  if (wanted <= disk.size) {
    job.log('info', text('vmLog.pve.diskLargeEnough', { disk: disk.key, vmid, size: formatSize(disk.size), wanted: formatSize(wanted) }));
    return;
  }
  job.log('info', text('vmLog.pve.growDisk', { disk: disk.key, vmid, size: formatSize(disk.size), wanted: formatSize(wanted) }));
  await retryOnLock(
    text('pve.lock.resize', { vmid }),
    () => job.load.task(node, async () => settle(job, await job.client.put<unknown>(api`/nodes/${node}/qemu/${vmid}/resize`, job.signal, { disk: disk.key, size: formatSize(wanted) }))),
    lockOptionsOf(job),
  );
}

const reached = (from: VmPhase, phase: VmPhase): boolean => phaseOrder.indexOf(from) >= phaseOrder.indexOf(phase);

/** Everything after the clone, each part idempotent, starting after `from` (the last phase recorded). */
export async function finishOnNode(job: VmJob, node: string, vmid: number, template: number | null, from: VmPhase): Promise<void> {
  const mark = (phase: VmPhase) => record(job, { vmid, node, template, phase });
  if (!reached(from, 'configured')) {
    beginPhase(job, 'configure');
    await configure(job, node, vmid);
    mark('configured');
  }
  if (!reached(from, 'resized')) {
    beginPhase(job, 'resize');
    await growDisk(job, node, vmid);
    mark('resized');
  }
  if (!reached(from, 'started')) {
    beginPhase(job, 'start');
    await startVm(job, node, vmid);
    mark('started');
  }
  if (job.guest.wait && !reached(from, 'ready')) {
    beginPhase(job, 'guestAgent');
    const expectIp = bareAddress(job.input.ip);
    const seconds = Math.round(job.guest.timeoutMs / 1000);
    job.log('info', expectIp ? text('vmLog.pve.waitGuest', { seconds, vmid, address: expectIp }) : text('vmLog.pve.waitGuestAny', { seconds, vmid }));
    const outcome = await waitForGuest(job, node, vmid, { expectIp, timeoutMs: job.guest.timeoutMs });
    if (outcome.ok) job.log('info', text('vmLog.pve.guestUp', { vmid, addresses: outcome.addresses.join(', ') }));
    else if (job.guest.required) throw new GuestTimeout(vmid, outcome.reason);
    else job.log('warn', text('vmLog.pve.guestLate', { vmid, reason: outcome.reason }));
  }
  mark('ready');
}

export class GuestTimeout extends AppFailure {
  constructor(vmid: number, reason: TextParam) {
    super(appError('timeout', text('pve.guest.timeout', { vmid, reason }), { hint: text('pve.hint.guestAgent'), retryable: true }));
    this.name = 'GuestTimeout';
  }
}
