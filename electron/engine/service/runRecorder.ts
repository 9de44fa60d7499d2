import type { TextRef } from '../../../shared/i18n/textRef';
import type { AppError } from '../../../shared/errors';
import type { EngineEvent, LogLevel, Progress, StepState, StepUndo } from '../../../shared/runModel';
import type { ArtifactStore, RunnerHooks } from '../runner/types';
import type { RunStore } from '../store';
import type { NewLogLine, RunUpdate } from '../store/types';

const flushIntervalMs = 100;
const maxBufferedLines = 2000;

/**
 * Persists what a runner reports and turns it into numbered events.
 * State changes are written at once (they decide what resumes after a
 * crash); progress is coalesced to the latest value per step and log lines
 * are batched, both flushed about ten times a second in one transaction.
 * Redaction (and cutting long lines after it) is the store's: it happens on
 * every write, whoever the writer.
 */
export class RunRecorder implements RunnerHooks {
  private lines: NewLogLine[] = [];
  private progress = new Map<string, Progress>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly runId: string,
    private readonly store: RunStore,
    private readonly emit: (events: EngineEvent[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  onStepState(stepId: string, state: StepState, attempt: number, error: AppError | null): void {
    this.flush();
    const at = this.now();
    const update: Record<string, unknown> = { state, attempt, error };
    if (state === 'running' && attempt <= 1) update.startedAt = at;
    if (state === 'running') update.endedAt = null;
    if (state === 'succeeded' || state === 'adopted' || state === 'failed' || state === 'skipped' || state === 'cancelled') update.endedAt = at;
    if (state === 'pending') update.progress = null;
    const events = this.store.commit(this.runId, {
      steps: { [stepId]: update },
      events: [{ type: 'step.state', runId: this.runId, at, stepId, state, attempt, error }],
    });
    this.emit(events);
  }

  /** A rollback's record of one step, written at once like a state change (an interrupted rollback resumes from it). */
  onUndo(stepId: string, undo: StepUndo): void {
    this.flush();
    const at = this.now();
    const events = this.store.commit(this.runId, {
      steps: { [stepId]: undo.state === 'undoing' ? { undo, progress: null } : { undo } },
      events: [{ type: 'step.undo', runId: this.runId, at, stepId, undo }],
    });
    this.emit(events);
  }

  onProgress(stepId: string, progress: Progress): void {
    this.progress.set(stepId, progress);
    this.schedule();
  }

  onLog(stepId: string | null, level: LogLevel, text: string, textRef?: TextRef): void {
    this.lines.push({ runId: this.runId, stepId, level, at: this.now(), text, ...(textRef ? { textRef } : {}) });
    if (this.lines.length >= maxBufferedLines) this.flush();
    else this.schedule();
  }

  artifactsFor(stepId: string): ArtifactStore {
    return {
      get: <T>(key: string) => this.store.getArtifact<T>(this.runId, stepId, key),
      set: (key, value) => this.store.setArtifact(this.runId, stepId, key, value),
    };
  }

  setRunState(update: RunUpdate & { state: NonNullable<RunUpdate['state']> }): void {
    this.flush();
    const at = this.now();
    const events = this.store.commit(this.runId, {
      run: update,
      events: [{ type: 'run.state', runId: this.runId, at, state: update.state, error: update.error ?? null }],
    });
    this.emit(events);
  }

  /** A platform's quota use: written as one event (it is small and rare, every few seconds). */
  onUsage(usage: { endpoint: string; meters: Extract<EngineEvent, { type: 'run.usage' }>['meters'] }): void {
    const at = this.now();
    const events = this.store.commit(this.runId, { events: [{ type: 'run.usage', runId: this.runId, at, endpoint: usage.endpoint, meters: usage.meters }] });
    this.emit(events);
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const events: EngineEvent[] = [];
    if (this.lines.length > 0) {
      const batch = this.lines;
      this.lines = [];
      const stored = this.store.appendLogLines(batch).get(this.runId) ?? [];
      const last = stored[stored.length - 1];
      if (last) events.push({ type: 'log', runId: this.runId, seq: last.seq, at: last.at, lines: stored });
    }
    if (this.progress.size > 0) {
      const at = this.now();
      const steps: Record<string, { progress: Progress }> = {};
      const drafts = [...this.progress].map(([stepId, progress]) => {
        steps[stepId] = { progress };
        return { type: 'step.progress' as const, runId: this.runId, at, stepId, progress };
      });
      this.progress.clear();
      events.push(...this.store.commit(this.runId, { steps, events: drafts }));
    }
    if (events.length > 0) this.emit(events.sort((a, b) => a.seq - b.seq));
  }

  dispose(): void {
    this.flush();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, flushIntervalMs);
  }
}
