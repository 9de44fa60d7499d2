import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStackLabSkipReason, releaseOpenStackLab, useOpenStackLab, type OpenStackLab } from '../../engine/testing/openstackLab';
import { labPlan } from './openstackPlanKit';
import { deploy, depsFor, rollback, writeDiskImage, type LabRun } from './openstackRun';

/*
 * A 4-node mesh slice with HA on the real OpenStack lab, reached only
 * through its bastion (the catalog's addresses do not answer from the host
 * while the lab's direct doors are closed): networks, subnets, router, the
 * image, servers ACTIVE with their fixed IPs, spread over both zones; then a
 * rollback and nothing of it left.
 */

const skip = openStackLabSkipReason();
if (skip) console.warn(`OpenStack provider tests skipped: ${skip}`);

type Row = Record<string, unknown>;

describe.skipIf(skip)('the OpenStack provider through a bastion', () => {
  let lab: OpenStackLab;
  let dir: string;
  let run: LabRun | undefined;

  beforeAll(async () => {
    lab = await useOpenStackLab();
    await lab.setDirectAccess(false);
    dir = mkdtempSync(join(tmpdir(), 'rp-os-'));
    writeDiskImage(dir);
  }, 30 * 60_000);

  afterAll(async () => {
    if (run) await rollback(run).catch(() => undefined);
    releaseOpenStackLab();
  }, 5 * 60_000);

  const named = async (resource: string[], prefix: string): Promise<Row[]> => ((await lab.openstack([...resource, 'list'])) as Row[]).filter((row) => String(row.Name ?? row.name ?? '').startsWith(prefix));

  it('deploys the slice with every request through the tunnels, then rolls it all back', async () => {
    const plan = labPlan(lab, { viaBastion: true, workbookDir: dir });
    const deps = depsFor(plan, dir);
    run = await deploy(plan, deps);
    const failed = run.hooks.states.filter((event) => event.error).map((event) => `${event.stepId}: ${event.error!.title}`);
    expect(failed).toEqual([]);
    expect(run.outcome).toBe('succeeded');

    // Every request went to a tunnel's local end, none to the head node's address.
    expect(run.requests.length).toBeGreaterThan(20);
    expect(run.requests.every((request) => new URL(request.sentTo).hostname === '127.0.0.1' && new URL(request.url).hostname === lab.head)).toBe(true);

    const servers = (await lab.openstack(['server', 'list', '--long', '--name', '^rpmesh-'])) as Row[];
    expect(servers.map((server) => server.Name).sort()).toEqual(['rpmesh-1', 'rpmesh-2', 'rpmesh-3', 'rpmesh-4']);
    expect(servers.every((server) => server.Status === 'ACTIVE')).toBe(true);
    const zones = servers.map((server) => String(server['Availability Zone'])).sort();
    expect(zones).toEqual(['az-1', 'az-1', 'az-2', 'az-2']);
    // Node 1: management .11, then its links 1-2, 1-3, 1-4 at the first host of each /29.
    const node1 = servers.find((server) => server.Name === 'rpmesh-1')!;
    const addresses = JSON.stringify(node1.Networks);
    for (const ip of ['10.61.1.10', '10.61.0.1', '10.61.0.9', '10.61.0.17']) expect(addresses).toContain(ip);
    expect((await named(['network'], 'rpmesh-')).length).toBe(7);
    expect((await named(['router'], 'rpmesh-')).length).toBe(1);
    expect((await named(['image'], 'rp-test-image')).length).toBe(1);

    await rollback(run);
    run = undefined;
    expect(await named(['server'], 'rpmesh-')).toEqual([]);
    expect(await named(['network'], 'rpmesh-')).toEqual([]);
    expect(await named(['router'], 'rpmesh-')).toEqual([]);
    expect(await named(['port'], 'rpmesh-')).toEqual([]);
    expect(await named(['image'], 'rp-test-image')).toEqual([]);
    expect(await named(['flavor'], 'rp.tiny')).toEqual([]);
  }, 10 * 60_000);
});
