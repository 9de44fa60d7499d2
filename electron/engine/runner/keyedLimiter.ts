import { IndexHeap } from './indexHeap';

/**
 * Slots per concurrency key (an endpoint, a node), and the steps parked
 * because their key was full. A release hands back one parked step at a
 * time: waking them all would re-park all but one, O(n²) on a busy key.
 */
export class KeyedLimiter {
  private readonly inUse = new Map<string, number>();
  private readonly parked = new Map<string, IndexHeap>();

  tryAcquire(key: string, limit: number): boolean {
    const used = this.inUse.get(key) ?? 0;
    if (used >= limit) return false;
    this.inUse.set(key, used + 1);
    return true;
  }

  release(key: string): void {
    const used = this.inUse.get(key) ?? 0;
    if (used <= 1) this.inUse.delete(key);
    else this.inUse.set(key, used - 1);
  }

  park(key: string, index: number): void {
    let heap = this.parked.get(key);
    if (heap === undefined) {
      heap = new IndexHeap();
      this.parked.set(key, heap);
    }
    heap.push(index);
  }

  /** The lowest parked index of the key, if any. */
  unpark(key: string): number | undefined {
    const heap = this.parked.get(key);
    if (heap === undefined) return undefined;
    const index = heap.pop();
    if (heap.size === 0) this.parked.delete(key);
    return index;
  }

  clearParked(): void {
    this.parked.clear();
  }
}
