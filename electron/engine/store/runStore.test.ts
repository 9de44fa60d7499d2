import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { openStore } from './openStore';
import type { RunStore } from './runStore';
import { makeTempDir, sampleRun, sampleSteps } from './storeTestKit';

const temp = makeTempDir('runstore');
afterAll(() => temp.remove());

let counter = 0;
function freshStore(): RunStore {
  counter += 1;
  return openStore(temp.file(`store-${counter}.sqlite`));
}

function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof AppFailure ? error.appError.code : `not an AppFailure: ${String(error)}`;
  }
  return undefined;
}

describe('runs and steps', () => {
  it('round-trips a run with its steps in order', () => {
    const store = freshStore();
    store.createRun(sampleRun('r1'), sampleSteps());
    const run = store.getRun('r1');
    expect(run).toMatchObject({
      id: 'r1',
      planName: 'Plan A',
      environment: 'site-1',
      state: 'pending',
      createdAt: 1_000,
      startedAt: null,
      endedAt: null,
      lastSeq: 0,
      error: null,
      source: { kind: 'demo', targets: 2 },
    });
    expect(run?.stepCounts).toEqual({ pending: 3, ready: 0, running: 0, retrying: 0, succeeded: 0, adopted: 0, failed: 0, skipped: 0, cancelled: 0 });
    const steps = store.getSteps('r1');
    expect(steps.map((step) => step.id)).toEqual(sampleSteps().map((step) => step.id));
    expect(steps[1]).toEqual({
      id: 'vm.clone:web-01',
      kind: 'vm.clone',
      title: 'Clone web-01',
      target: 'web-01',
      deps: ['image.upload:pve1/local/u.iso'],
      state: 'pending',
      attempt: 0,
      startedAt: null,
      endedAt: null,
      progress: null,
      error: null,
      input: { vmid: null },
    });
    expect(store.getRun('nope')).toBeUndefined();
    store.close();
  });

  it('refuses a duplicate run id or step id as a conflict and writes nothing', () => {
    const store = freshStore();
    store.createRun(sampleRun('r1'), sampleSteps());
    expect(codeOf(() => store.createRun(sampleRun('r1'), []))).toBe('conflict');
    const twice = [...sampleSteps(), sampleSteps()[0]!];
    expect(codeOf(() => store.createRun(sampleRun('r2'), twice))).toBe('conflict');
    expect(store.getRun('r2')).toBeUndefined();
    store.close();
  });

  it('lists runs newest first, filtered by state and limited', () => {
    const store = freshStore();
    store.createRun(sampleRun('old', { createdAt: 1 }), []);
    store.createRun(sampleRun('mid', { createdAt: 2 }), sampleSteps());
    store.createRun(sampleRun('new', { createdAt: 3 }), []);
    store.commit('mid', { run: { state: 'failed' }, events: [] });
    expect(store.listRuns({ limit: 10 }).map((run) => run.id)).toEqual(['new', 'mid', 'old']);
    expect(store.listRuns({ limit: 2 }).map((run) => run.id)).toEqual(['new', 'mid']);
    expect(store.listRuns({ limit: 10, states: ['failed'] }).map((run) => run.id)).toEqual(['mid']);
    expect(store.listRuns({ limit: 10, states: [] })).toEqual([]);
    expect(store.listRuns({ limit: -1 })).toEqual([]);
    expect(store.listRuns({ limit: 10, states: ['failed'] })[0]?.stepCounts.pending).toBe(3);
    store.close();
  });

  it('marks a listed run whose rollback had begun (a step has an undo record), and no other', () => {
    const store = freshStore();
    store.createRun(sampleRun('plain', { createdAt: 1 }), sampleSteps());
    store.createRun(sampleRun('undoing', { createdAt: 2 }), sampleSteps());
    store.commit('undoing', { run: { state: 'interrupted' }, steps: { 'vm.clone:web-01': { undo: { state: 'undoing', attempt: 1, error: null } } }, events: [] });
    const listed = Object.fromEntries(store.listRuns({ limit: 10 }).map((run) => [run.id, run.rollbackStarted]));
    expect(listed).toEqual({ plain: undefined, undoing: true });
    store.close();
  });

  it('finds the run holding an environment, interrupted ones included', () => {
    const store = freshStore();
    store.createRun(sampleRun('done', { createdAt: 1 }), []);
    store.commit('done', { run: { state: 'succeeded' }, events: [] });
    expect(store.findActiveRun('site-1')).toBeUndefined();
    store.createRun(sampleRun('other', { environment: 'site-2' }), []);
    store.createRun(sampleRun('live', { createdAt: 2 }), []);
    expect(store.findActiveRun('site-1')?.id).toBe('live');
    store.commit('live', { run: { state: 'interrupted' }, events: [] });
    expect(store.findActiveRun('site-1')?.id).toBe('live');
    store.commit('live', { run: { state: 'cancelled' }, events: [] });
    expect(store.findActiveRun('site-1')).toBeUndefined();
    store.close();
  });
});

