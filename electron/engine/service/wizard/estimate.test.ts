import { describe, expect, it } from 'vitest';
import { defaultDurations, durationModel, estimateMakespanMs, rangeOfSamples, type EstimateStep } from './estimate';
import type { PastStepDurations } from '../../store';

const noHistory: PastStepDurations = { byKind: new Map(), lastUpload: null, runs: 0 };

const step = (id: string, durationMs: number, deps: string[] = [], slot?: EstimateStep['slot']): EstimateStep => ({ id, durationMs, deps, ...(slot ? { slot } : {}) });

describe('duration estimate', () => {
  it('without history, guesses per kind, lab apart from real, and says so', () => {
    const real = durationModel(noHistory, false);
    expect(real.basis).toEqual({ source: 'defaults' });
    expect(real.rangeOf('proxmox.vm.create', 0)).toEqual(defaultDurations.real.vmCreate);
    expect(real.rangeOf('something.else', 0)).toEqual(defaultDurations.real.other);
    expect(durationModel(noHistory, true).rangeOf('proxmox.vm.create', 0)).toEqual(defaultDurations.lab.vmCreate);
  });

  it('takes the middle of past durations of the same kind', () => {
    const past: PastStepDurations = { byKind: new Map([['proxmox.vm.create', [3_000, 4_000, 5_000, 60_000, 2_000]]]), lastUpload: null, runs: 5 };
    const model = durationModel(past, true);
    expect(model.basis).toEqual({ source: 'history', runs: 5 });
    // Quartiles 3 s and 5 s, widened by a tenth: one slow outlier does not drag the range.
    expect(model.rangeOf('proxmox.vm.create', 0)).toEqual({ lowMs: 2_700, highMs: 5_500 });
    expect(rangeOfSamples([10_000])).toEqual({ lowMs: 9_000, highMs: 11_000 });
  });

  it('sizes uploads by the speed of the last transfer', () => {
    const past: PastStepDurations = { byKind: new Map(), lastUpload: { bytes: 100_000_000, durationMs: 10_000 }, runs: 1 };
    const { uploadOverheadMs } = defaultDurations.real;
    // 10 MB/s: 1 GB takes 100 s plus the storage's import.
    expect(durationModel(past, false).rangeOf('proxmox.image.upload', 1_000_000_000)).toEqual({
      lowMs: Math.round((uploadOverheadMs + 100_000) * 0.8),
      highMs: Math.round((uploadOverheadMs + 100_000) * 1.5),
    });
  });

  it('runs independent steps side by side up to the concurrency', () => {
    const steps = Array.from({ length: 8 }, (_, i) => step(`s${i}`, 10));
    expect(estimateMakespanMs(steps, 4)).toBe(20);
    expect(estimateMakespanMs(steps, 8)).toBe(10);
    expect(estimateMakespanMs(steps, 1)).toBe(80);
  });

  it('waits for dependencies', () => {
    const steps = [step('upload', 30), step('a', 10, ['upload']), step('b', 10, ['upload']), step('c', 5)];
    expect(estimateMakespanMs(steps, 4)).toBe(40);
  });

  it('honours a per-key limit below the concurrency', () => {
    const slot = { key: 'node1', limit: 1 };
    const steps = [step('u1', 10, [], slot), step('u2', 10, [], slot), step('u3', 10, [], { key: 'node2', limit: 1 })];
    expect(estimateMakespanMs(steps, 4)).toBe(20);
  });

  it('is zero for no steps and ignores dependencies outside the graph', () => {
    expect(estimateMakespanMs([], 4)).toBe(0);
    expect(estimateMakespanMs([step('a', 7, ['gone'])], 4)).toBe(7);
  });

  it('terminates on a dependency cycle', () => {
    expect(estimateMakespanMs([step('a', 5, ['b']), step('b', 5, ['a'])], 2)).toBe(10);
  });
});
