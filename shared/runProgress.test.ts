import { describe, expect, it } from 'vitest';
import { stepFraction, summarizeSteps } from './runProgress';
import { makeStep } from './testRuns';

const GiB = 1024 ** 3;

describe('summarizeSteps', () => {
  it('counts done steps, adds the share of running ones, and sums the transfers', () => {
    const summary = summarizeSteps([
      makeStep('a', { state: 'succeeded', progress: { bytesDone: GiB, bytesTotal: GiB } }),
      makeStep('b', { state: 'skipped' }),
      makeStep('c', { state: 'running', progress: { bytesDone: GiB / 2, bytesTotal: 3 * GiB, bytesPerSecond: GiB / 10 } }),
      makeStep('d', { state: 'failed' }),
    ]);
    expect(summary).toMatchObject({ total: 4, done: 2, failed: 1, bytesDone: 1.5 * GiB, bytesTotal: 4 * GiB, bytesPerSecond: GiB / 10 });
    expect(summary.fraction).toBeCloseTo((2 + 1 / 6) / 4);
    expect(summary.remainingMs).toBe(25_000);
  });

  it('has no estimate when nothing is moving', () => {
    const summary = summarizeSteps([makeStep('a', { state: 'pending', progress: { bytesDone: 1, bytesTotal: 2 } })]);
    expect(summary.remainingMs).toBeNull();
    expect(summarizeSteps([]).fraction).toBe(0);
  });
});

describe('stepFraction', () => {
  it('prefers the reported fraction, then bytes, and ignores progress of steps that are not running', () => {
    expect(stepFraction(makeStep('a', { state: 'running', progress: { fraction: 0.3, bytesDone: 9, bytesTotal: 10 } }))).toBe(0.3);
    expect(stepFraction(makeStep('a', { state: 'running', progress: { bytesDone: 5, bytesTotal: 10 } }))).toBe(0.5);
    expect(stepFraction(makeStep('a', { state: 'failed', progress: { fraction: 0.7 } }))).toBe(0);
    expect(stepFraction(makeStep('a', { state: 'skipped' }))).toBe(1);
  });
});
