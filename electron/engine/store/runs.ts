import type { Database, Statement } from 'better-sqlite3';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { RunSnapshot, RunSummary, StepState } from '../../../shared/runModel';
import type { ListRunsQuery } from './records';
import { emptyStepCounts, toJson, toRunSummary, toStoredRun, toStoredStep, type RunRow, type StepRow } from './rows';
import { isUniqueViolation } from './storeErrors';
import type { NewRun, NewStep, StoredRun, StoredStep } from './types';

const summaryColumns = 'id, plan_name, environment, state, created_at, started_at, ended_at';
/** States in which a run still holds its environment (see activeRunStates; interrupted waits for resume, a rollback for its undos). */
const holdingStates = `('pending', 'running', 'paused', 'interrupted', 'rolling_back')`;

/** Creating and reading runs and their steps. */
export class RunRecords {
  private readonly insertRun: Statement;
  private readonly insertStep: Statement;
  private readonly selectRun: Statement<[string], RunRow>;
  private readonly selectRuns: Statement<{ states: string | null; limit: number }, RunRow>;
  private readonly selectActive: Statement<[string], RunRow>;
  private readonly selectSteps: Statement<[string], StepRow>;
  private readonly countSteps: Statement<[string], { state: string; n: number }>;
  private readonly anyUndo: Statement<[string], number>;
  private readonly create: (run: NewRun, steps: NewStep[]) => void;
  private readonly snapshot: (runId: string) => RunSnapshot | undefined;

  constructor(db: Database) {
    this.insertRun = db.prepare(
      `INSERT INTO runs (id, plan_name, environment, state, created_at, source_json, last_seq) VALUES (?, ?, ?, 'pending', ?, ?, 0)`,
    );
    this.insertStep = db.prepare(
      `INSERT INTO steps (run_id, step_id, ordinal, kind, title, title_key, title_params_json, target, deps_json, input_json, state, attempt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)`,
    );
    this.selectRun = db.prepare('SELECT * FROM runs WHERE id = ?');
    this.selectRuns = db.prepare(
      `SELECT ${summaryColumns} FROM runs
       WHERE @states IS NULL OR state IN (SELECT value FROM json_each(@states))
       ORDER BY created_at DESC, rowid DESC LIMIT @limit`,
    );
    this.selectActive = db.prepare(
      `SELECT * FROM runs WHERE environment = ? AND state IN ${holdingStates} ORDER BY created_at DESC, rowid DESC LIMIT 1`,
    );
    this.selectSteps = db.prepare('SELECT * FROM steps WHERE run_id = ? ORDER BY ordinal');
    this.countSteps = db.prepare('SELECT state, count(*) AS n FROM steps WHERE run_id = ? GROUP BY state');
    this.anyUndo = db.prepare<[string], number>('SELECT EXISTS (SELECT 1 FROM steps WHERE run_id = ? AND undo_json IS NOT NULL)').pluck();
    this.create = db.transaction((run: NewRun, steps: NewStep[]) => this.insertAll(run, steps));
    this.snapshot = db.transaction((runId: string) => this.readSnapshot(runId));
  }

  createRun(run: NewRun, steps: NewStep[]): void {
    this.create(run, steps);
  }

  getRun(runId: string): StoredRun | undefined {
    const row = this.selectRun.get(runId);
    return row && toStoredRun(row, this.stepCounts(runId));
  }

  listRuns(query: ListRunsQuery): RunSummary[] {
    const states = query.states === undefined ? null : JSON.stringify(query.states);
    const rows = this.selectRuns.all({ states, limit: clampLimit(query.limit) });
    return rows.map((row) => {
      const summary = toRunSummary(row, this.stepCounts(row.id));
      return this.anyUndo.get(row.id) === 1 ? { ...summary, rollbackStarted: true } : summary;
    });
  }

  getSteps(runId: string): StoredStep[] {
    return this.selectSteps.all(runId).map(toStoredStep);
  }

  findActiveRun(environment: string): StoredRun | undefined {
    const row = this.selectActive.get(environment);
    return row && toStoredRun(row, this.stepCounts(row.id));
  }

  /** Run, steps and the last sequence number they contain, read in one transaction so they agree. */
  getSnapshot(runId: string): RunSnapshot | undefined {
    return this.snapshot(runId);
  }

  private readSnapshot(runId: string): RunSnapshot | undefined {
    const run = this.getRun(runId);
    if (!run) return undefined;
    const steps = this.getSteps(runId).map(({ input: _input, ...step }) => step);
    const { source: _source, lastSeq, error: _error, ...summary } = run;
    return { ...summary, seq: lastSeq, steps };
  }

  private stepCounts(runId: string): Record<StepState, number> {
    const counts = emptyStepCounts();
    for (const { state, n } of this.countSteps.all(runId)) {
      if (state in counts) counts[state as StepState] = n;
    }
    return counts;
  }

  private insertAll(run: NewRun, steps: NewStep[]): void {
    try {
      this.insertRun.run(run.id, run.planName, run.environment, run.createdAt, toJson(run.source, `source of run "${run.id}"`));
    } catch (cause) {
      if (isUniqueViolation(cause)) fail('conflict', text('store.runExists', { run: run.id }));
      throw cause;
    }
    steps.forEach((step, ordinal) => {
      try {
        this.insertStep.run(
          run.id,
          step.id,
          ordinal,
          step.kind,
          step.title,
          step.titleKey ?? null,
          toJson(step.titleParams, `title of step "${step.id}"`),
          step.target,
          JSON.stringify(step.deps),
          toJson(step.input, `input of step "${step.id}"`),
        );
      } catch (cause) {
        if (isUniqueViolation(cause)) fail('conflict', text('store.stepTwice', { step: step.id, run: run.id }));
        throw cause;
      }
    });
  }
}

/** SQLite reads a negative LIMIT as "no limit"; a caller's 0 or garbage must not mean everything. */
export function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}
