import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../shared/contract/channels';
import { dispatch } from '../../../shared/contract/dispatch';
import { Secret } from '../../../shared/plan/secret';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { ProxmoxClient } from '../../engine/providers/proxmox/client';
import { createEngineService } from '../../engine/service/engineService';
import type { EngineService } from '../../engine/service/types';
import { createLabController } from '../../hostShared/lab/labController';

/*
 * The app quits while a rollback is under way: the next start finds the run
 * interrupted, refuses to resume its deployment, and rolling back again
 * finishes the job from the undo records (steps already undone are not
 * asked again). The lab keeps running across the two engines, as a real
 * cluster would.
 */
const lab = createLabController();
const dir = mkdtempSync(join(tmpdir(), 'rp-rollback-crash-'));
afterAll(async () => {
  await lab.stop();
  rmSync(dir, { recursive: true, force: true });
});

const open = () => createEngineService({ dataDir: join(dir, 'home'), host: 'cli', version: 'test', lab });
async function value(engine: EngineService, channel: ChannelName, payload: unknown): Promise<any> {
  const reply = await dispatch(engine.handlers, channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.title}`);
  return reply.value;
}

async function guests(): Promise<string[]> {
  const proxmox = lab.running()!.find((entry) => entry.kind === 'proxmox')!;
  const client = new ProxmoxClient({ endpoint: { name: 'check', url: proxmox.url, auth: { kind: 'password', username: proxmox.username, password: new Secret(proxmox.password) }, fingerprints: [proxmox.fingerprint] }, trust: memoryTrustStore() });
  try {
    const rows = await client.get<Array<{ name?: string; template?: number }>>('/cluster/resources', AbortSignal.timeout(20_000), { type: 'vm' });
    return rows.filter((row) => row.template !== 1).map((row) => row.name ?? '').sort();
  } finally {
    client.close();
  }
}

describe('a rollback interrupted by the app quitting', () => {
  it('leaves the run interrupted, refuses to resume it, and rolling back again removes the rest', async () => {
    cpSync(join(__dirname, '../../../assets/sample-plan'), join(dir, 'site'), { recursive: true });
    const path = join(dir, 'site', 'sample-plan.en.xlsx');
    // bastion-01 asks for more memory than any lab node has: the run fails with the other VMs made.
    execFileSync('/usr/bin/python3', [join(__dirname, '../../../e2e/support/xlsx.py'), 'set', path, 'VMs', 'G6', '900 GiB']);
    let engine = await open();
    const { runId } = await value(engine, 'run:start', { source: { kind: 'workbook', path, lab: true } });
    let run: any;
    for (let i = 0; i < 1200 && !['succeeded', 'failed'].includes((run = await value(engine, 'run:get', { runId })).state); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(run.state).toBe('failed');
    const made = await guests();
    expect(made.length).toBeGreaterThanOrEqual(4);

    // Quit as soon as the first undo has started.
    const started = new Promise<void>((resolve) => engine.onEvents((events) => events.some((event) => event.type === 'step.undo' && event.undo.state === 'undoing') && resolve()));
    const rollback = dispatch(engine.handlers, 'run:rollback', { runId });
    await started;
    await engine.close();
    expect(await rollback).toMatchObject({ ok: false, error: { code: 'cancelled' } });

    engine = await open();
    try {
      const interrupted = await value(engine, 'run:get', { runId });
      expect(interrupted.state).toBe('interrupted');
      // Guests only: the ISO the run uploaded is undone too, and is no guest.
      const undone = interrupted.steps.filter((step: any) => step.id.startsWith('vm.') && step.undo?.state === 'undone').length;
      expect(undone).toBeLessThan(made.length);
      const left = await guests();
      expect(left).toHaveLength(made.length - undone);
      expect(await dispatch(engine.handlers, 'run:resume', { runId })).toMatchObject({ ok: false, error: { code: 'conflict', title: expect.stringContaining('interrupted while it was being rolled back') } });

      const outcome = await value(engine, 'run:rollback', { runId });
      expect(outcome).toMatchObject({ state: 'rolled_back', notRemoved: [] });
      // Only what was left is asked for again; what the first rollback removed is not.
      expect(outcome.removed.flatMap((item: any) => item.resources.filter((resource: any) => resource.kind === 'vm').map((resource: any) => resource.name)).sort()).toEqual(left);
      expect(await guests()).toEqual([]);
    } finally {
      await engine.close();
    }
  }, 240_000);
});
