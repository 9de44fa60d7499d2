import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines, type Expirable } from './deadlines';

function item(): Expirable & { expired: number } {
  const entry = {
    watched: false,
    expired: 0,
    expire() {
      entry.expired++;
    },
  };
  return entry;
}

describe('Deadlines', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('expires a watched item after its timeout, never before, and late by less than an eighth', () => {
    for (const timeoutMs of [1600, 1000, 7, 60_000]) {
      const deadlines = new Deadlines();
      const watched = item();
      deadlines.watch(watched, timeoutMs);
      vi.advanceTimersByTime(timeoutMs - 1);
      expect(watched.expired).toBe(0);
      vi.advanceTimersByTime(Math.ceil(timeoutMs / 8) + 2);
      expect(watched.expired).toBe(1);
    }
  });

  it('measures each item from when it was watched', () => {
    const deadlines = new Deadlines();
    const first = item();
    const second = item();
    deadlines.watch(first, 1000);
    vi.advanceTimersByTime(700);
    deadlines.watch(second, 1000);
    vi.advanceTimersByTime(700);
    expect([first.expired, second.expired]).toEqual([1, 0]);
    vi.advanceTimersByTime(500);
    expect(second.expired).toBe(1);
  });

  it('never expires an unwatched item and leaves no timer once nothing is watched', () => {
    const deadlines = new Deadlines();
    const done = item();
    const other = item();
    deadlines.watch(done, 100);
    deadlines.watch(other, 250);
    expect(vi.getTimerCount()).toBe(2);
    deadlines.unwatch(done, 100);
    deadlines.unwatch(other, 250);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(done.expired + other.expired).toBe(0);
  });

  it('ignores timeouts too long for a timer', () => {
    const deadlines = new Deadlines();
    deadlines.watch(item(), Infinity);
    expect(vi.getTimerCount()).toBe(0);
  });
});