describe('commit', () => {
  it('applies only the fields given and numbers events gaplessly', () => {
    const store = freshStore();
    store.createRun(sampleRun('r1'), sampleSteps());
    const first = store.commit('r1', {
      run: { state: 'running', startedAt: 10 },
      steps: { 'vm.clone:web-01': { state: 'running', attempt: 1, startedAt: 11, progress: { fraction: 0.5 } } },
      events: [
        { type: 'run.state', at: 10, state: 'running', error: null },
        { type: 'step.state', at: 11, stepId: 'vm.clone:web-01', state: 'running', attempt: 1, error: null },
      ],
    });
    expect(first.map((event) => [event.seq, event.runId, event.type])).toEqual([
      [1, 'r1', 'run.state'],
      [2, 'r1', 'step.state'],
    ]);
    const error = { code: 'step_failed' as const, title: 'Clone failed', retryable: true };
    const second = store.commit('r1', {
      steps: { 'vm.clone:web-01': { state: 'failed', endedAt: 12, error } },
      events: [{ type: 'step.progress', at: 12, stepId: 'vm.clone:web-01', progress: { fraction: 1 } }],
    });
    expect(second[0]?.seq).toBe(3);

    const step = store.getSteps('r1').find((candidate) => candidate.id === 'vm.clone:web-01');
    expect(step).toMatchObject({ state: 'failed', attempt: 1, startedAt: 11, endedAt: 12, progress: { fraction: 0.5 }, error });
    expect(store.getRun('r1')).toMatchObject({ state: 'running', startedAt: 10, endedAt: null, lastSeq: 3 });
    expect(store.getRun('r1')?.stepCounts).toMatchObject({ pending: 2, failed: 1 });

    store.commit('r1', { steps: { 'vm.clone:web-01': { progress: null, error: null } }, events: [] });
    expect(store.getSteps('r1')[1]).toMatchObject({ progress: null, error: null, state: 'failed' });
    expect(store.getEventsAfter('r1', 0, 100)).toEqual([...first, ...second]);
    expect(store.getEventsAfter('r1', 1, 1).map((event) => event.seq)).toEqual([2]);
    store.close();
  });

  it('rejects an unknown run or step without writing anything', () => {
    const store = freshStore();
    store.createRun(sampleRun('r1'), sampleSteps());
    expect(codeOf(() => store.commit('ghost', { events: [] }))).toBe('not_found');
    expect(
      codeOf(() =>
        store.commit('r1', {
          run: { state: 'running' },
          steps: { 'no.such:step': { state: 'running' } },
          events: [{ type: 'run.state', at: 1, state: 'running', error: null }],
        }),
      ),
    ).toBe('not_found');
    expect(store.getRun('r1')).toMatchObject({ state: 'pending', lastSeq: 0 });
    expect(store.getEventsAfter('r1', 0, 10)).toEqual([]);
    expect(codeOf(() => store.commit('r1', { events: [{ type: 'run.state', runId: 'r2', at: 1, state: 'running', error: null }] }))).toBe(
      'internal',
    );
    store.close();
  });

  it('gives a snapshot whose seq matches the last event', () => {
    const store = freshStore();
    store.createRun(sampleRun('r1'), sampleSteps());
    store.commit('r1', { run: { state: 'running' }, events: [{ type: 'run.state', at: 5, state: 'running', error: null }] });
    const snapshot = store.getSnapshot('r1');
    expect(snapshot).toMatchObject({ id: 'r1', state: 'running', seq: 1 });
    expect(snapshot?.steps).toHaveLength(3);
    expect(snapshot?.steps[0]).not.toHaveProperty('input');
    expect(store.getSnapshot('ghost')).toBeUndefined();
    store.close();
  });
});

