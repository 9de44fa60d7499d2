import { AppFailure, appError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

/**
 * Named slots a step holds only around the work that loads a platform (a
 * clone task on a node's storage, any task on a node), never around a wait
 * (a guest agent booting). The runner's `concurrencyKey` holds a key for a
 * whole attempt; these are taken and given back inside it.
 */
export interface SlotLimits {
  /**
   * Runs `work` holding one of `limit` slots of `key`, waiting in FIFO order
   * for a free one; the wait (not `work`) ends when `signal` aborts.
   */
  run<T>(key: string, limit: number, signal: AbortSignal, work: () => Promise<T>): Promise<T>;
}

interface Waiter {
  wake(): void;
}

interface KeySlots {
  used: number;
  waiting: Waiter[];
}

/** One per run: every attempt of the run sees the same slots. */
export class SlotRegistry implements SlotLimits {
  private readonly keys = new Map<string, KeySlots>();

  async run<T>(key: string, limit: number, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    if (!Number.isInteger(limit) || limit < 1) throw new AppFailure(appError('internal', `Slot limit of ${key} must be a whole number ≥ 1 (got ${limit}).`));
    await this.acquire(key, limit, signal);
    try {
      return await work();
    } finally {
      this.release(key);
    }
  }

  /** Slots of `key` held now (for tests and benchmarks). */
  inUse(key: string): number {
    return this.keys.get(key)?.used ?? 0;
  }

  private acquire(key: string, limit: number, signal: AbortSignal): Promise<void> {
    let slots = this.keys.get(key);
    if (!slots) {
      slots = { used: 0, waiting: [] };
      this.keys.set(key, slots);
    }
    if (signal.aborted) return Promise.reject(abortReason(signal, key));
    if (slots.used < limit && slots.waiting.length === 0) {
      slots.used++;
      return Promise.resolve();
    }
    const held = slots;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        wake: () => {
          signal.removeEventListener('abort', onAbort);
          held.used++;
          resolve();
        },
      };
      const onAbort = (): void => {
        const index = held.waiting.indexOf(waiter);
        if (index >= 0) held.waiting.splice(index, 1);
        reject(abortReason(signal, key));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      held.waiting.push(waiter);
      // The limit may be higher than when the others started waiting.
      this.wakeWhileFree(held, limit);
    });
  }

  private release(key: string): void {
    const slots = this.keys.get(key);
    if (!slots) return;
    slots.used--;
    const next = slots.waiting.shift();
    if (next) next.wake();
    else if (slots.used === 0) this.keys.delete(key);
  }

  private wakeWhileFree(slots: KeySlots, limit: number): void {
    while (slots.used < limit && slots.waiting.length > 0) (slots.waiting.shift() as Waiter).wake();
  }
}

function abortReason(signal: AbortSignal, key: string): unknown {
  return signal.reason instanceof AppFailure ? signal.reason : new AppFailure(appError('cancelled', text('service.runner.slotCancelled', { key })));
}
