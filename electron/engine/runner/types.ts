import type { EngineTextKey, EngineTextParams, TextRef } from '../../../shared/i18n/engineText';

/** A log line: catalogue text for Rackpilot's own words, a plain string for what platforms and scripts said. */
export type LogWords = string | TextRef;
import type { AppError } from '../../../shared/errors';
import type { LogLevel, Progress, StepState } from '../../../shared/runModel';
import type { EndpointSessions } from '../net/endpointSessions';
import type { SlotLimits } from './slotLimits';

/** One node of a deployment graph. Ids are stable across runs of the same plan. */
export interface StepSpec<Input = unknown> {
  id: string;
  kind: string;
  /** English; with `titleKey` (a key of shared/i18n/engineText) and its params, readers translate it. */
  title: string;
  titleKey?: EngineTextKey;
  titleParams?: EngineTextParams;
  /** What the step acts on (a VM name, `pve1/local`): groups rows in the UI and the log filter. */
  target: string;
  deps: string[];
  input: Input;
}

export interface RetryPolicy {
  /** Total attempts including the first; 1 = no retry. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0..1: the share of each delay that is randomised. */
  jitter: number;
}

export interface StepPolicy {
  retry: RetryPolicy;
  timeoutMs: number;
  /**
   * Steps that return the same key share `keyLimit` slots for their whole
   * attempt, waits included; to limit only the part that loads a platform,
   * use `ctx.slots` inside the step instead.
   */
  concurrencyKey?: (step: StepSpec) => string | undefined;
  keyLimit?: number;
}

/** What a step records about what it created, persisted before and after the call that creates it. */
export interface ArtifactStore {
  get<T = unknown>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

export interface StepContext<Input = unknown> {
  runId: string;
  step: StepSpec<Input>;
  attempt: number;
  signal: AbortSignal;
  /** Rackpilot's own words as catalogue text (`text(...)`), so readers say them in their language; platform output as a string. */
  log(level: LogLevel, text: LogWords): void;
  progress(progress: Progress): void;
  artifacts: ArtifactStore;
  /** The run's named slots, held only around platform work (see SlotLimits). */
  slots: SlotLimits;
  /** The run's logins, one per endpoint, shared by all its steps; closed when the run settles. */
  sessions: EndpointSessions;
}

export interface StepKind<Input = unknown> {
  kind: string;
  policy: StepPolicy;
  /** Is the step's effect already in place? Asked before every first attempt, so resume and re-runs are idempotent. */
  check(ctx: StepContext<Input>): Promise<boolean>;
  run(ctx: StepContext<Input>): Promise<void>;
  undo?(ctx: StepContext<Input>): Promise<void>;
}

export interface RunnerHooks {
  onStepState(stepId: string, state: StepState, attempt: number, error: AppError | null): void;
  onProgress(stepId: string, progress: Progress): void;
  /** `text` is the English; `ref` its catalogue text when the line is Rackpilot's own words. */
  onLog(stepId: string | null, level: LogLevel, text: string, ref?: TextRef): void;
  artifactsFor(stepId: string): ArtifactStore;
}

/** The runner's own lifecycle; the service maps it onto the run's persisted state. */
export type RunnerOutcome = 'succeeded' | 'failed' | 'cancelled';
