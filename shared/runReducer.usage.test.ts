import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './runModel';
import { applyEvents } from './runReducer';
import { makeRun, makeStep } from './testRuns';

const base = { runId: 'run-1', at: 5000 };
const meters = (instances: number) => [
  { id: 'instances' as const, used: instances, quota: 10, total: null },
  { id: 'vcpus' as const, used: instances * 2, quota: -1, total: 64 },
];

describe('applyEvents with run.usage', () => {
  it('keeps the latest reading per endpoint and leaves the steps alone', () => {
    const run = makeRun([makeStep('a')]);
    const events: EngineEvent[] = [
      { ...base, type: 'run.usage', seq: 11, endpoint: 'os1', meters: meters(1) },
      { ...base, type: 'run.usage', seq: 12, endpoint: 'os2', meters: meters(5) },
      { ...base, type: 'run.usage', seq: 13, endpoint: 'os1', meters: meters(3) },
    ];
    const next = applyEvents(run, events);
    expect(next.usage?.os1?.[0]?.used).toBe(3);
    expect(next.usage?.os2?.[1]).toEqual({ id: 'vcpus', used: 10, quota: -1, total: 64 });
    expect(next.steps).toBe(run.steps);
    expect(next.seq).toBe(13);
    expect(run.usage).toBeUndefined();
  });

  it('has no usage when no reading arrived', () => {
    const run = makeRun([makeStep('a')]);
    const next = applyEvents(run, [{ ...base, type: 'run.state', seq: 11, state: 'running', error: null }]);
    expect(next.usage).toBeUndefined();
  });
});
