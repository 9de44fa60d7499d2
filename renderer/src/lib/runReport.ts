import type { RunSnapshot, StepSnapshot } from '../../../shared/runModel';
import { stepOutcome } from '../../../shared/runOutcome';
import { elapsedMs, targetRows } from './targets';

export interface RunReport {
  durationMs: number | null;
  steps: { total: number; succeeded: number; adopted: number; failed: number; skipped: number; notRun: number };
  /** Targets (a VM, an image on a storage) by outcome: created = made by this run, adopted = found already in place. */
  targets: { total: number; created: number; adopted: number; failed: number; skipped: number; notRun: number };
  /** Every step was found already done: the run made nothing. */
  nothingMade: boolean;
  failed: StepSnapshot[];
  /** The slowest finished steps, slowest first. */
  slowest: { step: StepSnapshot; durationMs: number }[];
  /** Each target's time from its first start to its last end. */
  targetDurations: { target: string; state: string; durationMs: number | null }[];
}

/** What a run achieved, for the report step: counts, failures, and where the time went. */
export function runReport(run: RunSnapshot, slowestCount = 5): RunReport {
  const outcome = stepOutcome(run.stepCounts);
  const steps = { total: outcome.total, succeeded: outcome.ran, adopted: outcome.adopted, failed: outcome.failed, skipped: outcome.skipped, notRun: outcome.notRun };
  const rows = targetRows(run.steps, false);
  const targets = { total: rows.length, created: 0, adopted: 0, failed: 0, skipped: 0, notRun: 0 };
  for (const row of rows) {
    if (row.state === 'succeeded') targets.created++;
    else if (row.state === 'adopted') targets.adopted++;
    else if (row.state === 'failed') targets.failed++;
    else if (row.state === 'skipped') targets.skipped++;
    else targets.notRun++;
  }
  const slowest = run.steps
    .filter((step) => step.startedAt !== null && step.endedAt !== null)
    .map((step) => ({ step, durationMs: (step.endedAt ?? 0) - (step.startedAt ?? 0) }))
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, slowestCount);
  return {
    durationMs: run.endedAt === null ? null : elapsedMs(run.startedAt, run.endedAt, run.endedAt),
    steps,
    targets,
    nothingMade: outcome.nothingMade,
    failed: run.steps.filter((step) => step.state === 'failed'),
    slowest,
    targetDurations: rows.map((row) => ({ target: row.target, state: row.state, durationMs: row.endedAt === null ? null : elapsedMs(row.startedAt, row.endedAt, row.endedAt) })),
  };
}
