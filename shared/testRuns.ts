import type { RunSnapshot, StepSnapshot } from './runModel';
import { countSteps } from './runReducer';

/** Builders for tests: a step and a run with sensible defaults. */
export function makeStep(id: string, extra: Partial<StepSnapshot> = {}): StepSnapshot {
  return {
    id,
    kind: 'demo.work',
    title: `Work ${id}`,
    target: extra.target ?? 'vm-1',
    deps: [],
    state: 'pending',
    attempt: 0,
    startedAt: null,
    endedAt: null,
    progress: null,
    error: null,
    ...extra,
  };
}

export function makeRun(steps: StepSnapshot[], extra: Partial<RunSnapshot> = {}): RunSnapshot {
  return {
    id: 'run-1',
    planName: 'demo',
    environment: 'lab',
    rehearsal: false,
    state: 'running',
    createdAt: 1000,
    startedAt: 1000,
    endedAt: null,
    seq: 10,
    steps,
    stepCounts: countSteps(steps),
    ...extra,
  };
}
