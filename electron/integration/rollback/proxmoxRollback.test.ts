import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import { dispatch } from '../../../shared/contract/dispatch';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { ProxmoxClient } from '../../engine/providers/proxmox/client';
import { createLabController } from '../../hostShared/lab/labController';
import { useSampleRehearsal } from '../sampleRehearsalKit';

/*
 * The sample plan rehearsed with bastion-01 asking for more memory than any
 * lab node has: it fails, the other VMs are made, and the run fails. The
 * first two VM deletions the lab is asked for fail as a real task would.
 */
const lab = createLabController({
  proxmoxFaults: [{ kind: 'taskFails', taskType: 'qmdestroy', count: 2, message: 'unable to destroy VM: storage busy (injected)' }],
});
const { dir, engine, value } = useSampleRehearsal(lab, 'rp-rollback-pve-');

async function waitFor(runId: string, states: string[]) {
  for (let i = 0; i < 1200; i++) {
    const run = await value('run:get', { runId });
    if (states.includes(run.state)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} did not reach ${states.join('/')}`);
}

/** The lab's guests as its own API lists them, asked with the lab's login (not through the provider). */
async function labGuests(): Promise<Array<{ name: string; vmid: number; template: boolean }>> {
  const proxmox = lab.running()!.find((entry) => entry.kind === 'proxmox')!;
  const client = new ProxmoxClient({
    endpoint: { name: 'check', url: proxmox.url, auth: { kind: 'password', username: proxmox.username, password: new Secret(proxmox.password) }, fingerprints: [proxmox.fingerprint] },
    trust: memoryTrustStore(),
  });
  try {
    const rows = await client.get<Array<{ name?: string; vmid?: number; template?: number }>>('/cluster/resources', AbortSignal.timeout(20_000), { type: 'vm' });
    return rows.map((row) => ({ name: row.name ?? '', vmid: row.vmid ?? 0, template: row.template === 1 }));
  } finally {
    client.close();
  }
}

/** The ISO volumes on every lab node's storages, as the lab's own API lists them. */
async function labIsos(): Promise<string[]> {
  const proxmox = lab.running()!.find((entry) => entry.kind === 'proxmox')!;
  const client = new ProxmoxClient({
    endpoint: { name: 'check', url: proxmox.url, auth: { kind: 'password', username: proxmox.username, password: new Secret(proxmox.password) }, fingerprints: [proxmox.fingerprint] },
    trust: memoryTrustStore(),
  });
  try {
    const signal = AbortSignal.timeout(20_000);
    const storages = await client.get<Array<{ node?: string; storage?: string; content?: string }>>('/cluster/resources', signal, { type: 'storage' });
    const isos: string[] = [];
    for (const entry of storages.filter((row) => row.content?.split(',').includes('iso'))) {
      const rows = await client.get<Array<{ volid: string }>>(`/nodes/${entry.node}/storage/${entry.storage}/content`, signal, { content: 'iso' });
      isos.push(...rows.map((row) => `${entry.node}/${row.volid}`));
    }
    return isos.sort();
  } finally {
    client.close();
  }
}

describe('rolling back a failed rehearsal on the Proxmox lab', () => {
  it('previews what goes, removes every VM the run made (retrying the deletions that failed) and leaves the templates', async () => {
    const path = join(dir, 'site', 'sample-plan.en.xlsx');
    // Edited as another program would: VMs!G6 is bastion-01's memory.
    execFileSync('/usr/bin/python3', [join(__dirname, '../../../e2e/support/xlsx.py'), 'set', path, 'VMs', 'G6', '900 GiB']);
    const source = { kind: 'workbook', path, lab: true };
    const { runId } = await value('run:start', { source });
    const failed = await waitFor(runId, ['succeeded', 'failed', 'cancelled']);
    expect(failed.state).toBe('failed');
    const made = failed.steps.filter((step: any) => step.kind.startsWith('proxmox.vm') && step.state === 'succeeded').map((step: any) => step.target);
    expect(made.length).toBeGreaterThanOrEqual(4);
    const deployed = (await labGuests()).filter((guest) => !guest.template);
    expect(deployed.map((guest) => guest.name).sort()).toEqual([...made].sort());

    const uploads = failed.steps.filter((step: any) => step.kind === 'proxmox.image.upload' && step.state === 'succeeded');
    expect(uploads.length).toBeGreaterThanOrEqual(1);
    const isosBefore = await labIsos();

    const preview = await value('run:rollbackPreview', { runId });
    expect(preview).toMatchObject({ runId, state: 'failed', needsForce: false });
    const previewed = preview.undo.flatMap((item: any) => item.resources.map((resource: any) => `${resource.kind}:${resource.name}`));
    const images = previewed.filter((entry: string) => entry.startsWith('image:'));
    expect(previewed.filter((entry: string) => entry.startsWith('vm:')).sort()).toEqual(made.map((name: string) => `vm:${name}`).sort());
    // The ISO the run uploaded goes too: nothing is listed as staying.
    expect(images.length).toBeGreaterThanOrEqual(1);
    expect(preview.kept).toEqual([]);

    const first = await value('run:rollback', { runId });
    expect(first.state).toBe('rollback_failed');
    expect(first.notRemoved.length).toBeGreaterThanOrEqual(1);
    expect(first.notRemoved[0].error.title).toContain('storage busy (injected)');
    expect(first.removed.length + first.notRemoved.length).toBe(made.length + uploads.length);
    const left = (await labGuests()).filter((guest) => !guest.template).map((guest) => guest.name).sort();
    expect(left).toEqual(first.notRemoved.filter((item: any) => !uploads.some((step: any) => step.id === item.stepId)).map((item: any) => item.target).sort());
    const afterFirst = await value('run:get', { runId });
    expect(afterFirst).toMatchObject({ state: 'rollback_failed', error: { title: `${first.notRemoved.length} undo(s) failed; what those steps made is still there.` } });
    expect(afterFirst.steps.filter((step: any) => step.undo?.state === 'undone')).toHaveLength(first.removed.length);
    // The deployment's own record is kept: the steps still say what the run did.
    expect(afterFirst.stepCounts.succeeded).toBe(failed.stepCounts.succeeded);

    // Retrying a step after a rollback would build on removed work: refused.
    const retry = await dispatch(engine().handlers, 'run:retryStep', { runId, stepId: failed.steps.find((step: any) => step.state === 'failed').id });
    expect(retry).toMatchObject({ ok: false, error: { code: 'conflict' } });

    const second = await value('run:rollback', { runId });
    expect(second).toMatchObject({ state: 'rolled_back', notRemoved: [] });
    expect(second.removed.filter((item: any) => !uploads.some((step: any) => step.id === item.stepId)).map((item: any) => item.target).sort()).toEqual(left);
    expect((await labGuests()).filter((guest) => !guest.template)).toEqual([]);
    const isosAfter = await labIsos();
    expect(isosAfter.length).toBeLessThan(isosBefore.length);
    for (const image of images) expect(isosAfter.some((iso) => iso.endsWith(image.slice('image:'.length)))).toBe(false);
    expect((await labGuests()).filter((guest) => guest.template).length).toBeGreaterThan(0);
    expect((await value('run:get', { runId })).state).toBe('rolled_back');
    const logs = await value('run:logs', { runId, limit: 50_000 });
    expect(logs.lines.filter((line: any) => line.text === 'Undone: what this step made is gone.')).toHaveLength(made.length + uploads.length);

    const again = await dispatch(engine().handlers, 'run:rollback', { runId });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  }, 240_000);
});
