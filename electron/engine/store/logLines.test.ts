import { afterAll, describe, expect, it } from 'vitest';
import type { LogLevel } from '../../../shared/runModel';
import { openStore } from './openStore';
import { makeTempDir, sampleRun, sampleSteps } from './storeTestKit';
import type { NewLogLine } from './types';

const temp = makeTempDir('loglines');
afterAll(() => temp.remove());

const line = (runId: string, text: string, level: LogLevel = 'info', stepId: string | null = 'vm.clone:web-01'): NewLogLine => ({
  runId,
  stepId,
  level,
  at: 50,
  text,
});

describe('log lines', () => {
  it('share the run counter with events, gapless, across runs in one batch', () => {
    const store = openStore(temp.file('shared-seq.sqlite'));
    store.createRun(sampleRun('a'), sampleSteps());
    store.createRun(sampleRun('b'), sampleSteps());
    const [started] = store.commit('a', { run: { state: 'running' }, events: [{ type: 'run.state', at: 1, state: 'running', error: null }] });
    const stored = store.appendLogLines([line('a', 'a1'), line('b', 'b1'), line('a', 'a2'), line('b', 'b2', 'warn', null)]);
    expect(stored.get('a')).toEqual([
      { seq: 2, stepId: 'vm.clone:web-01', level: 'info', at: 50, text: 'a1' },
      { seq: 3, stepId: 'vm.clone:web-01', level: 'info', at: 50, text: 'a2' },
    ]);
    expect(stored.get('b')?.map((stored) => [stored.seq, stored.text, stored.stepId])).toEqual([
      [1, 'b1', 'vm.clone:web-01'],
      [2, 'b2', null],
    ]);
    const [next] = store.commit('a', { events: [{ type: 'step.progress', at: 2, stepId: 'vm.clone:web-01', progress: { fraction: 0.1 } }] });
    expect(started?.seq).toBe(1);
    expect(next?.seq).toBe(4);
    expect(store.getRun('a')?.lastSeq).toBe(4);
    // Events only: log lines keep their numbers but are read through getLogLines.
    expect(store.getEventsAfter('a', 0, 10).map((event) => event.seq)).toEqual([1, 4]);
    expect(store.appendLogLines([]).size).toBe(0);
    store.close();
  });

  it('rejects a batch naming an unknown run and keeps none of it', () => {
    const store = openStore(temp.file('unknown-run.sqlite'));
    store.createRun(sampleRun('a'), []);
    expect(() => store.appendLogLines([line('a', 'kept?'), line('ghost', 'x')])).toThrow(/ghost/);
    expect(store.getLogLines('a', { limit: 10 }).lines).toEqual([]);
    expect(store.getRun('a')?.lastSeq).toBe(0);
    store.close();
  });

  it('filters by step and level and pages with afterSeq', () => {
    const store = openStore(temp.file('filter.sqlite'));
    store.createRun(sampleRun('a'), sampleSteps());
    const levels: LogLevel[] = ['debug', 'info', 'warn', 'error'];
    const batch: NewLogLine[] = [];
    for (let index = 0; index < 20; index += 1) {
      batch.push(line('a', `line ${index}`, levels[index % 4], index % 2 === 0 ? 'vm.clone:web-01' : 'vm.clone:web-02'));
    }
    store.appendLogLines(batch);

    const firstPage = store.getLogLines('a', { limit: 8 });
    expect(firstPage.lines.map((stored) => stored.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(firstPage.hasMore).toBe(true);
    const lastPage = store.getLogLines('a', { afterSeq: 16, limit: 8 });
    expect(lastPage.lines.map((stored) => stored.seq)).toEqual([17, 18, 19, 20]);
    expect(lastPage.hasMore).toBe(false);
    expect(store.getLogLines('a', { afterSeq: 12, limit: 8 }).hasMore).toBe(false);

    const warnings = store.getLogLines('a', { limit: 100, minLevel: 'warn' }).lines;
    expect(warnings.every((stored) => stored.level === 'warn' || stored.level === 'error')).toBe(true);
    expect(warnings).toHaveLength(10);

    // Even indexes went to web-01, and their levels alternate debug/warn.
    const web01Warn = store.getLogLines('a', { limit: 100, stepId: 'vm.clone:web-01', minLevel: 'info' });
    expect(web01Warn.lines.map((stored) => stored.text)).toEqual(['line 2', 'line 6', 'line 10', 'line 14', 'line 18']);

    const paged = store.getLogLines('a', { limit: 2, stepId: 'vm.clone:web-02', afterSeq: 10 });
    expect(paged.lines.map((stored) => stored.seq)).toEqual([12, 14]);
    expect(paged.hasMore).toBe(true);
    expect(store.getLogLines('a', { limit: 0 })).toEqual({ lines: [], hasMore: true });
    expect(store.getLogLines('ghost', { limit: 5 })).toEqual({ lines: [], hasMore: false });
    store.close();
  });

  it('persists batches of 1000 lines quickly (figure printed, not asserted)', () => {
    const store = openStore(temp.file('throughput.sqlite'));
    store.createRun(sampleRun('a'), sampleSteps());
    store.createRun(sampleRun('b'), sampleSteps());
    const batches = 200;
    const batchSize = 1000;
    const text = 'Setting up linux-image-6.1.0-18-amd64 (6.1.76-1) ... update-initramfs: Generating /boot/initrd.img';
    const started = performance.now();
    for (let batch = 0; batch < batches; batch += 1) {
      const lines: NewLogLine[] = [];
      for (let index = 0; index < batchSize; index += 1) lines.push(line(index % 4 === 0 ? 'b' : 'a', text));
      store.appendLogLines(lines);
    }
    const seconds = (performance.now() - started) / 1000;
    const total = batches * batchSize;
    console.log(`log lines: ${total} in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} lines/s (batches of ${batchSize}, WAL file)`);
    expect(store.getRun('a')?.lastSeq).toBe(total * 0.75);
    expect(store.getRun('b')?.lastSeq).toBe(total * 0.25);
    store.close();
  });
});
