import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TunnelPool, type SshConnection } from '../../engine/ssh';
import { openStackLabSkipReason, releaseOpenStackLab, useOpenStackLab, type OpenStackLab } from '../../engine/testing/openstackLab';
import { labPlan } from './openstackPlanKit';
import { deploy, depsFor, noHostKeyPins, rollback, writeDiskImage, type LabRun } from './openstackRun';

/*
 * The same provider with the APIs reached directly (the lab's doors open),
 * and through a bastion whose SSH link is cut while the servers are being
 * made: the tunnels come back and the run carries on.
 */

const skip = openStackLabSkipReason();
type Row = Record<string, unknown>;

describe.skipIf(skip)('OpenStack: direct access, and a tunnel cut mid-deployment', () => {
  let lab: OpenStackLab;
  let dir: string;
  const runs: LabRun[] = [];

  beforeAll(async () => {
    lab = await useOpenStackLab();
    dir = mkdtempSync(join(tmpdir(), 'rp-osr-'));
    writeDiskImage(dir, 3);
  }, 30 * 60_000);

  afterAll(async () => {
    for (const run of runs.reverse()) await rollback(run).catch(() => undefined);
    await lab?.setDirectAccess(false);
    releaseOpenStackLab();
  }, 5 * 60_000);

  const servers = async (prefix: string): Promise<Row[]> => ((await lab.openstack(['server', 'list', '--long'])) as Row[]).filter((row) => String(row.Name).startsWith(prefix));

  it('deploys with the catalog URLs as they are when the endpoint has no jump host', async () => {
    await lab.setDirectAccess(true);
    try {
      const plan = labPlan(lab, { viaBastion: false, workbookDir: dir, slice: { name: 'rpdirect', topology: 'ring', nodes: 3, cidr: '10.63.0.0/27' } });
      const run = await deploy(plan, depsFor(plan, dir));
      runs.push(run);
      expect(run.hooks.states.filter((event) => event.error).map((event) => event.error!.title)).toEqual([]);
      expect(run.requests.every((request) => request.sentTo === new URL(request.url).toString())).toBe(true);
      const made = await servers('rpdirect-');
      expect(made.map((row) => row.Status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
      await rollback(run);
      runs.pop();
      expect(await servers('rpdirect-')).toEqual([]);
    } finally {
      await lab.setDirectAccess(false);
    }
  }, 8 * 60_000);

  it('re-establishes a tunnel whose SSH link is cut while servers are made, and the run succeeds', async () => {
    const pool = new TunnelPool({ store: noHostKeyPins, reconnect: { baseDelayMs: 200, maxDelayMs: 1000, jitter: 0 } });
    try {
      const plan = labPlan(lab, { viaBastion: true, workbookDir: dir, slice: { name: 'rpcut', topology: 'star', nodes: 3, cidr: '10.64.0.0/27' } });
      let cut = 0;
      // The run's sessions release their tunnels when it ends: watch the pool while it runs.
      let reconnects = 0;
      const watch = setInterval(() => (reconnects = Math.max(reconnects, pool.status().reduce((total, tunnel) => total + tunnel.reconnects, 0))), 100);
      const run = await deploy(plan, depsFor(plan, dir, { tunnels: pool }), (stepId) => {
        if (!stepId.startsWith('vm.create:') || cut > 0) return;
        // Abruptly, as a dropped network would: the sockets under every open tunnel's SSH link.
        for (const tunnel of (pool as unknown as { live: Set<{ state: { kind: string; connection?: SshConnection } }> }).live) {
          const client = tunnel.state.connection?.client as unknown as { _sock?: { destroy(): void } } | undefined;
          if (client?._sock) {
            client._sock.destroy();
            cut++;
          }
        }
      }).finally(() => clearInterval(watch));
      runs.push(run);
      expect(cut).toBeGreaterThan(0);
      expect(run.hooks.states.filter((event) => event.state === 'failed').map((event) => `${event.stepId}: ${event.error?.title}`)).toEqual([]);
      expect(run.outcome).toBe('succeeded');
      expect(reconnects).toBeGreaterThan(0);
      expect((await servers('rpcut-')).map((row) => row.Status)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);
      await rollback(run);
      runs.pop();
      expect(await servers('rpcut-')).toEqual([]);
    } finally {
      pool.close();
    }
  }, 8 * 60_000);
});
