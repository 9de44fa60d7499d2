import type { EngineEvent, RunSnapshot, StepSnapshot, StepState } from './runModel';
import { doneStepStates } from './runModel';

/**
 * Applies pushed events to a snapshot. Events at or below the snapshot's
 * `seq` are already in it and are ignored, so a late subscriber can fetch a
 * snapshot and then apply whatever arrives, in any overlap, safely.
 * Log events only advance `seq`: lines are kept by whoever shows them.
 */
export function applyEvents(snapshot: RunSnapshot, events: readonly EngineEvent[]): RunSnapshot {
  let next = snapshot;
  let steps: StepSnapshot[] | null = null;
  let index: Map<string, number> | null = null;
  const editableStep = (stepId: string): StepSnapshot | undefined => {
    steps ??= [...next.steps];
    index ??= new Map(steps.map((step, position) => [step.id, position]));
    const position = index.get(stepId);
    if (position === undefined) return undefined;
    const copy = { ...steps[position]! };
    steps[position] = copy;
    return copy;
  };
  for (const event of events) {
    if (event.runId !== snapshot.id || event.seq <= next.seq) continue;
    next = { ...next, seq: event.seq };
    switch (event.type) {
      case 'run.state':
        next.state = event.state;
        if (event.state === 'running' && next.startedAt === null) next.startedAt = event.at;
        if (event.state === 'succeeded' || event.state === 'failed' || event.state === 'cancelled') next.endedAt = event.at;
        break;
      case 'step.state': {
        const step = editableStep(event.stepId);
        if (!step) break;
        step.state = event.state;
        step.attempt = event.attempt;
        step.error = event.error;
        if (event.state === 'running' && step.startedAt === null) step.startedAt = event.at;
        if (isEnded(event.state)) step.endedAt = event.at;
        if (event.state === 'pending') step.progress = null;
        break;
      }
      case 'step.progress': {
        const step = editableStep(event.stepId);
        if (step) step.progress = event.progress;
        break;
      }
      case 'log':
        break;
    }
  }
  if (steps) next = { ...next, steps, stepCounts: countStates(steps) };
  return next;
}

function isEnded(state: StepState): boolean {
  return state === 'succeeded' || state === 'failed' || state === 'skipped' || state === 'cancelled';
}

export function countStates(steps: readonly StepSnapshot[]): Record<StepState, number> {
  const counts: Record<StepState, number> = { pending: 0, ready: 0, running: 0, retrying: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const step of steps) counts[step.state]++;
  return counts;
}

export interface RunTotals {
  stepsDone: number;
  stepsTotal: number;
  bytesDone: number;
  bytesTotal: number;
  bytesPerSecond: number;
  /** Done steps count whole; running ones by their own fraction. */
  fraction: number;
}

export function runTotals(snapshot: RunSnapshot): RunTotals {
  let stepsDone = 0;
  let partial = 0;
  let bytesDone = 0;
  let bytesTotal = 0;
  let bytesPerSecond = 0;
  for (const step of snapshot.steps) {
    const isDone = doneStepStates.has(step.state);
    if (isDone) stepsDone++;
    else if (step.progress?.fraction !== undefined) partial += step.progress.fraction;
    const progress = step.progress;
    if (progress?.bytesTotal !== undefined) {
      bytesTotal += progress.bytesTotal;
      bytesDone += isDone ? progress.bytesTotal : (progress.bytesDone ?? 0);
      if (step.state === 'running') bytesPerSecond += progress.bytesPerSecond ?? 0;
    }
  }
  const stepsTotal = snapshot.steps.length;
  return { stepsDone, stepsTotal, bytesDone, bytesTotal, bytesPerSecond, fraction: stepsTotal === 0 ? 1 : (stepsDone + partial) / stepsTotal };
}
