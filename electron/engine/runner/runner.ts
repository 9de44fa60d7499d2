import { AppFailure, appError, errorWords, fail, type AppError } from '../../../shared/errors';
import { say, text } from '../../../shared/i18n/engineText';

import type { LogLevel, StepState } from '../../../shared/runModel';
import { Attempt } from './attempt';
import { abortableSleep, backoffDelay, type Sleep } from './backoff';
import { Deadlines } from './deadlines';
import { indexGraph, type Adjacency, type KindTable } from './graph';
import { attemptError, formatDelay, hookFailureError } from './stepErrors';
import { EndpointSessions } from '../net/endpointSessions';
import { SlotRegistry } from './slotLimits';
import { SlotQueue } from './slotQueue';
import { buildRecords, type InitialStepState, type StepRecord } from './stepRecord';
import type { LogWords, RunnerHooks, RunnerOutcome, StepSpec } from './types';
import type { TextRedactor } from '../util/redactor';

export interface RunnerOptions {
  runId: string;
  steps: StepSpec[];
  kinds: KindTable;
  /** Attempts executing at once, across all keys. */
  concurrency: number;
  hooks: RunnerHooks;
  /** Saved states to resume from; steps not named start pending with attempt 0. */
  initialStates?: Record<string, InitialStepState>;
  /** 0..1, for backoff jitter (tests pass a fixed one). */
  random?: () => number;
  /** Must reject promptly when the signal aborts, so cancel() does not wait out a backoff. */
  sleep?: Sleep;
  /** The run's secrets, hidden in what a step threw before it is cut to size (see stepErrors). */
  redactor?: TextRedactor;
  /**
   * The run's logins, when its owner shares them with something beside the
   * steps (the usage poller) and closes them itself; without it the runner
   * keeps its own and closes them whenever it settles.
   */
  sessions?: EndpointSessions;
}

interface ActiveRun {
  promise: Promise<RunnerOutcome>;
  resolve(outcome: RunnerOutcome): void;
  reject(error: unknown): void;
}

const cancelledError = appError('cancelled', text('error.runCancelled'));

/*
 * Runner lifecycle (`active` is null while idle, `cancelled` is final):
 *
 *   idle ──start()──> active ──(nothing more can progress)──> idle ──start()──> active ...
 *                      │  ^
 *             pause()  v  │ resume()        paused: no new attempts; running ones finish
 *                    paused
 *   any ──cancel()──> cancelled (running attempts are aborted and awaited; build a new
 *                                Runner from states() to go on)
 *
 * Steps follow shared/runModel's step machine. Bookkeeping is O(1) or
 * O(log n) per transition: each step counts its unfinished dependencies and
 * knows its dependants, and waits for a slot in a heap ordered by position.
 */
export class Runner {
  private readonly runId: string;
  private readonly hooks: RunnerHooks;
  private readonly concurrency: number;
  private readonly random: () => number;
  private readonly sleep: Sleep;
  private readonly records: StepRecord[];
  private readonly indexById: Map<string, number>;
  private readonly dependants: Adjacency;
  private readonly queue: SlotQueue;
  private readonly runAbort = new AbortController();
  private readonly deadlines = new Deadlines();
  private readonly slots = new SlotRegistry();
  private readonly sessions: EndpointSessions;
  private readonly ownsSessions: boolean;
  private changedOnLoad: StepRecord[];
  private active: ActiveRun | null = null;
  private cancelled = false;
  private paused = false;
  private pumping = false;
  private running = 0;
  private backoffCount = 0;
  private doneCount = 0;
  private idleWaiters: Array<() => void> = [];
  private hookFailure: { cause: unknown } | null = null;
  private readonly redactor: TextRedactor;

