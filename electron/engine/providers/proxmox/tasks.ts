import { AppFailure, appError, errorWords, fail } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
import { sleep } from '../../net';
import { api } from './apiPath';
import type { ProxmoxClient } from './client';
import { pollPauses } from '../../util/pollPauses';
import { isLockMessage } from './proxmoxErrors';
import type { StepLog } from './types';

/** `UPID:{node}:{pid}:{pstart}:{starttime}:{type}:{id}:{user}:` */
export interface Upid {
  text: string;
  node: string;
  type: string;
  id: string;
  user: string;
}

export function parseUpid(text: unknown): Upid | null {
  if (typeof text !== 'string') return null;
  const match = /^UPID:([a-zA-Z0-9][a-zA-Z0-9.-]*):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,}):([0-9A-Fa-f]{8}):([^:]+):([^:]*):([^:]+):/.exec(text);
  if (!match) return null;
  return { text, node: match[1] as string, type: match[5] as string, id: match[6] as string, user: match[7] as string };
}

/** A task that ended with an exit status other than OK / WARNINGS. */
export class TaskFailure extends AppFailure {
  constructor(
    readonly upid: Upid,
    readonly exitstatus: string,
  ) {
    super(
      appError('step_failed', text('pve.task.failed', { task: describeTask(upid), status: exitstatus }), {
        retryable: isLockMessage(exitstatus) || /got timeout/i.test(exitstatus),
        detail: upid.text,
      }),
    );
    this.name = 'TaskFailure';
  }
}

export interface TaskOutcome {
  exitstatus: string;
  /** The n of `WARNINGS: n`, else 0. */
  warnings: number;
}

export interface WaitTaskOptions {
  signal: AbortSignal;
  /** The task's log lines (info) and its warnings go here. */
  log?: StepLog;
  /** Longest pause between polls; default 1.5 s. */
  maxPollMs?: number;
  /** Give up after this long (the task keeps running on the node); default: only the signal ends the wait. */
  timeoutMs?: number;
}

interface TaskStatus {
  status: 'running' | 'stopped';
  exitstatus?: string;
}

const logPage = 500;
const tolerableFailures = 5;

/** `qmclone 101 on pve1`: PVE's task type and object, in the reader's words around them. */
export function describeTask(upid: Upid): TextRef {
  return upid.id ? text('pve.task.name', { type: upid.type, id: upid.id, node: upid.node }) : text('pve.task.nameNoId', { type: upid.type, node: upid.node });
}

/**
 * Polls a task until it stops, with a growing pause (0.1 s → maxPollMs), and
 * streams its log as it grows. A few failed polls in a row are tolerated (a
 * node busy cloning answers slowly); cancelling stops waiting, not the task.
 */
export async function waitForTask(client: ProxmoxClient, upidText: unknown, options: WaitTaskOptions): Promise<TaskOutcome> {
  const upid = parseUpid(upidText);
  if (!upid) fail('step_failed', text('pve.task.notUpid', { endpoint: client.endpointName, answer: String(upidText).slice(0, 100) }), { retryable: false });
  const statusPath = api`/nodes/${upid.node}/tasks/${upid.text}/status`;
  const started = Date.now();
  const pauses = pollPauses(100, options.maxPollMs ?? 1500);
  let pause = pauses.next().value;
  let logOffset = 0;
  let failures = 0;
  for (;;) {
    let status: TaskStatus;
    try {
      status = await client.get<TaskStatus>(statusPath, options.signal);
      failures = 0;
    } catch (error) {
      if (!(error instanceof AppFailure) || !error.appError.retryable || ++failures > tolerableFailures) throw error;
      options.log?.('warn', text('pve.task.pollFailed', { task: describeTask(upid), error: errorWords(error.appError) }));
      await sleep(pause, options.signal, text('wait.pveTask', { task: describeTask(upid) }));
      continue;
    }
    logOffset = await streamLog(client, upid, logOffset, options);
    if (status.status === 'stopped') return outcome(upid, status.exitstatus ?? 'unknown', options.log);
    if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs) {
      fail('timeout', text('pve.task.timeout', { task: describeTask(upid), seconds: Math.round(options.timeoutMs / 1000) }), { retryable: true, detail: upid.text });
    }
    await sleep(pause, options.signal, text('wait.pveTask', { task: describeTask(upid) }));
    pause = pauses.next().value;
  }
}

function outcome(upid: Upid, exitstatus: string, log: StepLog | undefined): TaskOutcome {
  if (exitstatus === 'OK') return { exitstatus, warnings: 0 };
  const warnings = /^WARNINGS: (\d+)/.exec(exitstatus);
  if (warnings) {
    log?.('warn', text('pve.task.warnings', { task: describeTask(upid), count: Number(warnings[1]) }));
    return { exitstatus, warnings: Number(warnings[1]) };
  }
  throw new TaskFailure(upid, exitstatus);
}

/** Fetches the log lines after `offset` (0-based) and answers the new offset; a failed fetch only costs lines. */
async function streamLog(client: ProxmoxClient, upid: Upid, offset: number, options: WaitTaskOptions): Promise<number> {
  if (!options.log) return offset;
  const path = api`/nodes/${upid.node}/tasks/${upid.text}/log`;
  let next = offset;
  for (;;) {
    let lines: { n: number; t: string }[];
    try {
      lines = await client.get<{ n: number; t: string }[]>(path, options.signal, { start: next, limit: logPage });
    } catch (error) {
      if (options.signal.aborted) throw error;
      return next;
    }
    if (!Array.isArray(lines)) return next;
    for (const line of lines) {
      // PVE answers `no content` as line 1 of an empty log; it is not the task's output.
      if (line.n <= next || (line.n === 1 && line.t === 'no content')) continue;
      options.log('info', `[${upid.type}] ${line.t}`);
      next = line.n;
    }
    if (lines.length < logPage) return next;
  }
}
