import { doneStepStates, type StepSnapshot, type StepState } from '../../../shared/runModel';
import { stepFraction } from '../../../shared/runProgress';

export interface TargetRow {
  target: string;
  steps: StepSnapshot[];
  /** The step that best says what the target is doing now. */
  current: StepSnapshot;
  state: StepState;
  done: number;
  fraction: number;
  startedAt: number | null;
  /** Null while any of its steps may still run (and the run is going on). */
  endedAt: number | null;
}

const activeStates: ReadonlySet<StepState> = new Set(['running', 'retrying']);
const openStates: ReadonlySet<StepState> = new Set(['pending', 'ready', 'running', 'retrying']);

function currentStep(steps: StepSnapshot[]): StepSnapshot {
  return (
    steps.find((step) => activeStates.has(step.state)) ??
    steps.find((step) => step.state === 'failed') ??
    steps.find((step) => step.state === 'pending' || step.state === 'ready') ??
    steps[steps.length - 1]!
  );
}

/*
 * A target's state is that of its most pressing step: something running beats
 * a failure elsewhere on the same target (it is still moving), a failure beats
 * waiting, and a target is done only when all its steps are.
 */
function targetState(steps: StepSnapshot[]): StepState {
  if (steps.some((step) => step.state === 'retrying')) return 'retrying';
  if (steps.some((step) => step.state === 'running')) return 'running';
  if (steps.some((step) => step.state === 'failed')) return 'failed';
  if (steps.some((step) => step.state === 'cancelled')) return 'cancelled';
  if (steps.some((step) => openStates.has(step.state))) return steps.some((step) => step.state === 'ready') ? 'ready' : 'pending';
  // Done: made if any step made something, else found in place, else skipped.
  if (steps.some((step) => step.state === 'succeeded')) return 'succeeded';
  return steps.some((step) => step.state === 'adopted') ? 'adopted' : 'skipped';
}

/**
 * Steps grouped by target, in the order targets first appear in the plan.
 * Once the run is over (`runActive` false) steps that never ran do not keep
 * a target's clock going: it ends at its last step's end.
 */
export function targetRows(steps: readonly StepSnapshot[], runActive: boolean): TargetRow[] {
  const groups = new Map<string, StepSnapshot[]>();
  for (const step of steps) {
    const group = groups.get(step.target);
    if (group) group.push(step);
    else groups.set(step.target, [step]);
  }
  return [...groups].map(([target, group]) => {
    const starts = group.map((step) => step.startedAt).filter((at): at is number => at !== null);
    const stillOpen = runActive && group.some((step) => openStates.has(step.state));
    const ends = group.map((step) => step.endedAt).filter((at): at is number => at !== null);
    return {
      target,
      steps: group,
      current: currentStep(group),
      state: targetState(group),
      done: group.filter((step) => doneStepStates.has(step.state)).length,
      fraction: group.reduce((sum, step) => sum + stepFraction(step), 0) / group.length,
      startedAt: starts.length > 0 ? Math.min(...starts) : null,
      endedAt: stillOpen || ends.length === 0 ? null : Math.max(...ends),
    };
  });
}

/** How long something has taken: to its end, or to now while it runs. */
export function elapsedMs(startedAt: number | null, endedAt: number | null, now: number): number | null {
  if (startedAt === null) return null;
  return Math.max(0, (endedAt ?? now) - startedAt);
}
