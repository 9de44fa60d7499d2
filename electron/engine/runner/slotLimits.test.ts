import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { SlotRegistry } from './slotLimits';

const never = new AbortController().signal;

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('SlotRegistry', () => {
  it('lets at most `limit` holders of a key work at once and hands slots out in arrival order', async () => {
    const slots = new SlotRegistry();
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    const runs = gates.map((g, index) =>
      slots.run('clone:pve1/local', 2, never, async () => {
        started.push(index);
        await g.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.inUse('clone:pve1/local')).toBe(2);
    gates[1]!.open();
    await runs[1];
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.open();
    gates[2]!.open();
    await Promise.all(runs);
    expect(slots.inUse('clone:pve1/local')).toBe(0);
  });

  it('keeps keys apart', async () => {
    const slots = new SlotRegistry();
    const held = gate();
    const first = slots.run('tasks:pve1', 1, never, () => held.promise);
    let other = false;
    await slots.run('tasks:pve2', 1, never, async () => {
      other = true;
    });
    expect(other).toBe(true);
    held.open();
    await first;
  });

  it('gives the slot back when the work throws', async () => {
    const slots = new SlotRegistry();
    await expect(slots.run('k', 1, never, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await slots.run('k', 1, never, async () => 'next')).toBe('next');
  });

  it('stops waiting when the signal aborts, without taking a slot', async () => {
    const slots = new SlotRegistry();
    const held = gate();
    const first = slots.run('k', 1, never, () => held.promise);
    const abort = new AbortController();
    let ran = false;
    const waiting = slots.run('k', 1, abort.signal, async () => {
      ran = true;
    });
    abort.abort();
    await expect(waiting).rejects.toBeInstanceOf(AppFailure);
    held.open();
    await first;
    expect(ran).toBe(false);
    expect(slots.inUse('k')).toBe(0);
  });
});
