import { isUploadKind, type PastStepDurations } from '../../store';

/*
 * A rough duration range for the review screen, not a promise. Each step
 * kind takes what it took on this laptop before (durationModel, below); the
 * steps are then scheduled twice (quick and slow ends) as the runner
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

/** A duration that is likely to fall between `lowMs` and `highMs`. */
export interface DurationRange {
  lowMs: number;
  highMs: number;
}

/**
 * Guesses for when this laptop has no past run of a kind. Real: a clone
 * (~60 s) plus configure, start and the guest agent's first report (~30 s);
 * uploads at a LAN's ~50 MB/s. Lab: its simulated tasks (clone 0.6 s, start
 * 0.3 s, the guest agent's 1 s, and a few 150 ms tasks) and loopback speed.
 */
export const defaultDurations = {
  real: { vmCreate: { lowMs: 60_000, highMs: 180_000 }, other: { lowMs: 10_000, highMs: 60_000 }, uploadBytesPerSecond: 50_000_000, uploadOverheadMs: 5_000 },
  lab: { vmCreate: { lowMs: 2_000, highMs: 6_000 }, other: { lowMs: 500, highMs: 3_000 }, uploadBytesPerSecond: 200_000_000, uploadOverheadMs: 500 },
} as const;

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** The middle half of what past steps took, widened by a tenth either way (few samples say little). */
export function rangeOfSamples(samplesMs: readonly number[]): DurationRange {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { lowMs: Math.round(quantile(sorted, 0.25) * 0.9), highMs: Math.round(quantile(sorted, 0.75) * 1.1) };
}

/** Where the numbers come from, for the review screen to say. */
export type EstimateBasis = { source: 'history'; runs: number } | { source: 'defaults' };

export interface DurationModel {
  rangeOf(kind: string, uploadBytes: number): DurationRange;
  basis: EstimateBasis;
}

/** Durations from this laptop's past runs where it has them (lab and real apart), the guesses elsewhere. */
export function durationModel(past: PastStepDurations, lab: boolean): DurationModel {
  const defaults = lab ? defaultDurations.lab : defaultDurations.real;
  const uploadSpeed = past.lastUpload ? past.lastUpload.bytes / (past.lastUpload.durationMs / 1000) : defaults.uploadBytesPerSecond;
  return {
    rangeOf(kind, uploadBytes) {
      if (isUploadKind(kind)) {
        // Sizes differ from run to run, so uploads go by speed rather than by past durations.
        const ms = defaults.uploadOverheadMs + Math.ceil((uploadBytes / uploadSpeed) * 1000);
        return { lowMs: Math.round(ms * 0.8), highMs: Math.round(ms * 1.5) };
      }
      const samples = past.byKind.get(kind) ?? [];
      if (samples.length > 0) return rangeOfSamples(samples);
      return kind.endsWith('.vm.create') ? defaults.vmCreate : defaults.other;
    },
    basis: past.runs > 0 ? { source: 'history', runs: past.runs } : { source: 'defaults' },
  };
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
