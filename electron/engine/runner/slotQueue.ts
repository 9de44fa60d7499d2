import { IndexHeap } from './indexHeap';
import { KeyedLimiter } from './keyedLimiter';
import type { StepRecord } from './stepRecord';

/**
 * Steps waiting for a slot, handed out in plan order as their concurrency
 * key allows. Removal is lazy: a step skipped or cancelled while waiting
 * just drops its `queued` flag and is passed over when it surfaces.
 */
export class SlotQueue {
  private readonly ready = new IndexHeap();
  private readonly limiter = new KeyedLimiter();
  private waitingCount = 0;

  constructor(private readonly records: readonly StepRecord[]) {}

  /** Steps queued and not yet handed out (some may be parked on a full key). */
  get waiting(): number {
    return this.waitingCount;
  }

  add(record: StepRecord): void {
    record.queued = true;
    this.waitingCount++;
    this.ready.push(record.index);
  }

  remove(record: StepRecord): void {
    if (!record.queued) return;
    record.queued = false;
    this.waitingCount--;
  }

  /** The first waiting step whose key has a free slot, with that slot taken; undefined if none can start. */
  take(): StepRecord | undefined {
    for (;;) {
      const index = this.ready.pop();
      if (index === undefined) return undefined;
      const record = this.records[index] as StepRecord;
      if (!record.queued) {
        // Gone while waiting; it may have been the one woken for its key.
        if (record.key !== undefined) this.wake(record.key);
        continue;
      }
      if (record.key !== undefined && !this.limiter.tryAcquire(record.key, record.keyLimit)) {
        this.limiter.park(record.key, index);
        continue;
      }
      record.queued = false;
      this.waitingCount--;
      return record;
    }
  }

  /** Gives back the key slot `take()` took for the record. */
  release(record: StepRecord): void {
    if (record.key === undefined) return;
    this.limiter.release(record.key);
    this.wake(record.key);
  }

  clear(): void {
    for (;;) {
      const index = this.ready.pop();
      if (index === undefined) break;
      (this.records[index] as StepRecord).queued = false;
    }
    this.limiter.clearParked();
    this.waitingCount = 0;
  }

  /** Hands a freed key slot to the first step still waiting for it. */
  private wake(key: string): void {
    for (;;) {
      const index = this.limiter.unpark(key);
      if (index === undefined) return;
      if ((this.records[index] as StepRecord).queued) {
        this.ready.push(index);
        return;
      }
    }
  }
}
