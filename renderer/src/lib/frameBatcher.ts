/** Asks for `callback` to run soon; returns a function that withdraws the request. */
export type Schedule = (callback: () => void) => () => void;

/*
 * Next animation frame, or 250 ms if no frame comes: browsers stop frames
 * in hidden tabs, and events must not pile up there until the user returns.
 */
export const nextFrame: Schedule = (callback) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelFrame();
    clearTimeout(timer);
    callback();
  };
  const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(once) : null;
  const cancelFrame = () => {
    if (frame !== null) cancelAnimationFrame(frame);
  };
  const timer = setTimeout(once, 250);
  return () => {
    done = true;
    cancelFrame();
    clearTimeout(timer);
  };
};

export interface FrameBatcher<T> {
  push(items: readonly T[]): void;
  /** Removes and returns what is waiting, without flushing it. */
  drain(): T[];
  cancel(): void;
}

/** Collects items and hands them to `flush` at most once per scheduled tick, all together. */
export function createFrameBatcher<T>(flush: (items: T[]) => void, schedule: Schedule = nextFrame): FrameBatcher<T> {
  let waiting: T[] = [];
  let withdraw: (() => void) | null = null;
  const run = () => {
    withdraw = null;
    const items = waiting;
    waiting = [];
    if (items.length > 0) flush(items);
  };
  return {
    push(items) {
      if (items.length === 0) return;
      for (const item of items) waiting.push(item);
      withdraw ??= schedule(run);
    },
    drain() {
      withdraw?.();
      withdraw = null;
      const items = waiting;
      waiting = [];
      return items;
    },
    cancel() {
      withdraw?.();
      withdraw = null;
      waiting = [];
    },
  };
}