describe('artifacts', () => {
  it('writes through, overwrites, lists and removes', () => {
    const store = freshStore();
    store.createRun(sampleRun('r1'), sampleSteps());
    expect(store.getArtifact('r1', 'vm.clone:web-01', 'vmid')).toBeUndefined();
    store.setArtifact('r1', 'vm.clone:web-01', 'vmid', 101);
    store.setArtifact('r1', 'vm.clone:web-01', 'vmid', 102);
    store.setArtifact('r1', 'image.upload:pve1/local/u.iso', 'session', { offset: 4096, id: 'abc' });
    expect(store.getArtifact<number>('r1', 'vm.clone:web-01', 'vmid')).toBe(102);
    expect(store.listArtifacts('r1')).toEqual([
      { stepId: 'image.upload:pve1/local/u.iso', key: 'session', value: { offset: 4096, id: 'abc' } },
      { stepId: 'vm.clone:web-01', key: 'vmid', value: 102 },
    ]);
    const view = store.artifactsFor('r1', 'vm.clone:web-02');
    view.set('uuid', 'u-2');
    expect(view.get('uuid')).toBe('u-2');
    view.set('uuid', undefined);
    expect(view.get('uuid')).toBeUndefined();
    expect(codeOf(() => store.setArtifact('ghost', 's', 'k', 1))).toBe('not_found');
    expect(codeOf(() => store.setArtifact('r1', 's', 'k', 10n))).toBe('internal');
    store.close();
  });
});

describe('trust pins', () => {
  it('adds idempotently, finds by host and port, revokes', () => {
    const store = freshStore();
    const pin = { kind: 'tls' as const, host: 'PVE1.lab', port: 8006, fingerprint: 'AA:BB', subject: 'CN=pve1' };
    const added = store.addPin(pin, 100);
    expect(added).toEqual({ id: added.id, kind: 'tls', host: 'pve1.lab', port: 8006, fingerprint: 'AA:BB', subject: 'CN=pve1', createdAt: 100 });
    expect(store.addPin(pin, 200)).toEqual(added);
    const ssh = store.addPin({ ...pin, kind: 'ssh', port: 22, fingerprint: 'SHA256:x', subject: null }, 300);
    expect(store.listPins()).toHaveLength(2);
    expect(store.findPins('tls', 'pve1.LAB', 8006)).toEqual([added]);
    expect(store.findPins('tls', 'pve1.lab', 443)).toEqual([]);
    expect(store.revokePin(ssh.id)).toBe(true);
    expect(store.revokePin(ssh.id)).toBe(false);
    expect(store.listPins()).toEqual([added]);
    expect(codeOf(() => store.addPin({ ...pin, port: 70000 }, 1))).toBe('invalid_request');
    store.close();
  });

  it('refuses a second, different fingerprint for a pinned host:port; replacing swaps them and the trail records every change', () => {
    const store = freshStore();
    const old = { kind: 'tls' as const, host: 'pve1.lab', port: 8006, fingerprint: 'AA:AA', subject: null };
    const first = store.addPin(old, 100);
    expect(codeOf(() => store.addPin({ ...old, host: 'PVE1.lab', fingerprint: 'BB:BB' }, 200))).toBe('conflict');
    expect(store.findPins('tls', 'pve1.lab', 8006).map((pin) => pin.fingerprint)).toEqual(['AA:AA']);
    expect(store.addPin({ ...old, port: 443, fingerprint: 'BB:BB' }, 210).port).toBe(443);

    const replaced = store.replacePins({ ...old, host: 'PVE1.LAB', fingerprint: 'CC:CC' }, 300);
    expect(replaced).toMatchObject({ action: 'replaced', kind: 'tls', host: 'pve1.lab', port: 8006, removed: ['AA:AA'], added: 'CC:CC', at: 300 });
    expect(store.findPins('tls', 'pve1.lab', 8006).map((pin) => pin.fingerprint)).toEqual(['CC:CC']);
    expect(store.revokePin(first.id, 350)).toBe(false);
    const current = store.findPins('tls', 'pve1.lab', 8006)[0]!;
    expect(store.revokePin(current.id, 400)).toBe(true);

    expect(store.listTrustEvents(10).map((event) => [event.action, event.port, event.removed, event.added, event.at])).toEqual([
      ['revoked', 8006, ['CC:CC'], null, 400],
      ['replaced', 8006, ['AA:AA'], 'CC:CC', 300],
      ['pinned', 443, [], 'BB:BB', 210],
      ['pinned', 8006, [], 'AA:AA', 100],
    ]);
    store.addPin(old, 500);
    expect(store.listTrustEvents(1)[0]).toMatchObject({ action: 'pinned', added: 'AA:AA' });
    store.close();
  });
});

