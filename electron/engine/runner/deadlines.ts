/** setTimeout cannot wait longer than this; a longer timeout means "none". */
export const longestTimeout = 2 ** 31 - 1;

/** Slots per timeout length: expiry is late by less than two slots (1/8 of the timeout), never early. */
const slotsPerTimeout = 16;

export interface Expirable {
  /** Set by Deadlines while the item may still expire. */
  watched: boolean;
  expire(): void;
}

/**
 * Attempt deadlines on one ticking ring per timeout length, the way kernels
 * keep timers. Arming a Node timer per attempt, or even reading the clock,
 * costs more than the rest of a short step's bookkeeping; here an attempt
 * costs an array push, and a ring ticks only while it holds live attempts.
 */
export class Deadlines {
  private readonly rings = new Map<number, DeadlineRing>();

  watch(item: Expirable, timeoutMs: number): void {
    if (!(timeoutMs <= longestTimeout)) return;
    let ring = this.rings.get(timeoutMs);
    if (ring === undefined) {
      ring = new DeadlineRing(timeoutMs);
      this.rings.set(timeoutMs, ring);
    }
    ring.add(item);
  }

  unwatch(item: Expirable, timeoutMs: number): void {
    if (!item.watched) return;
    item.watched = false;
    this.rings.get(timeoutMs)?.removed();
  }
}

/*
 * Slot i collects the items added between tick i and tick i+1. The ring
 * has ceil(timeout / period) + 1 slots, so when it comes round to a slot
 * again, more than ceil(timeout / period) periods (at least the timeout)
 * have passed since any of its items was added: the ones still watched
 * have timed out.
 */
class DeadlineRing {
  private readonly period: number;
  private readonly slots: Expirable[][];
  private current = 0;
  private live = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(timeoutMs: number) {
    this.period = Math.max(1, Math.ceil(timeoutMs / slotsPerTimeout));
    const count = Math.ceil(timeoutMs / this.period) + 1;
    this.slots = Array.from({ length: count }, () => []);
  }

  add(item: Expirable): void {
    item.watched = true;
    (this.slots[this.current] as Expirable[]).push(item);
    this.live++;
    this.timer ??= setInterval(this.handleTick, this.period);
  }

  removed(): void {
    this.live--;
    if (this.live === 0) this.reset();
  }

  private readonly handleTick = (): void => {
    this.current = (this.current + 1) % this.slots.length;
    const due = this.slots[this.current] as Expirable[];
    this.slots[this.current] = [];
    for (const item of due) {
      if (!item.watched) continue;
      item.watched = false;
      this.live--;
      item.expire();
    }
    if (this.live === 0) this.reset();
  };

  private reset(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.live = 0;
    this.current = 0;
    for (let index = 0; index < this.slots.length; index++) {
      if ((this.slots[index] as Expirable[]).length > 0) this.slots[index] = [];
    }
  }
}
