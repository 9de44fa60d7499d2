import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../shared/runModel';
import { finishedRuns } from './runNotifier';

const state = (runId: string, runState: 'running' | 'succeeded' | 'failed', seq: number): EngineEvent => ({ type: 'run.state', runId, seq, at: seq, state: runState, error: null });

describe('finishedRuns', () => {
  it('reports watched runs that reached a final state, with the last state of the batch', () => {
    const events: EngineEvent[] = [
      state('a', 'failed', 1),
      state('b', 'succeeded', 2),
      { type: 'log', runId: 'a', seq: 3, at: 3, lines: [] },
      state('c', 'failed', 4),
      // Retried and running again within the same batch: not finished after all.
      state('c', 'running', 5),
    ];
    expect(finishedRuns(events, (id) => id !== 'b')).toEqual([{ runId: 'a', state: 'failed' }]);
  });

  it('says nothing for runs still going', () => {
    expect(finishedRuns([state('a', 'running', 1)], () => true)).toEqual([]);
  });
});
