import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { defaultWorkbookLimits, type WorkbookLimits } from './limits';
import type { RawSheet, RawWorkbook, WorkerReply } from './rawWorkbook';
import { unreadable } from './unreadable';

/*
 * Runs the workbook reader (parseWorker.mjs) in a worker thread with a
 * heap limit and a deadline. After a successful parse the worker is kept (idle, unref'd) for the next one with
 * the same heap limit, so re-importing after a fix finds the reader loaded and
 * compiled; after any failure, or a parse of a large workbook, it is
 * terminated and a fresh one is started.
 *
 *   request --message--> settled (ok | parse_failed)
 *     |----error------> settled (out_of_memory | parse_failed)
 *     |----deadline---> terminate -> timeout
 *     |----abort------> terminate -> cancelled
 *     '----exit!=0----> parse_failed (died without a message)
 *
 * Only the first outcome counts; the worker is always terminated afterwards.
 */

/**
 * A worker that parsed more rows than this (a large workbook) is not kept:
 * its heap (some 75 MB after 100k rows, under 30 MB after 10k) would stay
 * allocated, idle, next to the engine's copy of the cells; a fresh one is
 * started instead. Rows, not the worker's heap, decide: the heap also holds
 * garbage of earlier parses, so it says little about this one.
 */
const MAX_SPARE_ROWS = 50_000;

const rowCount = (sheets: readonly RawSheet[]): number => sheets.reduce((sum, sheet) => sum + sheet.rows.length / 2, 0);

let workerUrl: URL = new URL('./parseWorker.mjs', import.meta.url);
let prewarm = true;
/** An idle, loaded worker and the listener that forgets it if it dies while idle. */
let spare: { worker: Worker; heapMb: number; forget: () => void } | null = null;

/** For bundled builds that ship the worker script somewhere else. */
export function setParseWorkerUrl(url: URL): void {
  workerUrl = url;
  void disposeSpareParseWorker();
}

/** Whether to keep a loaded worker waiting for the next parse (default true). */
export function setParseWorkerPrewarm(enabled: boolean): void {
  prewarm = enabled;
  if (!enabled) void disposeSpareParseWorker();
}

/** Starts the parser worker ahead of the first import (an engine calls this at start-up), so the reader is loaded by then. */
export function prewarmParseWorker(heapMb: number = defaultWorkbookLimits.maxWorkerHeapMb): void {
  keepSpare(heapMb);
}

export async function disposeSpareParseWorker(): Promise<void> {
  const idle = spare;
  spare = null;
  if (idle) await idle.worker.terminate();
}

function spawn(heapMb: number): Worker {
  return new Worker(workerUrl, {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(heapMb / 8))) },
    // The worker's own output must not reach the engine's logs unfiltered.
    stdout: true,
    stderr: true,
  });
}

function keepSpare(heapMb: number, used?: Worker): void {
  if (!prewarm || spare) {
    if (used) void used.terminate();
    return;
  }
  const worker = used ?? spawn(heapMb);
  worker.unref();
  const forget = (): void => {
    if (spare?.worker === worker) spare = null;
  };
  // Only our own listeners come off: Worker keeps internal ones that deliver messages.
  worker.on('exit', forget);
  worker.on('error', forget);
  spare = { worker, heapMb, forget };
}

function takeWorker(heapMb: number): Worker {
  const idle = spare;
  spare = null;
  if (idle) {
    idle.worker.off('exit', idle.forget);
    idle.worker.off('error', idle.forget);
  }
  if (idle && idle.heapMb === heapMb) {
    idle.worker.ref();
    return idle.worker;
  }
  if (idle) void idle.worker.terminate();
  return spawn(heapMb);
}

export function parseInWorker(
  path: string,
  limits: WorkbookLimits,
  options: { signal?: AbortSignal } = {},
): Promise<RawWorkbook> {
  const { signal } = options;
  const name = basename(path);
  if (signal?.aborted) fail('cancelled', text('host.workbook.readCancelled'));
  return new Promise<RawWorkbook>((resolve, reject) => {
    const worker = takeWorker(limits.maxWorkerHeapMb);
    let settled = false;
    const settle = (outcome: () => RawWorkbook, reusable = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (reusable) keepSpare(limits.maxWorkerHeapMb, worker);
      else {
        void worker.terminate();
        keepSpare(limits.maxWorkerHeapMb);
      }
      try {
        resolve(outcome());
      } catch (failure) {
        reject(failure);
      }
    };
    const deadline = setTimeout(() => {
      const seconds = limits.parseTimeoutMs >= 1000 ? Math.round(limits.parseTimeoutMs / 1000) : limits.parseTimeoutMs / 1000;
      settle(() => unreadable('timeout', { name, seconds }));
    }, limits.parseTimeoutMs);
    const onAbort = (): void => settle(() => fail('cancelled', text('host.workbook.readCancelled')));
    signal?.addEventListener('abort', onAbort, { once: true });

    const onMessage = (reply: WorkerReply): void => {
      const reusable = reply.ok && rowCount(reply.sheets) <= MAX_SPARE_ROWS;
      settle(() => (reply.ok ? { sheets: reply.sheets } : unreadable('parse_failed', { name, reason: reply.message.slice(0, 300) })), reusable);
    };
    const onError = (error: Error & { code?: string }): void => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        settle(() => unreadable('out_of_memory', { name, limit: limits.maxWorkerHeapMb }));
      } else {
        settle(() => unreadable('parse_failed', { name, reason: error.message.slice(0, 300) }));
      }
    };
    const onExit = (code: number): void => {
      settle(() => unreadable('parse_failed', { name, reason: text('host.unreadable.readerStopped', { code }) }));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ path });
  });
}
