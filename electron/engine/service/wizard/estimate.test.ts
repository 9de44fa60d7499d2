import { describe, expect, it } from 'vitest';
import { estimateMakespanMs, typicalDurationMs, typicalDurations, type EstimateStep } from './estimate';

const step = (id: string, durationMs: number, deps: string[] = [], slot?: EstimateStep['slot']): EstimateStep => ({ id, durationMs, deps, ...(slot ? { slot } : {}) });

describe('duration estimate', () => {
  it('gives each kind its typical duration; uploads grow with their size', () => {
    expect(typicalDurationMs('proxmox.vm.create')).toBe(typicalDurations.vmCreateMs);
    expect(typicalDurationMs('proxmox.image.upload', 500_000_000)).toBe(typicalDurations.uploadOverheadMs + 10_000);
    expect(typicalDurationMs('something.else')).toBe(typicalDurations.otherMs);
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
