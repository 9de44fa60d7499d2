import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndpointSessions } from '../../engine/net/endpointSessions';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { runPreflight } from '../../engine/preflight';
import { openstackProvider } from '../../engine/providers/openstack/provider';
import { openStackLabSkipReason, releaseOpenStackLab, useOpenStackLab, type OpenStackLab } from '../../engine/testing/openstackLab';
import { labPlan } from './openstackPlanKit';
import { runDepsFor, writeDiskImage } from './openstackRun';

/*
 * The Connect screen's checks of an endpoint behind a bastion go through
 * its tunnel (nothing probes the head node directly), and the Deploy
 * screen's usage reads the project's quota and the hypervisors' totals.
 */

const skip = openStackLabSkipReason();

describe.skipIf(skip)('OpenStack preflight and usage through the bastion', () => {
  let lab: OpenStackLab;
  let dir: string;

  beforeAll(async () => {
    lab = await useOpenStackLab();
    await lab.setDirectAccess(false);
    dir = mkdtempSync(join(tmpdir(), 'rp-osp-'));
    writeDiskImage(dir, 5);
  }, 30 * 60_000);
  afterAll(releaseOpenStackLab);

  it('checks login, microversion, quota, flavors and images and zones through the tunnel', async () => {
    const plan = labPlan(lab, { viaBastion: true, workbookDir: dir });
    const probed: string[] = [];
    const [result] = await runPreflight(plan, { trust: memoryTrustStore(), lab: false, probe: async (host, port) => (probed.push(`${host}:${port}`), { state: 'open' }), ipPorts: [] });
    const byId = Object.fromEntries(result!.checks.map((entry) => [entry.id, entry]));
    expect(byId.reachable).toMatchObject({ status: 'ok', message: expect.stringContaining(`${lab.head}:5000 answers through`) });
    expect(byId.tls).toMatchObject({ status: 'skipped', message: expect.stringContaining('plain HTTP') });
    expect(byId.login).toMatchObject({ status: 'ok', message: expect.stringContaining('compute, identity, image, network') });
    expect(byId.version).toMatchObject({ status: 'ok', message: 'Nova compute API microversion 2.87.' });
    expect(byId.capacity?.status).toBe('ok');
    expect(byId.templates).toMatchObject({ status: 'ok', message: expect.stringContaining('flavor rp.tiny is created') });
    expect(byId.storages).toMatchObject({ status: 'ok', message: expect.stringMatching(/az-1 \(oslab-az1\), az-2 \(oslab-az2\)/) });
    expect(probed.filter((where) => where.startsWith(lab.head))).toEqual([]);
  }, 120_000);

  it("blocks at preflight when the plan's servers exceed the project's quota", async () => {
    await lab.setComputeQuota('demo', { instances: 2 });
    try {
      const plan = labPlan(lab, { viaBastion: true, workbookDir: dir, username: lab.demo.username, password: lab.demo.password, project: lab.demo.project });
      const [result] = await runPreflight(plan, { trust: memoryTrustStore(), lab: false, ipPorts: [] });
      expect(result!.checks.find((entry) => entry.id === 'capacity')).toMatchObject({ status: 'blocker', message: expect.stringContaining('instances: 4 planned, 2 left') });
    } finally {
      await lab.setComputeQuota('demo', { instances: 10 });
    }
  }, 120_000);

  it("reads the project's use against its quota and the hypervisors' totals as raw numbers", async () => {
    const plan = labPlan(lab, { viaBastion: true, workbookDir: dir });
    const sessions = new EndpointSessions();
    const usage = await openstackProvider.usage!({ endpoint: plan.endpoints[0]!, deps: runDepsFor(plan, dir), sessions, signal: AbortSignal.timeout(60_000) }).finally(() => sessions.close());
    const byId = Object.fromEntries(usage.meters.map((meter) => [meter.id, meter]));
    expect(byId.instances).toMatchObject({ quota: 10, total: null });
    expect(byId.vcpus).toMatchObject({ quota: 20, total: 2000 });
    expect(byId.ramMiB).toMatchObject({ total: 1_600_000 });
    expect(byId.vcpus!.used).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
