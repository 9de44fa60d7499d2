import { doneStepStates, type Progress, type StepSnapshot } from './runModel';
import { estimateRemainingMs } from './format';

export interface ProgressSummary {
  total: number;
  done: number;
  failed: number;
  /** 0..1: finished steps plus the reported share of the running ones, so the bar moves inside long steps. */
  fraction: number;
  bytesDone: number;
  bytesTotal: number;
  /** Summed over the steps moving bytes now. */
  bytesPerSecond: number;
  remainingMs: number | null;
}

const isActive = (step: StepSnapshot): boolean => step.state === 'running' || step.state === 'retrying';

/** How far a single step is, 0..1. */
export function stepFraction(step: StepSnapshot): number {
  if (doneStepStates.has(step.state)) return 1;
  const progress = step.progress;
  if (!progress || !isActive(step)) return 0;
  if (progress.fraction !== undefined) return progress.fraction;
  if (progress.bytesTotal && progress.bytesTotal > 0) return Math.min(1, (progress.bytesDone ?? 0) / progress.bytesTotal);
  return 0;
}

export function summarizeSteps(steps: readonly StepSnapshot[]): ProgressSummary {
  let done = 0;
  let failed = 0;
  let partial = 0;
  let bytesDone = 0;
  let bytesTotal = 0;
  let bytesPerSecond = 0;
  for (const step of steps) {
    if (doneStepStates.has(step.state)) done++;
    else if (step.state === 'failed') failed++;
    partial += stepFraction(step);
    const progress = step.progress;
    if (progress?.bytesTotal !== undefined && progress.bytesTotal > 0) {
      bytesTotal += progress.bytesTotal;
      bytesDone += doneStepStates.has(step.state) ? progress.bytesTotal : Math.min(progress.bytesDone ?? 0, progress.bytesTotal);
      if (isActive(step)) bytesPerSecond += progress.bytesPerSecond ?? 0;
    }
  }
  const total = steps.length;
  return {
    total,
    done,
    failed,
    fraction: total === 0 ? 0 : partial / total,
    bytesDone,
    bytesTotal,
    bytesPerSecond,
    remainingMs: bytesPerSecond > 0 ? estimateRemainingMs(bytesDone, bytesTotal, bytesPerSecond) : null,
  };
}

/** A single step's transfer as a summary-like shape, for per-target rows. */
export function transferOf(progress: Progress | null): { bytesDone: number; bytesTotal: number; bytesPerSecond: number; remainingMs: number | null } | null {
  if (!progress?.bytesTotal) return null;
  const bytesDone = progress.bytesDone ?? 0;
  const bytesPerSecond = progress.bytesPerSecond ?? 0;
  return { bytesDone, bytesTotal: progress.bytesTotal, bytesPerSecond, remainingMs: estimateRemainingMs(bytesDone, progress.bytesTotal, bytesPerSecond) };
}
