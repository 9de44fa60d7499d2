import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLabController } from '../../hostShared/lab/labController';
import { useSampleRehearsal } from '../sampleRehearsalKit';

/*
 * The SmartX sample rehearsed with the CloudTower installer failing (the
 * lab's installFails fault): the ISO is uploaded and the VM made, then the
 * install step fails; the engine's rollback deletes the VM and the image.
 */
const lab = createLabController({ smartxFaults: [{ kind: 'installFails', message: 'disk check failed (injected)' }] });
const { dir, value } = useSampleRehearsal(lab, 'rp-rollback-smartx-');

async function waitFor(runId: string, states: string[]) {
  for (let i = 0; i < 1200; i++) {
    const run = await value('run:get', { runId });
    if (states.includes(run.state)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not reach ${states.join('/')}`);
}

const placementOf = async (path: string) => {
  const { endpoints } = await value('preflight:run', { plan: { path, lab: true } });
  return endpoints.find((endpoint: { name: string }) => endpoint.name === 'CN-SZ-SMTX-Lab-Cls01').checks.find((c: { id: string }) => c.id === 'placement');
};

describe('rolling back a failed SmartX rehearsal', () => {
  it('deletes the CloudTower VM and the uploaded ISO image the run made', async () => {
    const path = join(dir, 'site', 'sample-smartx.xlsx');
    const { runId } = await value('run:start', { source: { kind: 'workbook', path, lab: true } });
    const failed = await waitFor(runId, ['succeeded', 'failed', 'cancelled']);
    expect(failed.state).toBe('failed');
    const iso = 'image.upload:CN-SZ-SMTX-Lab-Cls01/cloudtower-iso';
    const vm = 'vm.create:cloudtower';
    const stateOf = (id: string) => failed.steps.find((step: any) => step.id === id)?.state;
    expect([stateOf(iso), stateOf(vm), stateOf('cloudtower.install:cloudtower')]).toEqual(['succeeded', 'succeeded', 'failed']);
    expect(await placementOf(path)).toMatchObject({ status: 'warning' });

    const result = await value('run:rollback', { runId });
    expect(result).toMatchObject({ state: 'rolled_back', notRemoved: [] });
    expect(result.removed.map((item: any) => item.stepId).sort()).toEqual([iso, vm].sort());
    const logs = (await value('run:logs', { runId, limit: 50_000 })).lines.map((line: any) => line.text).join('\n');
    expect(logs).toMatch(/VM cloudtower \(\S+\) deleted from SMTX OS/);
    expect(logs).toMatch(/Image \S+ \(cloudtower-4\.6\.0\.el7\.x86_64\.iso\) deleted from SMTX OS/);
    // The cluster itself no longer lists a VM of that name.
    expect(await placementOf(path)).toMatchObject({ status: 'ok' });
  }, 240_000);
});
