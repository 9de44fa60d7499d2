import { AppFailure, appError, errorWords, fail, type AppError } from '../../../shared/errors';
import { say, text, type TextRef } from '../../../shared/i18n/engineText';
import type { LogLevel, Progress, StepUndo } from '../../../shared/runModel';
import { EndpointSessions } from '../net/endpointSessions';
import type { TextRedactor } from '../util/redactor';
import { Attempt } from './attempt';
import { abortableSleep, backoffDelay, type Sleep } from './backoff';
import { Deadlines } from './deadlines';
import { ReverseOrder, selectUndos, type RollbackStepView } from './rollbackPlan';
import { SlotRegistry } from './slotLimits';
import { attemptError, formatDelay, hookFailureError } from './stepErrors';
import type { ArtifactStore, LogWords, RunnerHooks, StepKind } from './types';

export interface RollbackHooks {
  onUndo(stepId: string, undo: StepUndo): void;
  onProgress(stepId: string, progress: Progress): void;
  /** `ref` is the line's catalogue text when it is Rackpilot's own words. */
  onLog(stepId: string | null, level: LogLevel, text: string, ref?: TextRef): void;
  artifactsFor(stepId: string): ArtifactStore;
}

export interface RollbackOptions {
  runId: string;
  steps: readonly RollbackStepView[];
  kinds: Readonly<Record<string, StepKind>>;
  /** Undos executing at once; the providers' own slots still bound what reaches a platform. */
  concurrency: number;
  hooks: RollbackHooks;
  random?: () => number;
  sleep?: Sleep;
  redactor?: TextRedactor;
}

export interface RollbackResult {
  undone: string[];
  failed: Array<{ stepId: string; error: AppError }>;
  /** Aborted (the app is closing): what was left stays queued for the next rollback. */
  aborted: boolean;
}

const abortedError = appError('cancelled', text('service.rollback.stopped'));

/*
 * One rollback of one run (see shared/runModel for the step undo machine):
 *
 *   idle ──start()──> undoing ──(every selected undo settled)──> settled
 *                        └──abort()──> aborted (running undos are aborted and awaited;
 *                                      the ones not settled stay for the next rollback)
 *
 * Each undo runs in an attempt like a step's (its deadline, log, progress,
 * artifacts, the rollback's slots and one login per endpoint), is retried
 * as its kind's policy allows when the failure is retryable, and settles
 * as undone or failed on its own: the others go on either way.
 */
export class Rollback {
  private readonly options: RollbackOptions;
  private readonly redactor: TextRedactor;
  private readonly deadlines = new Deadlines();
  private readonly slots = new SlotRegistry();
  private readonly sessions = new EndpointSessions();
  private readonly stop = new AbortController();
  private readonly running = new Set<Attempt>();
  private hookFailure: unknown = null;
  private started = false;

