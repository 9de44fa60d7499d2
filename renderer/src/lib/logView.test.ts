import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/runModel';
import { LogBuffer } from './logBuffer';
import { emptyLogFilter, lowerBound, LogView } from './logView';

const targets = new Map([
  ['web.install', 'web'],
  ['web.boot', 'web'],
  ['db.install', 'db'],
]);

function fill(buffer: LogBuffer, count: number, from = 1): void {
  const batch: LogLine[] = [];
  const steps = ['web.install', 'db.install', 'web.boot', null];
  for (let seq = from; seq < from + count; seq++) {
    batch.push({ seq, stepId: steps[seq % 4]!, level: seq % 10 === 0 ? 'error' : 'info', at: seq, text: seq % 7 === 0 ? `Uploading chunk ${seq}` : `tick ${seq}` });
  }
  buffer.append(batch);
}

const seqs = (view: LogView): number[] => Array.from({ length: view.length }, (_, i) => view.lineAt(i)!.seq);

describe('LogView', () => {
  it('without a filter shows every held line in order', () => {
    const buffer = new LogBuffer(100);
    fill(buffer, 5);
    const view = new LogView(buffer, emptyLogFilter, targets);
    expect(seqs(view)).toEqual([1, 2, 3, 4, 5]);
  });

  it('filters by target (leaving out run-level lines), level and case-insensitive text', () => {
    const buffer = new LogBuffer(1000);
    fill(buffer, 100);
    const web = new LogView(buffer, { ...emptyLogFilter, target: 'web' }, targets);
    expect(seqs(web)).toEqual(Array.from({ length: 50 }, (_, i) => 2 + 2 * i));
    const errors = new LogView(buffer, { ...emptyLogFilter, minLevel: 'warn' }, targets);
    expect(seqs(errors)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    const found = new LogView(buffer, { ...emptyLogFilter, query: '  UPLOADING chunk 7' }, targets);
    expect(seqs(found)).toEqual([7, 70, 77]);
    const step = new LogView(buffer, { ...emptyLogFilter, stepId: 'db.install', minLevel: 'error' }, targets);
    expect(seqs(step)).toEqual([]);
    expect(seqs(new LogView(buffer, { ...emptyLogFilter, stepId: 'db.install' }, targets))).toHaveLength(25);
  });

  it('takes in appended lines and forgets dropped ones on refresh', () => {
    const buffer = new LogBuffer(40);
    fill(buffer, 40);
    const view = new LogView(buffer, { ...emptyLogFilter, minLevel: 'error' }, targets);
    expect(seqs(view)).toEqual([10, 20, 30, 40]);
    fill(buffer, 20, 41);
    view.refresh();
    expect(buffer.firstIndex).toBe(20);
    expect(seqs(view)).toEqual([30, 40, 50, 60]);
    expect(view.positionOf(buffer.firstIndex + 15)).toBe(1);
  });
});

describe('lowerBound', () => {
  it('finds the first value not below the target', () => {
    expect(lowerBound([1, 3, 5], 0)).toBe(0);
    expect(lowerBound([1, 3, 5], 3)).toBe(1);
    expect(lowerBound([1, 3, 5], 4)).toBe(2);
    expect(lowerBound([1, 3, 5], 9)).toBe(3);
  });
});
