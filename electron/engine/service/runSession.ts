import { appError, fail, toAppError } from '../../../shared/errors';
import { isEngineTextKey, text } from '../../../shared/i18n/engineText';

import type { EngineEvent, RunState } from '../../../shared/runModel';
import { EndpointSessions } from '../net/endpointSessions';
import { Runner } from '../runner';
import type { RunnerOutcome, StepKind, StepSpec } from '../runner/types';
import type { RunStore } from '../store';
import type { Redactor } from '../util/redactor';
import { RunRecorder } from './runRecorder';
import { UsagePoller, type UsageSource } from './usagePoller';

/** How often a running run reads its platforms' quota use for the Deploy screen's bars. */
export const usageIntervalMs = 5000;

export interface RunSessionOptions {
  runId: string;
  store: RunStore;
  kinds: Record<string, StepKind>;
  concurrency: number;
  redactor: Redactor;
  emit: (events: EngineEvent[]) => void;
  /** Endpoints whose quota use is read while the run executes (none: no poller). */
  usageSources?: readonly UsageSource[];
  usageIntervalMs?: number;
}

/*
 * One run held in memory while it can still change:
 *
 *   idle ──start()──> executing ──(runner settles)──> settled
 *                       │  ^                             │
 *                   pause│  │resume        retryStep()   │
 *                       v  │               <─────────────┘
 *                      paused
 *   close() from any state: the run is left 'interrupted' for the next start.
 */
type SessionPhase =
  | { name: 'idle' }
  | { name: 'executing'; done: Promise<void> }
  | { name: 'settled'; outcome: RunnerOutcome }
  | { name: 'closed' };

export class RunSession {
  private readonly runner: Runner;
  private readonly recorder: RunRecorder;
  /** The run's logins, shared by its steps and its usage readings; closed once both have stopped. */
  private readonly sessions = new EndpointSessions();
  private phase: SessionPhase = { name: 'idle' };
  private paused = false;
  private closing = false;

  constructor(private readonly options: RunSessionOptions) {
    const { runId, store, kinds, concurrency, redactor, emit } = options;
    const stored = store.getSteps(runId);
    // The title's key goes along so that log lines naming the step are said in the reader's language too.
    const steps: StepSpec[] = stored.map(({ id, kind, title, titleKey, titleParams, target, deps, input }) => ({
      id,
      kind,
      title,
      ...(isEngineTextKey(titleKey) ? { titleKey } : {}),
      ...(titleParams ? { titleParams } : {}),
      target,
      deps,
      input,
    }));
    const initialStates = Object.fromEntries(stored.map((step) => [step.id, { state: step.state, attempt: step.attempt }]));
    this.recorder = new RunRecorder(runId, store, emit);
    this.runner = new Runner({ runId, steps, kinds, concurrency, hooks: this.recorder, initialStates, redactor, sessions: this.sessions });
  }

  get runId(): string {
    return this.options.runId;
  }

  get isExecuting(): boolean {
    return this.phase.name === 'executing';
  }

  /** Starts (or restarts after a retry) the runner; resolves when it settles. */
  start(): Promise<void> {
    if (this.phase.name === 'executing') return this.phase.done;
    if (this.phase.name === 'closed') fail('conflict', text('error.run.closing'));
    const run = this.options.store.getRun(this.runId);
    this.recorder.setRunState({ state: 'running', startedAt: run?.startedAt ?? Date.now(), endedAt: null, error: null });
    this.paused = false;
    const done = this.execute();
    this.phase = { name: 'executing', done };
    return done;
  }

  pause(): void {
    if (this.phase.name !== 'executing' || this.paused) fail('conflict', text('error.run.pauseRunning'));
    this.runner.pause();
    this.paused = true;
    this.recorder.setRunState({ state: 'paused' });
  }

  resume(): void {
    if (!this.paused) fail('conflict', text('error.run.notPaused'));
    this.runner.resume();
    this.paused = false;
    this.recorder.setRunState({ state: 'running' });
  }

  /** Resolves once the runner has settled and the run is recorded as cancelled. */
  cancel(): Promise<void> {
    if (this.phase.name === 'executing') {
      this.runner.cancel();
      return this.phase.done;
    }
    fail('conflict', text('error.run.cancelActive'));
  }

  retryStep(stepId: string): Promise<void> | undefined {
    this.runner.retryStep(stepId);
    return this.phase.name === 'executing' ? undefined : this.start();
  }

  skipStep(stepId: string): Promise<void> | undefined {
    this.runner.skipStep(stepId);
    return this.phase.name === 'executing' ? undefined : this.start();
  }

  /** Stops executing without a verdict: the run resumes on the next start. */
  async close(): Promise<void> {
    const current = this.phase;
    this.closing = true;
    if (current.name === 'executing') {
      this.runner.cancel();
      await current.done;
    }
    this.recorder.dispose();
    this.phase = { name: 'closed' };
  }

  private async execute(): Promise<void> {
    let state: RunState;
    let error = null;
    const poller = this.usagePoller();
    poller.start();
    try {
      state = await this.runner.start();
    } catch (cause) {
      state = 'failed';
      error = toAppError(cause);
    }
    // The last reading lands before the final state, so the bars show what the run left.
    await poller.stop();
    // Nothing runs and nothing reads: the logins end with this round (a later retry logs in again).
    this.sessions.close();
    if (this.closing) {
      this.recorder.setRunState({ state: 'interrupted' });
      return;
    }
    if (state === 'failed' && !error) {
      const failedCount = this.options.store.getRun(this.runId)?.stepCounts.failed ?? 0;
      error = appError('step_failed', text('error.stepsFailed', { count: failedCount }), { hint: text('error.stepsFailedHint') });
    }
    this.recorder.setRunState({ state, endedAt: Date.now(), error });
    // A final run gives back the IDs it reserved but never used; created VMs keep theirs on the platform.
    if (state !== 'failed') this.options.store.releaseReservationsOfRun(this.runId);
    this.phase = { name: 'settled', outcome: state as RunnerOutcome };
  }

  private usagePoller(): UsagePoller {
    return new UsagePoller({
      sources: this.options.usageSources ?? [],
      sessions: this.sessions,
      intervalMs: this.options.usageIntervalMs ?? usageIntervalMs,
      publish: (usage) => this.recorder.onUsage(usage),
      debug: (line) => this.recorder.onLog(null, 'debug', line),
    });
  }
}
