/*
 * A rough duration for the review screen, not a promise. Each step kind has
 * a typical duration (below); the steps are then scheduled as the runner
 * would: in graph order, a step starts once its dependencies are done and a
 * slot is free (the run's concurrency, and the kind's per-key limit such as
 * one upload per node). Retries, lock waits and slow guests are ignored.
 */

export interface EstimateStep {
  id: string;
  deps: string[];
  durationMs: number;
  /** Steps with the same key share `limit` slots (the kind's concurrency key). */
  slot?: { key: string; limit: number };
}

/** Typical durations per step kind. */
export const typicalDurations = {
  /** Clone (~60 s) plus configure, start and the guest agent's first report (~30 s). */
  vmCreateMs: 90_000,
  /** Uploads stream at about 50 MB/s on a data-centre LAN, plus the storage's import task. */
  uploadBytesPerSecond: 50_000_000,
  uploadOverheadMs: 5_000,
  /** Any other kind. */
  otherMs: 30_000,
} as const;

export function typicalDurationMs(kind: string, uploadBytes = 0): number {
  if (kind.endsWith('.vm.create')) return typicalDurations.vmCreateMs;
  if (kind.endsWith('.image.upload')) {
    return typicalDurations.uploadOverheadMs + Math.ceil((uploadBytes / typicalDurations.uploadBytesPerSecond) * 1000);
  }
  return typicalDurations.otherMs;
}

/** The time from the first start to the last finish when the steps run with `concurrency` slots. */
export function estimateMakespanMs(steps: readonly EstimateStep[], concurrency: number): number {
  const ids = new Set(steps.map((step) => step.id));
  const waitingOn = new Map(steps.map((step) => [step.id, new Set(step.deps.filter((dep) => ids.has(dep) && dep !== step.id))]));
  const dependants = new Map<string, EstimateStep[]>();
  for (const step of steps) for (const dep of waitingOn.get(step.id) ?? []) dependants.set(dep, [...(dependants.get(dep) ?? []), step]);
  const order = new Map(steps.map((step, index) => [step.id, index]));
  let ready = steps.filter((step) => waitingOn.get(step.id)?.size === 0);
  const running: Array<{ step: EstimateStep; endsAt: number }> = [];
  const busy = new Map<string, number>();
  let pendingCount = steps.length;
  let now = 0;
  const slots = Math.max(1, concurrency);
  while (pendingCount > 0) {
    // Start what fits, in graph order.
    const stillReady: EstimateStep[] = [];
    for (const step of ready) {
      const keyBusy = step.slot ? (busy.get(step.slot.key) ?? 0) : 0;
      if (running.length < slots && (!step.slot || keyBusy < Math.max(1, step.slot.limit))) {
        running.push({ step, endsAt: now + Math.max(0, step.durationMs) });
        if (step.slot) busy.set(step.slot.key, keyBusy + 1);
      } else stillReady.push(step);
    }
    ready = stillReady;
    if (running.length === 0) {
      // Only a dependency cycle leaves steps that can never start; count them as running one after another.
      const stuck = steps.filter((step) => (waitingOn.get(step.id)?.size ?? 0) > 0);
      return now + stuck.reduce((sum, step) => sum + Math.max(0, step.durationMs), 0);
    }
    running.sort((a, b) => a.endsAt - b.endsAt);
    const done = running.shift()!;
    now = done.endsAt;
    pendingCount--;
    if (done.step.slot) busy.set(done.step.slot.key, (busy.get(done.step.slot.key) ?? 1) - 1);
    for (const next of dependants.get(done.step.id) ?? []) {
      const waits = waitingOn.get(next.id)!;
      waits.delete(done.step.id);
      if (waits.size === 0) ready.push(next);
    }
    ready.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }
  return now;
}