  constructor(options: RunnerOptions) {
    if (typeof options.runId !== 'string' || options.runId === '') fail('invalid_request', text('service.runner.noRunId'));
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      fail('invalid_request', text('service.runner.concurrency', { value: String(options.concurrency) }));
    }
    this.runId = options.runId;
    this.hooks = options.hooks;
    this.concurrency = options.concurrency;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? abortableSleep;
    this.redactor = options.redactor ?? { redact: (text) => text };
    this.sessions = options.sessions ?? new EndpointSessions();
    this.ownsSessions = options.sessions === undefined;
    const graph = indexGraph(options.steps, options.kinds);
    const { records, changed, done } = buildRecords(options.steps, graph, options.initialStates);
    this.records = records;
    this.queue = new SlotQueue(records);
    this.indexById = graph.indexById;
    this.dependants = graph.dependants;
    this.changedOnLoad = changed;
    this.doneCount = done;
  }

  get isActive(): boolean {
    return this.active !== null;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Attempts executing now; 0 after pause() means the pause has drained. */
  get runningCount(): number {
    return this.running;
  }

  /**
   * Runs until nothing more can progress. While active it returns the same
   * promise, so `retryStep(id); start()` is right whether or not the loop
   * had ended; once ended it may be called again to run what is now runnable
   * (steps retried or skipped since). After cancel() it answers 'cancelled'.
   * Rejects only if a hook threw (see handleHookFailure).
   */
  start(): Promise<RunnerOutcome> {
    if (this.active !== null) return this.active.promise;
    if (this.cancelled) return Promise.resolve('cancelled');
    let resolve!: (outcome: RunnerOutcome) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<RunnerOutcome>((settle, refuse) => {
      resolve = settle;
      reject = refuse;
    });
    this.active = { promise, resolve, reject };
    const changed = this.changedOnLoad;
    this.changedOnLoad = [];
    for (const record of changed) this.setState(record, record.state, null);
    for (const record of this.records) {
      if (record.state === 'pending' && record.remaining === 0) this.makeReady(record);
    }
    this.pump();
    return promise;
  }

  /** No new attempts start until resume(); running ones finish. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.pump();
  }

  /** Aborts running attempts (awaited, then marked by how they ended) and cancels every waiting step. */
  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.runAbort.abort(new AppFailure(cancelledError));
    for (const record of this.records) {
      if (record.current !== null) {
        record.current.abort(cancelledError);
      } else if (record.state === 'pending' || record.state === 'ready' || record.state === 'retrying') {
        this.setState(record, 'cancelled', null);
      }
    }
    this.queue.clear();
    this.settleIfDone();
  }

  /** A failed step goes back to pending, keeping its attempt count, and runs again once the loop is active. */
  retryStep(stepId: string): void {
    const record = this.recordFor(stepId);
    if (this.cancelled) fail('conflict', text('error.retryCancelled', { run: this.runId, step: stepId }));
    if (record.state !== 'failed') {
      fail('conflict', text('error.retryNotFailed', { step: stepId, state: text(`state.${record.state}`) }));
    }
    this.setState(record, 'pending', null);
    if (this.active !== null && record.remaining === 0) {
      this.makeReady(record);
      this.pump();
    }
  }

  /** A step that is not executing is marked skipped, so its dependants go on. */
  skipStep(stepId: string): void {
    const record = this.recordFor(stepId);
    if (this.cancelled) fail('conflict', text('error.skipCancelled', { run: this.runId, step: stepId }));
    const { state } = record;
    if (state === 'running') fail('conflict', text('error.skipRunning', { step: stepId }));
    if (state === 'succeeded' || state === 'adopted' || state === 'skipped' || state === 'cancelled') {
      fail('conflict', text('error.skipNothing', { step: stepId, state: text(`state.${state}`) }));
    }
    this.queue.remove(record);
    this.log(record, 'info', text('log.skipped'));
    this.setState(record, 'skipped', null);
    this.markDone(record);
    this.pump();
  }

  states(): Record<string, InitialStepState> {
    const states: Record<string, InitialStepState> = {};
    for (const record of this.records) states[record.spec.id] = { state: record.state, attempt: record.attempt };
    return states;
  }

  /** Resolves when no attempt is executing (at once if none is). */
  whenIdle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private recordFor(stepId: string): StepRecord {
    const index = this.indexById.get(stepId);
    if (index === undefined) fail('not_found', text('error.noSuchStep', { run: this.runId, step: stepId }));
    return this.records[index] as StepRecord;
  }

  private pump(): void {
    if (this.active === null || this.pumping) return;
    this.pumping = true;
    try {
      while (!this.paused && !this.cancelled && this.running < this.concurrency) {
        const record = this.queue.take();
        if (record === undefined) break;
        this.running++;
        void this.attempt(record);
      }
    } finally {
      this.pumping = false;
    }
    this.settleIfDone();
  }

  private async attempt(record: StepRecord): Promise<void> {
    record.attempt++;
    record.roundAttempts++;
    const ctx = new Attempt(
      this.runId,
      record.spec,
      record.attempt,
      record.kind.policy.timeoutMs,
      this.hooks,
      this.handleHookFailure,
      this.slots,
      this.sessions,
    );
    record.current = ctx;
    this.deadlines.watch(ctx, ctx.timeoutMs);
    this.setState(record, 'running', null);
    let alreadyDone = false;
    let failure: { cause: unknown } | null = null;
    try {
      if (record.needsCheck) {
        alreadyDone = (await record.kind.check(ctx)) === true;
        record.needsCheck = false;
      }
      if (!alreadyDone) await record.kind.run(ctx);
    } catch (cause) {
      failure = { cause };
    }
    this.deadlines.unwatch(ctx, ctx.timeoutMs);
    record.current = null;
    this.queue.release(record);
    // An attempt that resolves despite an abort did its work: report what is true.
    if (failure === null) this.succeed(record, alreadyDone);
    else this.handleFailure(record, ctx.abortedWith ?? attemptError(record.spec.id, failure.cause, this.redactor));
    // Only now is the slot free: a hook reacting to the transitions above must not see the run as settled.
    this.running--;
    if (this.running === 0) this.notifyIdle();
    this.pump();
  }

  private succeed(record: StepRecord, alreadyDone: boolean): void {
    if (alreadyDone) this.log(record, 'info', text('log.adopted'));
    this.setState(record, alreadyDone ? 'adopted' : 'succeeded', null);
    this.markDone(record);
  }

  private handleFailure(record: StepRecord, error: AppError): void {
    if (this.cancelled) {
      this.setState(record, 'cancelled', null);
      return;
    }
    const { retry } = record.kind.policy;
    if (error.retryable && record.roundAttempts < retry.maxAttempts) {
      const delay = backoffDelay(retry, record.roundAttempts, this.random);
      this.log(record, 'warn', text('log.retrying', { attempt: record.attempt, error: errorWords(error), delay: formatDelay(delay) }));
      this.setState(record, 'retrying', error);
      this.backoffCount++;
      const endBackoff = (): void => this.endBackoff(record);
      // Through an executor so that a sleep that throws at once still ends the backoff.
      new Promise<void>((resolve) => resolve(this.sleep(delay, this.runAbort.signal))).then(endBackoff, endBackoff);
      return;
    }
    const failedAfter = record.roundAttempts === 1 ? text('log.failedAfterOne', { error: errorWords(error) }) : text('log.failedAfter', { attempts: record.roundAttempts, error: errorWords(error) });
    this.log(record, 'error', failedAfter);
    this.setState(record, 'failed', error);
  }

  private endBackoff(record: StepRecord): void {
    this.backoffCount--;
    if (record.state === 'retrying') {
      if (this.cancelled) this.setState(record, 'cancelled', null);
      else this.queue.add(record);
    }
    this.pump();
  }

  private makeReady(record: StepRecord): void {
    record.roundAttempts = 0;
    record.needsCheck = true;
    this.setState(record, 'ready', null);
    this.queue.add(record);
  }

  private markDone(record: StepRecord): void {
    this.doneCount++;
    const { start, edges } = this.dependants;
    for (let edge = start[record.index] as number; edge < (start[record.index + 1] as number); edge++) {
      const dependant = this.records[edges[edge] as number] as StepRecord;
      dependant.remaining--;
      if (dependant.remaining === 0 && dependant.state === 'pending' && this.active !== null && !this.cancelled) {
        this.makeReady(dependant);
      }
    }
  }

  private settleIfDone(): void {
    const run = this.active;
    if (run === null || this.pumping || this.running > 0 || this.backoffCount > 0) return;
    if (!this.cancelled && this.queue.waiting > 0) return; // paused with steps waiting
    this.active = null;
    // Nothing runs: the logins end with the run (a later retry logs in again).
    if (this.ownsSessions) this.sessions.close();
    const hookFailure = this.hookFailure;
    this.hookFailure = null;
    if (hookFailure !== null) run.reject(hookFailureError(hookFailure.cause, this.redactor));
    else if (this.cancelled) run.resolve('cancelled');
    else run.resolve(this.doneCount === this.records.length ? 'succeeded' : 'failed');
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private setState(record: StepRecord, state: StepState, error: AppError | null): void {
    record.state = state;
    try {
      this.hooks.onStepState(record.spec.id, state, record.attempt, error);
    } catch (cause) {
      this.handleHookFailure(cause);
    }
  }

  private log(record: StepRecord, level: LogLevel, text: LogWords): void {
    try {
      if (typeof text === 'string') this.hooks.onLog(record.spec.id, level, text);
      else this.hooks.onLog(record.spec.id, level, say('en', text), text);
    } catch (cause) {
      this.handleHookFailure(cause);
    }
  }

  /**
   * A hook that throws means the run's record is no longer true, so the run
   * stops: start() rejects, and what still runs is cancelled on the next
   * microtask (not inside the transition being reported). Outside an active
   * run the caller of retryStep/skipStep/cancel gets the error.
   */
  private readonly handleHookFailure = (cause: unknown): void => {
    if (this.active === null) throw cause;
    if (this.hookFailure !== null) return;
    this.hookFailure = { cause };
    queueMicrotask(() => {
      if (this.active !== null) this.cancel();
    });
  };
}
