import { describe, expect, it } from 'vitest';
import { ProgressMeter } from './progressMeter';
import type { TransferProgress } from './types';

function meterWithClock(total: number) {
  let now = 0;
  const reports: TransferProgress[] = [];
  const meter = new ProgressMeter(total, (report) => reports.push(report), { now: () => now, windowMs: 3000, intervalMs: 100 });
  return { meter, reports, tick: (ms: number) => (now += ms) };
}

describe('ProgressMeter', () => {
  it('reports at most once per interval, and always at the end', () => {
    const { meter, reports, tick } = meterWithClock(1000);
    for (let i = 1; i <= 100; i++) {
      tick(10); // 100 updates over one second
      meter.set(i * 10);
    }
    expect(reports.length).toBeLessThanOrEqual(11);
    expect(reports.length).toBeGreaterThanOrEqual(9);
    meter.finish();
    expect(reports.at(-1)).toMatchObject({ bytesDone: 1000, bytesTotal: 1000, etaSeconds: 0 });
  });

  it('averages speed over the window, so the ETA follows the recent rate', () => {
    const { meter, reports, tick } = meterWithClock(100_000);
    // 10 s at 1000 B/s, then 4 s at 5000 B/s: the window (3 s) only sees the fast part.
    let done = 0;
    for (let i = 0; i < 100; i++) {
      tick(100);
      meter.set((done += 100));
    }
    expect(reports.at(-1)!.bytesPerSecond).toBe(1000);
    expect(reports.at(-1)!.etaSeconds).toBeCloseTo((100_000 - 10_000) / 1000, 0);
    for (let i = 0; i < 40; i++) {
      tick(100);
      meter.set((done += 500));
    }
    expect(reports.at(-1)!.bytesPerSecond).toBe(5000);
  });

  it('has no ETA before it knows a speed, and starts over on restart', () => {
    const { meter, reports, tick } = meterWithClock(1000);
    meter.set(0);
    expect(reports.at(-1)!.etaSeconds).toBeNull();
    tick(500);
    meter.set(500);
    meter.restart(200);
    tick(100);
    meter.set(300);
    expect(reports.at(-1)).toMatchObject({ bytesDone: 300, bytesPerSecond: 1000 });
  });
});
