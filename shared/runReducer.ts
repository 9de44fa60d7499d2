import {
  finalRunStates,
  finalStepStates,
  stepStates,
  type EngineEvent,
  type Progress,
  type RunSnapshot,
  type StepSnapshot,
  type StepState,
} from './runModel';

const waitingStepStates: ReadonlySet<StepState> = new Set(['pending', 'ready']);

export function countSteps(steps: readonly StepSnapshot[]): RunSnapshot['stepCounts'] {
  const counts = Object.fromEntries(stepStates.map((state) => [state, 0])) as RunSnapshot['stepCounts'];
  for (const step of steps) counts[step.state] = (counts[step.state] ?? 0) + 1;
  return counts;
}

function nextStep(step: StepSnapshot, event: Extract<EngineEvent, { type: 'step.state' }>): StepSnapshot {
  const next: StepSnapshot = { ...step, state: event.state, attempt: event.attempt, error: event.error };
  if (waitingStepStates.has(event.state)) {
    // Back to waiting means a retry: the next attempt starts from scratch.
    next.startedAt = null;
    next.endedAt = null;
    next.progress = null;
  } else if (finalStepStates.has(event.state)) {
    next.startedAt = step.startedAt ?? event.at;
    next.endedAt = event.at;
  } else {
    next.startedAt = step.startedAt ?? event.at;
    next.endedAt = null;
  }
  return next;
}

function mergeProgress(previous: Progress | null, update: Progress): Progress {
  return previous ? { ...previous, ...update } : update;
}

/**
 * The snapshot after `events`, without touching the original (unchanged
 * steps keep their identity, so memoised rows do not re-render). Events of
 * other runs and events at or below the snapshot's `seq` are ignored: the
 * snapshot already contains them.
 */
export function applyEvents(snapshot: RunSnapshot, events: readonly EngineEvent[]): RunSnapshot {
  let result = snapshot;
  let steps: StepSnapshot[] | null = null;
  let indexById: Map<string, number> | null = null;
  let statesChanged = false;

  const stepIndex = (stepId: string): number => {
    indexById ??= new Map(snapshot.steps.map((step, index) => [step.id, index]));
    return indexById.get(stepId) ?? -1;
  };
  const writableSteps = (): StepSnapshot[] => (steps ??= [...snapshot.steps]);

  for (const event of events) {
    if (event.runId !== snapshot.id || event.seq <= result.seq) continue;
    if (result === snapshot) result = { ...snapshot };
    result.seq = event.seq;
    switch (event.type) {
      case 'run.state':
        result.state = event.state;
        if (event.state === 'running') result.startedAt ??= event.at;
        if (finalRunStates.has(event.state)) result.endedAt = event.at;
        // A rollback under way keeps the run's end: what it undoes ended then.
        else if (event.state !== 'rolling_back') result.endedAt = null;
        break;
      case 'step.state': {
        const index = stepIndex(event.stepId);
        if (index < 0) break;
        const list = writableSteps();
        list[index] = nextStep(list[index]!, event);
        statesChanged = true;
        break;
      }
      case 'step.undo': {
        const index = stepIndex(event.stepId);
        if (index < 0) break;
        const list = writableSteps();
        const step = list[index]!;
        // An undo starting afresh drops the progress its step's run left behind.
        list[index] = { ...step, undo: event.undo, ...(event.undo.state === 'undoing' ? { progress: null } : {}) };
        break;
      }
      case 'step.progress': {
        const index = stepIndex(event.stepId);
        if (index < 0) break;
        const list = writableSteps();
        const step = list[index]!;
        list[index] = { ...step, progress: mergeProgress(step.progress, event.progress) };
        break;
      }
      case 'run.usage':
        // Only the latest reading per endpoint matters: bars show now, not history.
        result.usage = { ...result.usage, [event.endpoint]: event.meters };
        break;
      case 'log':
        // Lines go to the log store; the snapshot only records that they were seen.
        break;
    }
  }

  if (steps) {
    result.steps = steps;
    if (statesChanged) result.stepCounts = countSteps(steps);
  }
  return result;
}