  constructor(options: RollbackOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
      fail('invalid_request', text('service.runner.concurrency', { value: String(options.concurrency) }));
    }
    this.options = options;
    this.redactor = options.redactor ?? { redact: (text) => text };
  }

  /** The steps this rollback undoes, in the run's order. */
  get selected(): string[] {
    return selectUndos(this.options.steps, this.options.kinds).undo;
  }

  /** Resolves when every selected undo has settled (or abort() has drained them); rejects only if a hook threw. */
  async start(): Promise<RollbackResult> {
    if (this.started) fail('conflict', text('service.rollback.started', { run: this.options.runId }));
    this.started = true;
    const { steps, kinds } = this.options;
    const selected = this.selected;
    const byId = new Map(steps.map((step) => [step.spec.id, step]));
    const result: RollbackResult = { undone: [], failed: [], aborted: false };
    try {
      for (const stepId of selected) this.record(stepId, { state: 'queued', attempt: byId.get(stepId)?.undo?.attempt ?? 0, error: null });
      const order = new ReverseOrder(steps.map((step) => step.spec), selected);
      const inFlight = new Set<Promise<void>>();
      const settled = new Set<string>();
      const launch = (): void => {
        while (!this.stopped && inFlight.size < this.options.concurrency) {
          const stepId = order.next();
          if (stepId === undefined) return;
          const step = byId.get(stepId)!;
          const work: Promise<void> = this.undoStep(step, kinds[step.spec.kind]!, result).finally(() => {
            inFlight.delete(work);
            settled.add(stepId);
            order.settle(stepId);
          });
          inFlight.add(work);
        }
      };
      launch();
      while (inFlight.size > 0) {
        await Promise.race(inFlight);
        launch();
      }
      result.aborted = this.stop.signal.aborted;
      // Only a dependency cycle leaves a selected step never released; say so instead of skipping it quietly.
      for (const stepId of selected) {
        if (settled.has(stepId) || result.aborted || this.hookFailure !== null) continue;
        const error = appError('internal', `Step '${stepId}' was not undone: its dependencies form a cycle.`);
        this.record(stepId, { state: 'failed', attempt: byId.get(stepId)?.undo?.attempt ?? 0, error });
        result.failed.push({ stepId, error });
      }
    } finally {
      this.sessions.close();
    }
    if (this.hookFailure !== null) throw hookFailureError(this.hookFailure, this.redactor);
    return result;
  }

  /** Aborts running undos (the promise of start() settles once they have ended) and starts no more. */
  abort(): void {
    if (this.stop.signal.aborted) return;
    this.stop.abort(new AppFailure(abortedError));
    for (const attempt of this.running) attempt.abort(abortedError);
  }

  private get stopped(): boolean {
    return this.stop.signal.aborted || this.hookFailure !== null;
  }

  private async undoStep(step: RollbackStepView, kind: StepKind, result: RollbackResult): Promise<void> {
    const stepId = step.spec.id;
    const policy = kind.policy.retry;
    let attempt = step.undo?.attempt ?? 0;
    for (let round = 1; ; round++) {
      attempt++;
      this.record(stepId, { state: 'undoing', attempt, error: null });
      const error = await this.attemptUndo(step, kind, attempt);
      if (error === null) {
        this.log(stepId, 'info', text('log.rollback.undone'));
        this.record(stepId, { state: 'undone', attempt, error: null });
        result.undone.push(stepId);
        return;
      }
      // Stopped for the app closing: the step stays 'undoing' on record, so the next rollback does it again.
      if (this.stopped) return;
      if (error.retryable && round < policy.maxAttempts) {
        const delay = backoffDelay(policy, round, this.options.random ?? Math.random);
        this.log(stepId, 'warn', text('log.rollback.retrying', { attempt, error: errorWords(error), delay: formatDelay(delay) }));
        try {
          await (this.options.sleep ?? abortableSleep)(delay, this.stop.signal);
        } catch {
          return;
        }
        continue;
      }
      this.log(stepId, 'error', text('log.rollback.failed', { error: errorWords(error) }));
      this.record(stepId, { state: 'failed', attempt, error });
      result.failed.push({ stepId, error });
      return;
    }
  }

  /** One call of the kind's undo in an attempt context; null when it resolved. */
  private async attemptUndo(step: RollbackStepView, kind: StepKind, attempt: number): Promise<AppError | null> {
    const ctx = new Attempt(
      this.options.runId,
      step.spec,
      attempt,
      kind.policy.timeoutMs,
      this.attemptHooks,
      this.onHookFailure,
      this.slots,
      this.sessions,
    );
    if (this.stop.signal.aborted) ctx.abort(abortedError);
    this.running.add(ctx);
    this.deadlines.watch(ctx, ctx.timeoutMs);
    try {
      await kind.undo!(ctx);
      return null;
    } catch (cause) {
      return ctx.abortedWith ?? attemptError(step.spec.id, cause, this.redactor);
    } finally {
      this.deadlines.unwatch(ctx, ctx.timeoutMs);
      this.running.delete(ctx);
    }
  }

  /** What an attempt reports goes to the rollback's hooks; it never changes the step's own state. */
  private readonly attemptHooks: RunnerHooks = {
    onStepState: () => undefined,
    onProgress: (stepId, progress) => this.options.hooks.onProgress(stepId, progress),
    onLog: (stepId, level, text, ref) => this.options.hooks.onLog(stepId, level, text, ref),
    artifactsFor: (stepId) => this.options.hooks.artifactsFor(stepId),
  };

  private record(stepId: string, undo: StepUndo): void {
    try {
      this.options.hooks.onUndo(stepId, undo);
    } catch (cause) {
      this.onHookFailure(cause);
    }
  }

  private log(stepId: string, level: LogLevel, words: LogWords): void {
    try {
      if (typeof words === 'string') this.options.hooks.onLog(stepId, level, words);
      else this.options.hooks.onLog(stepId, level, say('en', words), words);
    } catch (cause) {
      this.onHookFailure(cause);
    }
  }

  /** A record that cannot be written means the rollback's record is no longer true: it stops, and start() rejects. */
  private readonly onHookFailure = (cause: unknown): void => {
    if (this.hookFailure !== null) return;
    this.hookFailure = cause;
    for (const attempt of this.running) attempt.abort(abortedError);
  };
}
