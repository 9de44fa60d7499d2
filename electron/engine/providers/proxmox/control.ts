import { text } from '../../../../shared/i18n/engineText';
import { fail } from '../../../../shared/errors';
import { sleep } from '../../net';
import { api } from './apiPath';
import type { ProxmoxClient } from './client';
import type { PlatformLoad } from './platformLoad';
import { isNotFoundFailure } from './proxmoxErrors';
import { retryOnLock, type LockRetryOptions } from './retryOnLock';
import { TaskFailure, waitForTask } from './tasks';
import type { StepLog } from './types';

/** What every power call needs: the client, the step's signal and log. */
export interface ControlContext {
  client: ProxmoxClient;
  signal: AbortSignal;
  log: StepLog;
  /** The slots tasks run in (`unlimitedLoad` outside a run). */
  load: PlatformLoad;
  /** How long to wait out another task's lock on the VM (defaults: 6 attempts, 1 s doubling to 8 s). */
  lockRetry?: Partial<Pick<LockRetryOptions, 'attempts' | 'baseDelayMs' | 'maxDelayMs'>>;
}

export const lockOptionsOf = (ctx: ControlContext): LockRetryOptions => ({ signal: ctx.signal, log: ctx.log, ...ctx.lockRetry });

export interface VmStatus {
  status: 'running' | 'stopped' | string;
  /** `paused` for a suspended VM. */
  qmpstatus: string | null;
  lock: string | null;
  haManaged: boolean;
}

export async function readVmStatus(ctx: ControlContext, node: string, vmid: number): Promise<VmStatus> {
  const status = await ctx.client.get<{ status?: string; qmpstatus?: string; lock?: string; ha?: { managed?: number | boolean } }>(
    api`/nodes/${node}/qemu/${vmid}/status/current`,
    ctx.signal,
  );
  return {
    status: status?.status ?? 'unknown',
    qmpstatus: status?.qmpstatus ?? null,
    lock: status?.lock ?? null,
    haManaged: Boolean(status?.ha?.managed),
  };
}

/** The node a VMID lives on (null when no such guest), from the cluster's view. */
export async function findVmNode(ctx: ControlContext, vmid: number): Promise<string | null> {
  const guests = await ctx.client.get<{ vmid?: number; node?: string; type?: string }[]>('/cluster/resources', ctx.signal, { type: 'vm' });
  return (Array.isArray(guests) ? guests : []).find((guest) => guest.vmid === vmid)?.node ?? null;
}

async function powerTask(ctx: ControlContext, node: string, vmid: number, action: 'start' | 'stop' | 'shutdown' | 'suspend' | 'resume', params = {}): Promise<void> {
  await retryOnLock(
    text(`pve.lock.${action}` as const, { vmid, node }),
    () =>
      ctx.load.task(node, async () => {
        const upid = await ctx.client.post<string>(api`/nodes/${node}/qemu/${vmid}/status/${action}`, ctx.signal, params);
        await waitForTask(ctx.client, upid, { signal: ctx.signal, log: ctx.log });
      }),
    lockOptionsOf(ctx),
  );
}

/** Starts the VM unless it runs already; a suspended (paused) VM is resumed, which start would refuse. */
export async function startVm(ctx: ControlContext, node: string, vmid: number): Promise<void> {
  const status = await readVmStatus(ctx, node, vmid);
  if (status.status === 'running' && status.qmpstatus === 'paused') {
    ctx.log('info', text('vmLog.pve.resume', { vmid, node }));
    await powerTask(ctx, node, vmid, 'resume');
    return;
  }
  if (status.status === 'running') {
    ctx.log('info', text('vmLog.pve.alreadyRunning', { vmid, node }));
    return;
  }
  ctx.log('info', text('vmLog.pve.start', { vmid, node }));
  await powerTask(ctx, node, vmid, 'start');
}

export async function stopVm(ctx: ControlContext, node: string, vmid: number): Promise<void> {
  const status = await readVmStatus(ctx, node, vmid);
  if (status.status === 'stopped') return;
  ctx.log('info', text('vmLog.pve.stop', { vmid, node }));
  await powerTask(ctx, node, vmid, 'stop');
  if (status.haManaged) await waitForStopped(ctx, node, vmid, 120_000);
}

/** Asks the guest OS to shut down; after `timeoutSec` (or if the shutdown task fails) the VM is stopped hard. */
export async function shutdownVm(ctx: ControlContext, node: string, vmid: number, timeoutSec = 180): Promise<void> {
  const status = await readVmStatus(ctx, node, vmid);
  if (status.status === 'stopped') return;
  ctx.log('info', text('vmLog.pve.shutdown', { vmid, node, seconds: timeoutSec }));
  try {
    await powerTask(ctx, node, vmid, 'shutdown', { timeout: timeoutSec });
  } catch (error) {
    if (!(error instanceof TaskFailure)) throw error;
    ctx.log('warn', text('vmLog.pve.shutdownRefused', { reason: error.exitstatus }));
  }
  if ((await readVmStatus(ctx, node, vmid)).status !== 'stopped') await powerTask(ctx, node, vmid, 'stop');
}

export async function suspendVm(ctx: ControlContext, node: string, vmid: number): Promise<void> {
  const status = await readVmStatus(ctx, node, vmid);
  if (status.qmpstatus === 'paused' || status.status === 'stopped') return;
  await powerTask(ctx, node, vmid, 'suspend');
}

async function waitForStopped(ctx: ControlContext, node: string, vmid: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  // HA stops through its manager, after the task: the VM goes down a little later.
  while ((await readVmStatus(ctx, node, vmid)).status !== 'stopped') {
    if (Date.now() - started > timeoutMs) fail('timeout', text('pve.vm.haStillRunning', { vmid, node, seconds: Math.round(timeoutMs / 1000) }));
    await sleep(1000, ctx.signal, text('wait.pveVmStop', { vmid }));
  }
}

/**
 * Stops the VM, then deletes it with its disks; `purge` also drops it from
 * HA, backup jobs and replication (needed for HA-managed VMs, harmless
 * otherwise). A VM that is already gone counts as deleted.
 */
export async function deleteVm(ctx: ControlContext, node: string, vmid: number): Promise<void> {
  try {
    await stopVm(ctx, node, vmid);
    ctx.log('info', text('vmLog.pve.delete', { vmid, node }));
    await retryOnLock(
      text('pve.lock.delete', { vmid, node }),
      () =>
        ctx.load.task(node, async () => {
          const upid = await ctx.client.delete<string>(api`/nodes/${node}/qemu/${vmid}`, ctx.signal, { purge: true, 'destroy-unreferenced-disks': true });
          await waitForTask(ctx.client, upid, { signal: ctx.signal, log: ctx.log });
        }),
      lockOptionsOf(ctx),
    );
  } catch (error) {
    if (isNotFoundFailure(error)) {
      ctx.log('info', text('vmLog.pve.gone', { vmid, node }));
      return;
    }
    throw error;
  }
}
