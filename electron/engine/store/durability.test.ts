import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './openStore';
import { makeTempDir, sampleRun, sampleSteps } from './storeTestKit';

const temp = makeTempDir('durability');
afterAll(() => temp.remove());

describe('durability', () => {
  it('keeps runs, steps, events, logs, artifacts and pins across close and reopen', () => {
    const file = temp.file('restart.sqlite');
    const store = openStore(file);
    store.createRun(sampleRun('r1'), sampleSteps());
    const events = store.commit('r1', {
      run: { state: 'running', startedAt: 5 },
      steps: { 'vm.clone:web-01': { state: 'succeeded', attempt: 1, endedAt: 9 } },
      events: [{ type: 'run.state', at: 5, state: 'running', error: null }],
    });
    store.appendLogLines([{ runId: 'r1', stepId: null, level: 'info', at: 6, text: 'hello' }]);
    store.setArtifact('r1', 'vm.clone:web-01', 'vmid', 101);
    const pin = store.addPin({ kind: 'ssh', host: 'h', port: 22, fingerprint: 'f', subject: null }, 7);
    store.reserve({ environment: 'site-1', resourceKind: 'vmid', value: '101', runId: 'r1', stepId: 'vm.clone:web-01' }, 8);
    const before = { run: store.getRun('r1'), steps: store.getSteps('r1') };
    store.close();

    const reopened = openStore(file);
    expect(reopened.getRun('r1')).toEqual(before.run);
    expect(reopened.getSteps('r1')).toEqual(before.steps);
    expect(reopened.getEventsAfter('r1', 0, 10)).toEqual(events);
    expect(reopened.getLogLines('r1', { limit: 10 }).lines).toEqual([{ seq: 2, stepId: null, level: 'info', at: 6, text: 'hello' }]);
    expect(reopened.getArtifact('r1', 'vm.clone:web-01', 'vmid')).toBe(101);
    expect(reopened.listPins()).toEqual([pin]);
    expect(reopened.listReservations('site-1', 'vmid')).toHaveLength(1);
    // The counter continues where it stopped.
    expect(reopened.commit('r1', { events: [{ type: 'run.state', at: 9, state: 'paused', error: null }] })[0]?.seq).toBe(3);
    reopened.close();
  });

  it('keeps committed work when the process dies without closing', () => {
    const file = temp.file('crash.sqlite');
    const crashed = openStore(file);
    crashed.createRun(sampleRun('r1'), sampleSteps());
    crashed.commit('r1', {
      run: { state: 'running' },
      steps: { 'vm.clone:web-01': { state: 'running', attempt: 1 }, 'vm.clone:web-02': { state: 'ready' } },
      events: [{ type: 'run.state', at: 1, state: 'running', error: null }],
    });
    crashed.createRun(sampleRun('done', { environment: 'site-2' }), []);
    crashed.commit('done', { run: { state: 'succeeded' }, events: [] });
    // No close(): the next "launch" opens the same file while the WAL still holds the writes.

    const next = openStore(file);
    expect(next.markInterrupted(50)).toEqual(['r1']);
    expect(next.markInterrupted(60)).toEqual([]);
    expect(next.getRun('r1')).toMatchObject({ state: 'interrupted', lastSeq: 4 });
    expect(next.getRun('done')?.state).toBe('succeeded');
    expect(next.getSteps('r1').map((step) => [step.id, step.state, step.attempt])).toEqual([
      ['image.upload:pve1/local/u.iso', 'pending', 0],
      ['vm.clone:web-01', 'pending', 1],
      ['vm.clone:web-02', 'pending', 0],
    ]);
    const recorded = next.getEventsAfter('r1', 1, 10);
    expect(recorded.map((event) => [event.seq, event.type, event.at])).toEqual([
      [2, 'step.state', 50],
      [3, 'step.state', 50],
      [4, 'run.state', 50],
    ]);
    expect(recorded[2]).toEqual({ type: 'run.state', runId: 'r1', seq: 4, at: 50, state: 'interrupted', error: null });
    expect(next.findActiveRun('site-1')?.id).toBe('r1');
    next.close();
    crashed.close();
  });

  it('lets a second instance read what the first writes (WAL), with one shared counter', () => {
    const file = temp.file('two.sqlite');
    const writer = openStore(file);
    const reader = openStore(file);
    writer.createRun(sampleRun('r1'), sampleSteps());
    expect(reader.getRun('r1')?.state).toBe('pending');
    for (let round = 0; round < 5; round += 1) {
      writer.appendLogLines([{ runId: 'r1', stepId: null, level: 'info', at: round, text: `w${round}` }]);
      reader.commit('r1', { events: [{ type: 'step.progress', at: round, stepId: 'vm.clone:web-01', progress: { fraction: round / 5 } }] });
      expect(reader.getLogLines('r1', { limit: 100 }).lines).toHaveLength(round + 1);
    }
    const seqs = [
      ...writer.getLogLines('r1', { limit: 100 }).lines.map((line) => line.seq),
      ...writer.getEventsAfter('r1', 0, 100).map((event) => event.seq),
    ].sort((left, right) => left - right);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    writer.close();
    reader.close();
  });

  it('reads past a corrupt JSON value instead of failing', () => {
    const file = temp.file('corrupt.sqlite');
    const store = openStore(file);
    store.createRun(sampleRun('r1'), sampleSteps());
    store.commit('r1', {
      steps: { 'vm.clone:web-01': { progress: { fraction: 0.2 } } },
      events: [
        { type: 'run.state', at: 1, state: 'running', error: null },
        { type: 'run.state', at: 2, state: 'paused', error: null },
      ],
    });
    store.setArtifact('r1', 's', 'k', { ok: true });

    const raw = new Database(file);
    raw.exec(`
      UPDATE runs SET source_json = '{broken', error_json = '{"code":"nope"}';
      UPDATE steps SET progress_json = 'nan', deps_json = '[1', input_json = '{';
      UPDATE events SET payload_json = '{' WHERE seq = 1;
      UPDATE artifacts SET value_json = '[';
    `);
    raw.close();

    expect(store.getRun('r1')).toMatchObject({ id: 'r1', source: null, error: null });
    const steps = store.getSteps('r1');
    expect(steps).toHaveLength(3);
    expect(steps[1]).toMatchObject({ id: 'vm.clone:web-01', progress: null, deps: [], input: null });
    expect(store.getEventsAfter('r1', 0, 10).map((event) => event.seq)).toEqual([2]);
    expect(store.getArtifact('r1', 's', 'k')).toBeNull();
    expect(store.listArtifacts('r1')).toEqual([{ stepId: 's', key: 'k', value: null }]);
    store.close();
  });
});
