/**
 * Pauses between polls of something that ends soon or late (a task, a
 * booting guest): short at first, since most end within a second or two,
 * then growing by half each time up to `maxMs`, so a long wait costs a
 * request every few seconds. Slower growth than doubling: a poll lands at
 * most a third after the moment the thing ended.
 */
export function* pollPauses(firstMs: number, maxMs: number): Generator<number, never> {
  let pause = firstMs;
  for (;;) {
    yield pause;
    pause = Math.min(maxMs, Math.round(pause * 1.5));
  }
}
