import { describe, expect, it } from 'vitest';
import { makeRun, makeStep } from '../../../shared/testRuns';
import { runReport } from './runReport';

describe('runReport', () => {
  const run = makeRun(
    [
      makeStep('upload', { target: 'pve/pve1/local', state: 'succeeded', startedAt: 0, endedAt: 5_000 }),
      makeStep('vm.create:web-01', { target: 'web-01', state: 'succeeded', startedAt: 5_000, endedAt: 7_000 }),
      makeStep('vm.create:web-02', { target: 'web-02', state: 'failed', startedAt: 5_000, endedAt: 6_000 }),
      makeStep('vm.create:db-01', { target: 'db-01', state: 'skipped', startedAt: 5_000, endedAt: 5_000 }),
      makeStep('vm.create:db-02', { target: 'db-02', state: 'cancelled' }),
    ],
    { state: 'failed', startedAt: 0, endedAt: 9_000 },
  );

  it('counts steps and targets by outcome', () => {
    const report = runReport(run);
    expect(report.durationMs).toBe(9_000);
    expect(report.steps).toEqual({ total: 5, succeeded: 2, adopted: 0, failed: 1, skipped: 1, notRun: 1 });
    expect(report.targets).toEqual({ total: 5, created: 2, adopted: 0, failed: 1, skipped: 1, notRun: 1 });
    expect(report.nothingMade).toBe(false);
    expect(report.failed.map((step) => step.id)).toEqual(['vm.create:web-02']);
  });

  it('lists the slowest finished steps first and each target duration', () => {
    const report = runReport(run, 2);
    expect(report.slowest.map((entry) => [entry.step.id, entry.durationMs])).toEqual([
      ['upload', 5_000],
      ['vm.create:web-01', 2_000],
    ]);
    expect(report.targetDurations.find((entry) => entry.target === 'web-01')).toEqual({ target: 'web-01', state: 'succeeded', durationMs: 2_000 });
    expect(report.targetDurations.find((entry) => entry.target === 'db-02')?.durationMs).toBeNull();
  });

  it('tells targets found already in place from those created, and a run that made nothing', () => {
    const rehearsed = makeRun(
      [
        makeStep('upload', { target: 'pve/pve1/local', state: 'adopted' }),
        makeStep('vm.create:web-01', { target: 'web-01', state: 'adopted' }),
      ],
      { state: 'succeeded' },
    );
    const report = runReport(rehearsed);
    expect(report.steps).toMatchObject({ total: 2, succeeded: 0, adopted: 2 });
    expect(report.targets).toMatchObject({ total: 2, created: 0, adopted: 2 });
    expect(report.nothingMade).toBe(true);
    const mixed = runReport(makeRun([makeStep('upload', { target: 'web-01', state: 'adopted' }), makeStep('vm', { target: 'web-01', state: 'succeeded' })]));
    expect(mixed.targets).toMatchObject({ created: 1, adopted: 0 });
    expect(mixed.nothingMade).toBe(false);
  });

  it('has no duration for a run that has not ended', () => {
    expect(runReport({ ...run, endedAt: null }).durationMs).toBeNull();
  });
});
