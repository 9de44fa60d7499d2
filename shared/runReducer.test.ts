import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './runModel';
import { applyEvents } from './runReducer';
import { makeRun, makeStep } from './testRuns';

const base = { runId: 'run-1', at: 5000 };

describe('applyEvents', () => {
  it('applies step states, keeps counts in step, and leaves the original untouched', () => {
    const run = makeRun([makeStep('a'), makeStep('b')]);
    const events: EngineEvent[] = [
      { ...base, type: 'step.state', seq: 11, stepId: 'a', state: 'running', attempt: 1, error: null },
      { ...base, type: 'step.state', seq: 12, stepId: 'a', state: 'succeeded', attempt: 1, error: null, at: 7000 },
    ];
    const next = applyEvents(run, events);
    expect(next.steps[0]).toMatchObject({ state: 'succeeded', attempt: 1, startedAt: 5000, endedAt: 7000 });
    expect(next.stepCounts.succeeded).toBe(1);
    expect(next.stepCounts.pending).toBe(1);
    expect(next.seq).toBe(12);
    expect(run.steps[0]!.state).toBe('pending');
    expect(run.seq).toBe(10);
    expect(next.steps[1]).toBe(run.steps[1]);
  });

  it('ignores events at or below the snapshot seq, and events of other runs', () => {
    const run = makeRun([makeStep('a')]);
    const next = applyEvents(run, [
      { ...base, type: 'step.state', seq: 10, stepId: 'a', state: 'failed', attempt: 1, error: null },
      { ...base, type: 'run.state', seq: 9, state: 'cancelled', error: null },
      { ...base, runId: 'other', type: 'run.state', seq: 50, state: 'cancelled', error: null },
    ]);
    expect(next).toBe(run);
  });

  it('ignores an event older than one already applied in the same batch', () => {
    const run = makeRun([makeStep('a')]);
    const next = applyEvents(run, [
      { ...base, type: 'run.state', seq: 13, state: 'paused', error: null },
      { ...base, type: 'run.state', seq: 12, state: 'running', error: null },
    ]);
    expect(next.state).toBe('paused');
    expect(next.seq).toBe(13);
  });

  it('merges progress updates and clears progress when a step goes back to pending for a retry', () => {
    const run = makeRun([makeStep('a', { state: 'running', attempt: 1, startedAt: 1 })]);
    const progressed = applyEvents(run, [
      { ...base, type: 'step.progress', seq: 11, stepId: 'a', progress: { bytesDone: 10, bytesTotal: 100 } },
      { ...base, type: 'step.progress', seq: 12, stepId: 'a', progress: { bytesDone: 40, bytesPerSecond: 5 } },
    ]);
    expect(progressed.steps[0]!.progress).toEqual({ bytesDone: 40, bytesTotal: 100, bytesPerSecond: 5 });
    const failed = applyEvents(progressed, [
      { ...base, type: 'step.state', seq: 13, stepId: 'a', state: 'failed', attempt: 1, error: { code: 'step_failed', title: 'boom', retryable: true } },
    ]);
    expect(failed.steps[0]).toMatchObject({ state: 'failed', endedAt: 5000, error: { title: 'boom' } });
    const retried = applyEvents(failed, [{ ...base, type: 'step.state', seq: 14, stepId: 'a', state: 'pending', attempt: 1, error: null }]);
    expect(retried.steps[0]).toMatchObject({ state: 'pending', startedAt: null, endedAt: null, progress: null, error: null });
  });

  it('records when a run starts and ends', () => {
    const run = makeRun([makeStep('a')], { state: 'pending', startedAt: null });
    const next = applyEvents(run, [
      { ...base, type: 'run.state', seq: 11, state: 'running', error: null, at: 2000 },
      { ...base, type: 'run.state', seq: 12, state: 'cancelled', error: null, at: 3000 },
    ]);
    expect(next).toMatchObject({ state: 'cancelled', startedAt: 2000, endedAt: 3000 });
  });

  it('skips step events for steps the snapshot does not know, but still advances seq', () => {
    const run = makeRun([makeStep('a')]);
    const next = applyEvents(run, [{ ...base, type: 'step.state', seq: 11, stepId: 'zzz', state: 'failed', attempt: 1, error: null }]);
    expect(next.steps).toBe(run.steps);
    expect(next.seq).toBe(11);
  });

  it('records a rollback per step and ends the run when the rollback settles, keeping the step states it undid', () => {
    const run = makeRun([makeStep('a', { state: 'succeeded', endedAt: 4000, progress: { fraction: 1 } }), makeStep('b', { state: 'failed' })]);
    const boom = { code: 'step_failed', title: 'Could not delete VM 101.', hint: '', retryable: true } as const;
    const next = applyEvents({ ...run, state: 'failed', endedAt: 4500 }, [
      { ...base, type: 'run.state', seq: 11, state: 'rolling_back', error: null },
      { ...base, type: 'step.undo', seq: 12, stepId: 'a', undo: { state: 'undoing', attempt: 1, error: null } },
      { ...base, type: 'step.undo', seq: 13, stepId: 'a', undo: { state: 'undone', attempt: 1, error: null } },
      { ...base, type: 'step.undo', seq: 14, stepId: 'b', undo: { state: 'failed', attempt: 1, error: boom } },
    ]);
    expect(next.state).toBe('rolling_back');
    expect(next.endedAt).toBe(4500);
    expect(next.steps[0]).toMatchObject({ state: 'succeeded', undo: { state: 'undone' }, progress: null });
    expect(next.steps[1]).toMatchObject({ state: 'failed', undo: { state: 'failed', error: boom } });
    expect(next.stepCounts.succeeded).toBe(1);
    const settled = applyEvents(next, [{ ...base, type: 'run.state', seq: 15, state: 'rollback_failed', error: boom, at: 9000 }]);
    expect(settled).toMatchObject({ state: 'rollback_failed', endedAt: 9000 });
  });
});
