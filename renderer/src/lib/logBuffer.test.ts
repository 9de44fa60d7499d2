import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/runModel';
import { LogBuffer } from './logBuffer';

const line = (seq: number, extra: Partial<LogLine> = {}): LogLine => ({ seq, stepId: 's1', level: 'info', at: seq, text: `line ${seq}`, ...extra });
const lines = (from: number, to: number): LogLine[] => Array.from({ length: to - from + 1 }, (_, i) => line(from + i));

describe('LogBuffer', () => {
  it('appends only lines newer than the newest held, so overlapping fetches do not repeat lines', () => {
    const buffer = new LogBuffer(100);
    expect(buffer.append(lines(1, 5))).toBe(5);
    expect(buffer.append(lines(3, 8))).toBe(3);
    expect(buffer.size).toBe(8);
    expect(buffer.lastSeq).toBe(8);
    expect(buffer.at(7)?.seq).toBe(8);
  });

  it('drops the oldest lines in chunks once past the cap, keeping absolute indices', () => {
    const buffer = new LogBuffer(16);
    buffer.append(lines(1, 18)); // within the slack of an eighth
    expect(buffer.size).toBe(18);
    buffer.append(lines(19, 19));
    expect(buffer.size).toBe(16);
    expect(buffer.firstIndex).toBe(3);
    expect(buffer.at(2)).toBeUndefined();
    expect(buffer.at(3)?.seq).toBe(4);
    expect(buffer.at(buffer.endIndex - 1)?.seq).toBe(19);
  });

  it('holds at most the cap plus an eighth however much arrives', () => {
    const buffer = new LogBuffer(1000);
    let newest = 0;
    for (let batch = 0; batch < 70; batch++) {
      buffer.append(lines(newest + 1, newest + 700));
      newest += 700;
      expect(buffer.size).toBeLessThanOrEqual(1125);
    }
    expect(buffer.size).toBeGreaterThanOrEqual(1000);
    expect(buffer.at(buffer.endIndex - 1)?.seq).toBe(49_000);
    expect(buffer.at(buffer.firstIndex)?.seq).toBe(buffer.firstIndex + 1);
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => new LogBuffer(0)).toThrow(/cap/);
  });
});
