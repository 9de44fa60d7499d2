import { say, text as catalogueText, type TextRef } from '../../../../shared/i18n/engineText';
import { sleep } from '../../net';
import { pollPauses } from '../../util/pollPauses';
import { retrieveObject } from './properties';
import { faultTypeOf, vimFault, type VimFault } from './faults';
import type { VimClient } from './soapClient';
import { child, moref, num, text, type MoRef } from './xml';

export interface TaskWait {
  signal: AbortSignal;
  /** `info.progress` (0-100) as vCenter reports it, while the task runs. */
  onProgress?(percent: number): void;
  /** What the task does, for its error: `the clone of tpl-ubuntu to web-01`. */
  what: TextRef;
  firstPollMs?: number;
  maxPollMs?: number;
}

/**
 * Polls a task's `info` until it leaves queued/running:
 *
 *   queued ──> running ──> success (answers info.result)
 *                 └──────> error   (throws a VimFault with info.error's localized message)
 */
export async function waitForTask(client: VimClient, task: MoRef, wait: TaskWait): Promise<unknown> {
  const pauses = pollPauses(wait.firstPollMs ?? 200, wait.maxPollMs ?? 2000);
  for (;;) {
    const info = await retrieveObject(client, task, ['info.state', 'info.progress', 'info.error', 'info.result'], wait.signal);
    const state = text(info?.get('info.state'));
    if (state === 'success') return info?.get('info.result');
    if (state === 'error') throw taskFailure(client, task, info?.get('info.error'), wait.what);
    const progress = num(info?.get('info.progress'));
    if (progress !== null) wait.onProgress?.(progress);
    await sleep(pauses.next().value, wait.signal, catalogueText('wait.vsphere', { what: wait.what }));
  }
}

/** A failed task as a fault: the type of `info.error.fault` and vCenter's `localizedMessage`, which says why in the user's words. */
export function taskFailure(client: VimClient, task: MoRef, error: unknown, what: TextRef): VimFault {
  const fault = child(error, 'fault');
  const message = text(child(error, 'localizedMessage')) ?? '';
  const faultType = faultTypeOf(fault ? { fault } : null);
  return vimFault({ endpoint: client.endpointName, method: say('en', what), action: what, object: task }, faultType, message || faultType, fault ? { fault } : null);
}

/** Starts a `*_Task` method and waits for it; answers the task's result. */
export async function runTask(client: VimClient, method: string, target: MoRef, args: Record<string, unknown>, wait: Omit<TaskWait, 'what'> & { what?: TextRef }): Promise<unknown> {
  const task = moref(await client.call(method, target, args, wait.signal));
  const what = wait.what ?? catalogueText('vsphere.task.on', { method, type: target.type, value: target.value });
  if (!task) throw vimFault({ endpoint: client.endpointName, method, object: target }, 'InvalidResponse', catalogueText('vsphere.fault.noTask', { method }));
  return waitForTask(client, task, { ...wait, what });
}
