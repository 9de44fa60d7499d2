import type { Database, Statement } from 'better-sqlite3';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { EngineEvent } from '../../../shared/runModel';
import type { EventDraft, RunChange, StateEvent } from './records';
import { toEngineEvent, toJson, type EventRow } from './rows';
import { clampLimit } from './runs';
import { prepareSeqAllocator, type SeqAllocator } from './sequence';
import type { RunUpdate, StepUpdate } from './types';

interface RunUpdateParams {
  runId: string;
  setState: number;
  state: string | null;
  setStartedAt: number;
  startedAt: number | null;
  setEndedAt: number;
  endedAt: number | null;
  setError: number;
  error: string | null;
}

interface StepUpdateParams extends Omit<RunUpdateParams, 'runId'> {
  runId: string;
  stepId: string;
  setAttempt: number;
  attempt: number | null;
  setProgress: number;
  progress: string | null;
  setUndo: number;
  undo: string | null;
}

/** A field left out of an update keeps its value; `null` clears it. One cached statement covers every combination. */
const keepOr = (column: string, flag: string, value: string) => `${column} = CASE WHEN @${flag} THEN @${value} ELSE ${column} END`;

/**
 * State changes with their events, written together: a reader never sees a
 * state without the event that announced it, or the reverse.
 */
export class EventLog {
  private readonly allocate: SeqAllocator;
  private readonly updateRun: Statement<RunUpdateParams>;
  private readonly updateStep: Statement<StepUpdateParams>;
  private readonly insertEvent: Statement<[string, number, string, string | null, number]>;
  private readonly selectEvents: Statement<[string, number, number], EventRow>;
  private readonly selectUnfinished: Statement<[], string>;
  private readonly resetSteps: Statement<[string], { step_id: string; attempt: number }>;
  private readonly commitTx: (runId: string, change: RunChange) => EngineEvent[];
  private readonly interruptTx: (now: number) => string[];

  constructor(db: Database) {
    this.allocate = prepareSeqAllocator(db);
    this.updateRun = db.prepare(
      `UPDATE runs SET ${keepOr('state', 'setState', 'state')}, ${keepOr('started_at', 'setStartedAt', 'startedAt')},
       ${keepOr('ended_at', 'setEndedAt', 'endedAt')}, ${keepOr('error_json', 'setError', 'error')} WHERE id = @runId`,
    );
    this.updateStep = db.prepare(
      `UPDATE steps SET ${keepOr('state', 'setState', 'state')}, ${keepOr('attempt', 'setAttempt', 'attempt')},
       ${keepOr('started_at', 'setStartedAt', 'startedAt')}, ${keepOr('ended_at', 'setEndedAt', 'endedAt')},
       ${keepOr('progress_json', 'setProgress', 'progress')}, ${keepOr('error_json', 'setError', 'error')},
       ${keepOr('undo_json', 'setUndo', 'undo')}
       WHERE run_id = @runId AND step_id = @stepId`,
    );
    this.insertEvent = db.prepare('INSERT INTO events (run_id, seq, type, payload_json, at) VALUES (?, ?, ?, ?, ?)');
    this.selectEvents = db.prepare('SELECT run_id, seq, type, payload_json, at FROM events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?');
    this.selectUnfinished = db.prepare<[], string>(`SELECT id FROM runs WHERE state IN ('pending', 'running', 'paused', 'rolling_back') ORDER BY created_at`).pluck();
    this.resetSteps = db.prepare(
      `UPDATE steps SET state = 'pending' WHERE run_id = ? AND state IN ('ready', 'running', 'retrying') RETURNING step_id, attempt`,
    );
    this.commitTx = db.transaction((runId: string, change: RunChange) => this.apply(runId, change));
    this.interruptTx = db.transaction((now: number) => this.interruptAll(now));
  }

  commit(runId: string, change: RunChange): EngineEvent[] {
    return this.commitTx(runId, change);
  }

  getEventsAfter(runId: string, seq: number, limit: number): EngineEvent[] {
    const events: EngineEvent[] = [];
    for (const row of this.selectEvents.all(runId, seq, clampLimit(limit))) {
      const event = toEngineEvent(row);
      if (event) events.push(event);
    }
    return events;
  }

  /**
   * After a crash: every unfinished run becomes 'interrupted' and its
   * in-flight steps go back to 'pending' (their check() decides on resume
   * whether the work was done). Each change is recorded as an event.
   * A rollback that was under way is interrupted too; rolling back again
   * finishes it (its step undo records say what is left).
   */
  markInterrupted(now: number): string[] {
    return this.interruptTx(now);
  }

  private interruptAll(now: number): string[] {
    const runIds = this.selectUnfinished.all();
    for (const runId of runIds) {
      const events: EventDraft[] = this.resetSteps
        .all(runId)
        .map(({ step_id, attempt }) => ({ type: 'step.state', at: now, stepId: step_id, state: 'pending', attempt, error: null }));
      events.push({ type: 'run.state', at: now, state: 'interrupted', error: null });
      this.apply(runId, { run: { state: 'interrupted' }, events });
    }
    return runIds;
  }

  private apply(runId: string, change: RunChange): EngineEvent[] {
    // Allocating first also proves the run exists, before anything is written.
    const firstSeq = this.allocate(runId, change.events.length);
    if (change.run) this.updateRun.run(runParams(runId, change.run));
    for (const [stepId, update] of Object.entries(change.steps ?? {})) {
      const result = this.updateStep.run(stepParams(runId, stepId, update));
      if (result.changes === 0) fail('not_found', text('store.stepNotFound', { step: stepId, run: runId }));
    }
    return change.events.map((draft, index) => {
      if (draft.runId !== undefined && draft.runId !== runId) {
        fail('internal', `An event for run "${draft.runId}" was committed to run "${runId}".`);
      }
      const event = { ...draft, runId, seq: firstSeq + index } as StateEvent;
      const { type, runId: _runId, seq, at, ...payload } = event;
      this.insertEvent.run(runId, seq, type, toJson(payload, `${type} event`), at);
      return event;
    });
  }
}

const flag = (present: boolean): number => (present ? 1 : 0);

/** The fields runs and steps share. */
type CommonUpdate = Pick<RunUpdate, 'startedAt' | 'endedAt' | 'error'> & { state?: string };

function runParams(runId: string, update: CommonUpdate): RunUpdateParams {
  return {
    runId,
    setState: flag(update.state !== undefined),
    state: update.state ?? null,
    setStartedAt: flag(update.startedAt !== undefined),
    startedAt: update.startedAt ?? null,
    setEndedAt: flag(update.endedAt !== undefined),
    endedAt: update.endedAt ?? null,
    setError: flag(update.error !== undefined),
    error: update.error === undefined ? null : toJson(update.error, 'run error'),
  };
}

function stepParams(runId: string, stepId: string, update: StepUpdate): StepUpdateParams {
  return {
    ...runParams(runId, update),
    stepId,
    setAttempt: flag(update.attempt !== undefined),
    attempt: update.attempt ?? null,
    setProgress: flag(update.progress !== undefined),
    progress: update.progress === undefined ? null : toJson(update.progress, 'step progress'),
    setUndo: flag(update.undo !== undefined),
    undo: update.undo === undefined ? null : toJson(update.undo, 'step undo'),
  };
}
