import { describe, expect, it } from 'vitest';
import {
  estimateRemainingMs,
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatPercent,
  formatRemaining,
  formatSpeed,
} from './format';

const GiB = 1024 ** 3;

describe('formatBytes', () => {
  it('uses binary units with one decimal below ten and none above', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1,023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12.4 * 1024 ** 2)).toBe('12 MiB');
    expect(formatBytes(1.2 * GiB)).toBe('1.2 GiB');
    expect(formatBytes(4 * GiB)).toBe('4 GiB');
  });

  it('moves to the next unit instead of showing 1,024 of the smaller one', () => {
    expect(formatBytes(1023.8 * 1024)).toBe('1 MiB');
  });

  it('follows the locale for separators', () => {
    expect(formatBytes(1.5 * GiB, 'es')).toBe('1,5 GiB');
  });

  it('shows a dash for values that are not sizes', () => {
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(Number.NaN)).toBe('–');
  });
});

describe('formatSpeed', () => {
  it('is a size per second', () => {
    expect(formatSpeed(45 * 1024 ** 2)).toBe('45 MiB/s');
  });
});

describe('formatDuration', () => {
  it('is exact to the second and names at most two units', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(42_900)).toBe('42 sec');
    expect(formatDuration(185_000)).toBe('3 min 5 sec');
    expect(formatDuration(2 * 3600_000 + 7 * 60_000 + 59_000)).toBe('2 hr 7 min');
  });

  it('speaks the locale', () => {
    expect(formatDuration(185_000, 'zh')).toBe('3分钟5秒');
    expect(formatDuration(185_000, 'es')).toBe('3 min 5 s');
  });
});

describe('formatRemaining', () => {
  it('rounds up to whole minutes once past a minute', () => {
    expect(formatRemaining(12_100)).toBe('13 sec');
    expect(formatRemaining(61_000)).toBe('2 min');
    expect(formatRemaining(60 * 60_000)).toBe('1 hr');
    expect(formatRemaining(90 * 60_000)).toBe('1 hr 30 min');
  });
});

describe('estimateRemainingMs', () => {
  it('divides what is left by the speed', () => {
    expect(estimateRemainingMs(1 * GiB, 4 * GiB, GiB / 60)).toBe(180_000);
  });

  it('is zero when done and unknown without a speed or a total', () => {
    expect(estimateRemainingMs(5, 5, 0)).toBe(0);
    expect(estimateRemainingMs(1, 5, 0)).toBeNull();
    expect(estimateRemainingMs(1, 0, 10)).toBeNull();
  });
});

describe('formatPercent', () => {
  it('rounds down so that only a finished task reads 100%', () => {
    expect(formatPercent(0.996)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0.456)).toBe('45%');
  });

  it('clamps out-of-range fractions', () => {
    expect(formatPercent(-0.2)).toBe('0%');
    expect(formatPercent(3)).toBe('100%');
  });
});

describe('formatClock', () => {
  it('shows local time to the millisecond', () => {
    expect(formatClock(new Date(2024, 0, 2, 9, 5, 7, 42).getTime())).toBe('09:05:07.042');
  });
});

describe('formatCount', () => {
  it('groups digits the way the locale does', () => {
    expect(formatCount(140_007)).toBe('140,007');
    expect(formatCount(140_007, 'es')).toBe('140.007');
  });
});
