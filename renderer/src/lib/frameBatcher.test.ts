import { describe, expect, it } from 'vitest';
import { createFrameBatcher, type Schedule } from './frameBatcher';

function manualSchedule(): { schedule: Schedule; tick(): void; requested(): number } {
  let pending: (() => void)[] = [];
  let requests = 0;
  return {
    schedule(callback) {
      requests++;
      pending.push(callback);
      return () => {
        pending = pending.filter((entry) => entry !== callback);
      };
    },
    tick() {
      const due = pending;
      pending = [];
      for (const callback of due) callback();
    },
    requested: () => requests,
  };
}

describe('createFrameBatcher', () => {
  it('hands everything pushed before a tick to one flush, in order', () => {
    const clock = manualSchedule();
    const flushes: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => flushes.push(items), clock.schedule);
    batcher.push([1, 2]);
    batcher.push([3]);
    batcher.push([]);
    expect(flushes).toEqual([]);
    expect(clock.requested()).toBe(1);
    clock.tick();
    batcher.push([4]);
    clock.tick();
    expect(flushes).toEqual([[1, 2, 3], [4]]);
  });

  it('drain takes the waiting items and withdraws the tick', () => {
    const clock = manualSchedule();
    const flushes: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => flushes.push(items), clock.schedule);
    batcher.push([1, 2]);
    expect(batcher.drain()).toEqual([1, 2]);
    clock.tick();
    expect(flushes).toEqual([]);
  });
});
