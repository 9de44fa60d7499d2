import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../../shared/errors';
import { say } from '../../../shared/i18n/engineText';
import type { RunState } from '../../../shared/runModel';
import { createProviderRegistry } from '../providers/registry';
import type { StepKind } from '../runner/types';
import { openStore } from '../store';
import { makeTempDir, sampleRun } from '../store/storeTestKit';
import { previewRollback, refuseRollback } from './runRollback';

const temp = makeTempDir('run-rollback');
afterAll(() => temp.remove());
const store = openStore(temp.file('rackpilot.db'));
afterAll(() => store.close());

function runIn(id: string, state: RunState, environment = `env-${id}`): string {
  store.createRun(sampleRun(id, { environment }), [
    { id: 'vm.create:web-01', kind: 'proxmox.vm.create', title: 'Create VM web-01', target: 'web-01', deps: [], input: { endpoint: 'pve1', name: 'web-01' } },
    { id: 'vm.create:web-02', kind: 'proxmox.vm.create', title: 'Create VM web-02', target: 'web-02', deps: [], input: { endpoint: 'pve1', name: 'web-02' } },
  ]);
  store.commit(id, { run: { state }, events: [{ type: 'run.state', at: 1, state, error: null }] });
  return id;
}

const refusal = (runId: string, force = false) => {
  try {
    refuseRollback(store, runId, force);
    return null;
  } catch (cause) {
    return cause instanceof AppFailure ? cause.appError : cause;
  }
};

describe('where a rollback may start', () => {
  it('takes failed, cancelled, interrupted and incompletely rolled-back runs; a succeeded one only with force', () => {
    for (const state of ['failed', 'cancelled', 'interrupted', 'rollback_failed'] as const) expect(refusal(runIn(`r-${state}`, state))).toBeNull();
    const done = runIn('r-ok', 'succeeded');
    expect(refusal(done)).toMatchObject({ code: 'conflict', title: `Run r-ok succeeded; rolling it back would remove the deployment it made.` });
    expect(refusal(done, true)).toBeNull();
    // Said in the reader's language from its catalogue text; the English stays as the title.
    const refused = refusal(done) as AppError;
    expect(say('zh', refused.text!)).toBe('运行 r-ok 已成功；回滚会删除它完成的部署。');
    expect(say('es', refused.hintText!)).toBe('Confírmelo con force (rackpilot rollback --force) si es lo que quiere.');
  });

  it('refuses a run that is still going or already rolled back, an unknown run, and one whose environment another run holds', () => {
    for (const state of ['running', 'paused', 'rolling_back', 'rolled_back'] as const) expect(refusal(runIn(`x-${state}`, state))).toMatchObject({ code: 'conflict', title: `Run x-${state} is ${state} and cannot be rolled back now.` });
    expect(refusal('nobody')).toMatchObject({ code: 'not_found' });
    const old = runIn('old', 'failed', 'site');
    runIn('new', 'running', 'site');
    expect(refusal(old)).toMatchObject({ code: 'run_active', title: expect.stringContaining('Another run (new, running) is active for site') });
  });

  it('previews from the store alone: VMs its steps recorded, not those of adopted steps or kinds without undo', () => {
    const runId = runIn('p', 'failed', 'env-p');
    store.setArtifact(runId, 'vm.create:web-01', 'vm', { vmid: 101, node: 'pve-a', template: 9000, phase: 'configured' });
    store.setArtifact(runId, 'vm.create:web-02', 'vm', { vmid: 102, node: 'pve-a', template: 9000, phase: 'ready' });
    store.commit(runId, { steps: { 'vm.create:web-02': { state: 'adopted' } }, events: [] });
    const kind = { kind: 'proxmox.vm.create', undo: async () => undefined } as unknown as StepKind;
    const preview = previewRollback(store, runId, { 'proxmox.vm.create': kind }, createProviderRegistry());
    expect(preview.undo.map((item) => item.resources.map((resource) => `${resource.kind} ${resource.id}`))).toEqual([['vm 101']]);
    expect(preview.kept).toEqual([expect.objectContaining({ stepId: 'vm.create:web-02', reason: 'adopted' })]);
    expect(previewRollback(store, runId, {}, createProviderRegistry()).kept.map((item) => item.reason)).toEqual(['no_undo', 'adopted']);
  });
});
