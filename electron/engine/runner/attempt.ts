import { say } from '../../../shared/i18n/engineText';
import { AppFailure, type AppError } from '../../../shared/errors';
import type { LogLevel, Progress } from '../../../shared/runModel';
import type { Expirable } from './deadlines';
import type { EndpointSessions } from '../net/endpointSessions';
import type { SlotLimits } from './slotLimits';
import { timeoutError } from './stepErrors';
import type { ArtifactStore, LogWords, RunnerHooks, StepContext, StepSpec } from './types';

/**
 * One attempt of a step: the context the step sees, and the runner's abort
 * switch for it (its deadline or cancel()). One object per attempt, and
 * nothing made until used: the AbortController when the step reads
 * `signal`, the bound `log`/`progress` when it first logs. At thousands of
 * short steps these allocations are most of the runner's cost.
 *
 * A hook that throws is reported to the runner rather than into the step,
 * which would otherwise take a persistence fault for its own failure.
 */
export class Attempt implements StepContext, Expirable {
  /** Why the runner aborted this attempt; null while it has not. */
  abortedWith: AppError | null = null;
  watched = false;
  private controller: AbortController | null = null;
  private artifactStore: ArtifactStore | null = null;
  private boundLog: ((level: LogLevel, text: LogWords) => void) | null = null;
  private boundProgress: ((progress: Progress) => void) | null = null;

  constructor(
    readonly runId: string,
    readonly step: StepSpec,
    readonly attempt: number,
    readonly timeoutMs: number,
    private readonly hooks: RunnerHooks,
    private readonly onHookFailure: (cause: unknown) => void,
    readonly slots: SlotLimits,
    readonly sessions: EndpointSessions,
  ) {}

  get signal(): AbortSignal {
    if (this.controller === null) {
      this.controller = new AbortController();
      if (this.abortedWith !== null) this.controller.abort(new AppFailure(this.abortedWith));
    }
    return this.controller.signal;
  }

  get artifacts(): ArtifactStore {
    this.artifactStore ??= this.hooks.artifactsFor(this.step.id);
    return this.artifactStore;
  }

  get log(): (level: LogLevel, text: LogWords) => void {
    return (this.boundLog ??= (level, text) => this.emitLog(level, text));
  }

  get progress(): (progress: Progress) => void {
    return (this.boundProgress ??= (progress) => this.emitProgress(progress));
  }

  expire(): void {
    this.abort(timeoutError(this.step.id, this.timeoutMs));
  }

  /** The first reason wins: a timeout that is then cancelled stays a timeout. */
  abort(reason: AppError): void {
    if (this.abortedWith !== null) return;
    this.abortedWith = reason;
    this.controller?.abort(new AppFailure(reason));
  }

  private emitLog(level: LogLevel, text: LogWords): void {
    try {
      if (typeof text === 'string') this.hooks.onLog(this.step.id, level, text);
      else this.hooks.onLog(this.step.id, level, say('en', text), text);
    } catch (cause) {
      this.onHookFailure(cause);
    }
  }

  private emitProgress(progress: Progress): void {
    try {
      this.hooks.onProgress(this.step.id, progress);
    } catch (cause) {
      this.onHookFailure(cause);
    }
  }
}
