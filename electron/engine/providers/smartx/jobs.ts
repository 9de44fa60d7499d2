import { AppFailure, appError } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
import { sleep } from '../../net';
import type { FisheyeClient } from './fisheyeClient';
import type { StepLog } from './types';

export interface FisheyeJob {
  job_id?: string;
  state?: string;
  description?: string;
  error_code?: string;
  error_msg?: string;
  /** By uuid (what SMTX OS sends) or as a list: what the job made or changed. */
  resources?: Record<string, { uuid?: string; type?: string; vm_name?: string }> | Array<{ uuid?: string; type?: string; vm_name?: string }>;
}

export interface PollOptions {
  intervalMs: number;
  timeoutMs: number;
  log?: StepLog;
}

/** Polls `/api/v2/jobs/{id}` to `done`; `failed` or the deadline is an error naming the job and SMTX OS's message. */
export async function waitForJob(client: FisheyeClient, jobId: string, what: TextRef, signal: AbortSignal, options: PollOptions): Promise<FisheyeJob> {
  const deadline = Date.now() + options.timeoutMs;
  let last: string | undefined;
  for (;;) {
    const data = await client.call<{ job?: FisheyeJob }>('GET', `/api/v2/jobs/${encodeURIComponent(jobId)}`, signal);
    const job = data?.job ?? {};
    if (job.state !== last) {
      options.log?.('debug', text('smartx.log.jobState', { job: jobId, what, state: job.state ?? text('smartx.unknown') }));
      last = job.state;
    }
    if (job.state === 'done' || job.state === 'success') return job;
    if (job.state === 'failed') {
      const said = [job.error_code, job.error_msg].filter(Boolean).join(': ');
      throw new AppFailure(appError('step_failed', text('smartx.job.failed', { name: client.endpointName, what, job: jobId, said: said ? client.redact(said) : text('smartx.noMessage') }), { retryable: true }));
    }
    if (Date.now() > deadline) {
      throw new AppFailure(appError('timeout', text('smartx.job.timeout', { name: client.endpointName, what, job: jobId, state: job.state ?? text('smartx.unknown'), seconds: Math.round(options.timeoutMs / 1000) })));
    }
    await sleep(options.intervalMs, signal, text('wait.smartxJob', { job: jobId }));
  }
}

/** The VM a creation job made: the resource of type KVM_VM (or the only one). */
export function createdVmUuid(job: FisheyeJob): string | null {
  const resources = Array.isArray(job.resources) ? job.resources : Object.entries(job.resources ?? {}).map(([uuid, value]) => ({ uuid, ...value }));
  const vm = resources.find((resource) => resource.type === 'KVM_VM') ?? (resources.length === 1 ? resources[0] : undefined);
  return vm?.uuid ?? null;
}

/** A list from SMTX OS: a bare array, or `entities`/`items`/a named field of an object. */
export function listOf<T>(data: unknown, field?: string): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data === null || typeof data !== 'object') return [];
  const record = data as Record<string, unknown>;
  for (const key of [field, 'entities', 'items'].filter((k): k is string => Boolean(k))) if (Array.isArray(record[key])) return record[key] as T[];
  return [];
}
