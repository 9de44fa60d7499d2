import { describe, expect, it } from 'vitest';
import { estimateRemainingMs, formatBytes, formatDuration, formatPercent, formatRate } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024 * 1024, '10.0 MiB'],
    [4 * 1024 ** 3, '4.00 GiB'],
    [512 * 1024 ** 3, '512 GiB'],
    [3 * 1024 ** 4, '3.00 TiB'],
  ])('%d bytes is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it('refuses nonsense instead of printing NaN', () => {
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
    expect(formatRate(Number.POSITIVE_INFINITY)).toBe('–');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [44_600, '45 s'],
    [185_000, '3 min 05 s'],
    [2 * 3600_000 + 7 * 60_000 + 30_000, '2 h 07 min'],
  ])('%d ms is %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('estimateRemainingMs', () => {
  it('divides what is left by the rate', () => {
    expect(estimateRemainingMs(25, 100, 5)).toBe(15_000);
  });
  it('has no estimate without a rate or when done', () => {
    expect(estimateRemainingMs(0, 100, 0)).toBeUndefined();
    expect(estimateRemainingMs(100, 100, 5)).toBeUndefined();
  });
});

describe('formatPercent', () => {
  it('never shows 100% before the end', () => {
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(1.5)).toBe('100%');
  });
});
