/* Fakes shared by the runner's tests: recording hooks, configurable step kinds, deferreds. */
import { AppFailure, type AppError } from '../../../shared/errors';
import type { LogLevel, Progress, StepState } from '../../../shared/runModel';
import type { ArtifactStore, RetryPolicy, RunnerHooks, StepContext, StepKind, StepPolicy, StepSpec } from './types';

export interface StateEvent {
  stepId: string;
  state: StepState;
  attempt: number;
  error: AppError | null;
}

export interface RecordingHooks extends RunnerHooks {
  states: StateEvent[];
  logs: Array<{ stepId: string | null; level: LogLevel; text: string }>;
  progress: Array<{ stepId: string; progress: Progress }>;
  artifacts: Map<string, Map<string, unknown>>;
  /** The states one step went through, in order. */
  history(stepId: string): StepState[];
}

export function recordingHooks(): RecordingHooks {
  const hooks: RecordingHooks = {
    states: [],
    logs: [],
    progress: [],
    artifacts: new Map(),
    onStepState(stepId, state, attempt, error) {
      hooks.states.push({ stepId, state, attempt, error });
    },
    onProgress(stepId, progress) {
      hooks.progress.push({ stepId, progress });
    },
    onLog(stepId, level, text) {
      hooks.logs.push({ stepId, level, text });
    },
    artifactsFor(stepId): ArtifactStore {
      let store = hooks.artifacts.get(stepId);
      if (store === undefined) {
        store = new Map();
        hooks.artifacts.set(stepId, store);
      }
      const values = store;
      return { get: <T>(key: string) => values.get(key) as T | undefined, set: (key, value) => values.set(key, value) };
    },
    history: (stepId) => hooks.states.filter((event) => event.stepId === stepId).map((event) => event.state),
  };
  return hooks;
}

export const noRetry: RetryPolicy = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };

export function policy(overrides: Partial<StepPolicy> = {}): StepPolicy {
  return { retry: noRetry, timeoutMs: 60_000, ...overrides };
}

export function step(id: string, deps: string[] = [], kind = 'work', target = id): StepSpec {
  return { id, kind, title: `Step ${id}`, target, deps, input: null };
}

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((settle, refuse) => {
    resolve = settle;
    reject = refuse;
  });
  return { promise, resolve, reject };
}

/** Lets every queued promise callback and immediate run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export interface FakeKind extends StepKind {
  /** Step ids in the order their run() started (one entry per attempt). */
  started: string[];
  checked: string[];
  /** Attempts in run() now, overall and per target. */
  active: number;
  maxActive: number;
  maxActivePerTarget: Map<string, number>;
  /** Resolves or fails the oldest pending run() of a step started with `gated`. */
  release(stepId: string, error?: unknown): void;
  /** Steps waiting in a gated run(). */
  waiting(): string[];
}

export interface FakeKindOptions {
  name?: string;
  policy?: StepPolicy;
  /** run() waits until release(stepId) is called, or (unless ignoreAbort) its signal aborts. */
  gated?: boolean;
  ignoreAbort?: boolean;
  /** What check() answers (default false). */
  check?: (ctx: StepContext) => boolean | Promise<boolean>;
  /** Runs inside run() (after the gate, if any); may throw. */
  body?: (ctx: StepContext) => void | Promise<void>;
}

export function fakeKind(options: FakeKindOptions = {}): FakeKind {
  const gates = new Map<string, Deferred[]>();
  const activeByTarget = new Map<string, number>();
  const kind: FakeKind = {
    kind: options.name ?? 'work',
    policy: options.policy ?? policy(),
    started: [],
    checked: [],
    active: 0,
    maxActive: 0,
    maxActivePerTarget: new Map(),
    async check(ctx) {
      kind.checked.push(ctx.step.id);
      return options.check ? options.check(ctx) : false;
    },
    async run(ctx) {
      const target = ctx.step.target;
      kind.started.push(ctx.step.id);
      kind.active++;
      kind.maxActive = Math.max(kind.maxActive, kind.active);
      const onTarget = (activeByTarget.get(target) ?? 0) + 1;
      activeByTarget.set(target, onTarget);
      kind.maxActivePerTarget.set(target, Math.max(kind.maxActivePerTarget.get(target) ?? 0, onTarget));
      try {
        if (options.gated) {
          const gate = deferred();
          const list = gates.get(ctx.step.id) ?? [];
          list.push(gate);
          gates.set(ctx.step.id, list);
          if (!options.ignoreAbort) {
            const { signal } = ctx;
            const handleAbort = (): void => {
              list.splice(list.indexOf(gate), 1);
              gate.reject(signal.reason);
            };
            if (signal.aborted) handleAbort();
            else signal.addEventListener('abort', handleAbort, { once: true });
          }
          await gate.promise;
        } else {
          await settle();
        }
        await options.body?.(ctx);
      } finally {
        kind.active--;
        activeByTarget.set(target, (activeByTarget.get(target) ?? 1) - 1);
      }
    },
    release(stepId, error) {
      const gate = gates.get(stepId)?.shift();
      if (gate === undefined) throw new Error(`step ${stepId} is not waiting`);
      if (error === undefined) gate.resolve();
      else gate.reject(error);
    },
    waiting: () => [...gates].filter(([, list]) => list.length > 0).map(([id]) => id),
  };
  return kind;
}

/** The AppError that `action` throws; fails the test if it throws anything else or nothing. */
export function thrownAppError(action: () => unknown): AppError {
  try {
    action();
  } catch (cause) {
    if (cause instanceof AppFailure) return cause.appError;
    throw cause;
  }
  throw new Error('expected an AppFailure, nothing was thrown');
}

/** A sleep that records the delays asked for and returns at once (unless the signal already aborted). */
export function recordingSleep(): { delays: number[]; sleep: (ms: number, signal: AbortSignal) => Promise<void> } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms, signal) => {
      delays.push(ms);
      if (signal.aborted) throw signal.reason;
    },
  };
}
