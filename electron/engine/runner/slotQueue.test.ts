import { describe, expect, it } from 'vitest';
import { IndexHeap } from './indexHeap';
import { SlotQueue } from './slotQueue';
import type { StepRecord } from './stepRecord';

function records(keys: Array<string | undefined>, keyLimit = 1): StepRecord[] {
  return keys.map((key, index) => ({ index, key, keyLimit, queued: false }) as StepRecord);
}

describe('IndexHeap', () => {
  it('pops in ascending order whatever the push order', () => {
    const heap = new IndexHeap();
    let seed = 7;
    const values: number[] = [];
    for (let count = 0; count < 500; count++) {
      seed = (seed * 48271) % 2147483647;
      values.push(seed % 1000);
      heap.push(seed % 1000);
    }
    const popped: number[] = [];
    for (let value = heap.pop(); value !== undefined; value = heap.pop()) popped.push(value);
    expect(popped).toEqual([...values].sort((a, b) => a - b));
  });
});

describe('SlotQueue', () => {
  it('hands out steps in order, holding back those whose key is full until it frees', () => {
    const list = records(['A', 'A', 'B', undefined]);
    const queue = new SlotQueue(list);
    for (const record of [...list].reverse()) queue.add(record);

    expect([queue.take(), queue.take(), queue.take()].map((record) => record?.index)).toEqual([0, 2, 3]);
    expect(queue.take()).toBeUndefined();
    expect(queue.waiting).toBe(1);

    queue.release(list[0] as StepRecord);
    expect(queue.take()?.index).toBe(1);
    expect(queue.waiting).toBe(0);
  });

  it('passes over a removed step and gives its key slot to the next one', () => {
    const list = records(['A', 'A', 'A']);
    const queue = new SlotQueue(list);
    list.forEach((record) => queue.add(record));
    expect(queue.take()?.index).toBe(0);
    expect(queue.take()).toBeUndefined();

    queue.remove(list[1] as StepRecord);
    queue.release(list[0] as StepRecord);
    expect(queue.take()?.index).toBe(2);
  });
});