describe('reservations', () => {
  it('hands a value to one holder, lets the holder ask again, and releases', () => {
    const store = freshStore();
    const vmid = { environment: 'site-1', resourceKind: 'vmid', value: '101', runId: 'r1', stepId: 'vm.clone:web-01' };
    expect(store.reserve(vmid, 1)).toBe(true);
    expect(store.reserve(vmid, 2)).toBe(true);
    expect(store.reserve({ ...vmid, stepId: 'vm.clone:web-02' }, 3)).toBe(false);
    expect(store.reserve({ ...vmid, environment: 'site-2' }, 4)).toBe(true);
    expect(store.reserve({ ...vmid, value: '102' }, 5)).toBe(true);
    expect(store.listReservations('site-1', 'vmid').map((held) => [held.value, held.createdAt])).toEqual([
      ['101', 1],
      ['102', 5],
    ]);
    expect(store.releaseReservation('site-1', 'vmid', '101')).toBe(true);
    expect(store.releaseReservation('site-1', 'vmid', '101')).toBe(false);
    expect(store.reserve({ ...vmid, stepId: 'vm.clone:web-02' }, 6)).toBe(true);
    expect(store.releaseReservationsOfRun('r1')).toBe(3);
    expect(store.listReservations('site-1', 'vmid')).toEqual([]);
    store.close();
  });
});

describe('closing', () => {
  it('is idempotent and later calls fail as io', () => {
    const store = freshStore();
    store.close();
    store.close();
    expect(codeOf(() => store.listRuns({ limit: 1 }))).toBe('io');
  });
});

describe('past step durations', () => {
  it('keeps lab and real runs apart and counts only steps that ran and succeeded in succeeded runs', () => {
    const store = freshStore();
    const steps = sampleSteps();
    const finish = (runId: string, environment: string, runState: 'succeeded' | 'failed', createdAt: number) => {
      store.createRun(sampleRun(runId, { environment, createdAt }), steps);
      store.commit(runId, {
        run: { state: runState },
        steps: {
          [steps[0]!.id]: { state: 'succeeded', startedAt: 0, endedAt: 2_000, progress: { bytesTotal: 8_000 } },
          [steps[1]!.id]: { state: 'succeeded', startedAt: 0, endedAt: createdAt },
          [steps[2]!.id]: { state: 'adopted', startedAt: 0, endedAt: 1 },
        },
        events: [],
      });
    };
    finish('real-old', 'proxmox:pve1', 'succeeded', 5_000);
    finish('real-new', 'proxmox:pve1', 'succeeded', 7_000);
    finish('real-failed', 'proxmox:pve1', 'failed', 9_000);
    finish('lab-1', 'lab:pve-lab', 'succeeded', 3_000);

    const real = store.pastStepDurations(false);
    expect(real.runs).toBe(2);
    expect(real.byKind.get('vm.clone')).toEqual([7_000, 5_000]);
    expect(real.lastUpload).toEqual({ bytes: 8_000, durationMs: 2_000 });
    const lab = store.pastStepDurations(true);
    expect(lab).toMatchObject({ runs: 1 });
    expect(lab.byKind.get('vm.clone')).toEqual([3_000]);
    expect(store.pastStepDurations(false, 1).byKind.get('vm.clone')).toEqual([7_000]);
  });
});
