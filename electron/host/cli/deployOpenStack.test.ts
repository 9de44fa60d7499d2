import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributeZones } from '../../../shared/plan/openstack/zones';
import { importPlan } from '../../engine/plan/importPlan';
import { buildOpenStackSteps, osKinds, type OsServerInput } from '../../engine/providers/openstack/steps';
import { openStackLabSkipReason, releaseOpenStackLab, useOpenStackLab, type OpenStackLab } from '../../engine/testing/openstackLab';
import { inventory, inventoryWithoutSample, isSampleObject, prepareLabSample, rackpilot } from './openstackLabSample';

/*
 * What a field engineer does with the OpenStack sample on a real cloud, here
 * the real OpenStack lab: a copy of the workbook pointed at it (Keystone URL,
 * the bastion's address, login and host key, a local disk file for the
 * image, no external network), its password cells left empty and the
 * passwords given through RACKPILOT_PASSWORD_* / RACKPILOT_JUMP_PASSWORD_*,
 * `rackpilot deploy FILE --json`, then `rackpilot rollback RUN`. The
 * `openstack` CLI inside the lab checks the servers, and that the rollback
 * leaves the cloud as it found it.
 */

const skip = openStackLabSkipReason();
if (skip) console.warn(`rackpilot deploy on the OpenStack lab skipped: ${skip}`);

type Row = Record<string, unknown>;

describe.skipIf(skip)('rackpilot deploy and rollback of the OpenStack sample on the real lab', () => {
  let lab: OpenStackLab;
  let dir: string;
  let workbook: string;
  let env: NodeJS.ProcessEnv;
  let secrets: string[];
  let before: Set<string>;
  let runId: string | undefined;
  let rolledBack = false;

  beforeAll(async () => {
    lab = await useOpenStackLab();
    // Through the bastion only, as on a site where the cloud's addresses do not route to the laptop.
    await lab.setDirectAccess(false);
    dir = mkdtempSync(join(tmpdir(), 'rp-cli-openstack-'));
    ({ workbook, env, secrets } = await prepareLabSample(lab, dir));
    let swept: string[];
    ({ inventory: before, swept } = await inventoryWithoutSample(lab));
    if (swept.length > 0) console.warn(`the lab held the sample of an earlier run, swept first:\n  ${swept.join('\n  ')}`);
    expect([...before].filter(isSampleObject), 'the sample of an earlier run, still there after sweepSample.sh').toEqual([]);
  }, 30 * 60_000);

  afterAll(async () => {
    try {
      if (runId && !rolledBack) await rackpilot(['rollback', runId, '--yes', '--force', '--json'], env);
    } finally {
      releaseOpenStackLab();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }, 10 * 60_000);

  it('deploys it: exit 0, no password printed, every planned server ACTIVE with its fixed IPs in its zone', async () => {
    const result = await rackpilot(['deploy', workbook, '--json'], env);
    console.log(`rackpilot deploy of the OpenStack sample: ${result.seconds.toFixed(1)} s`);
    const failures = result.stdout.split('\n').filter((line) => line.includes('"state":"failed"')).join('\n');
    expect(result.code, failures || result.stderr.slice(-3000)).toBe(0);
    for (const secret of secrets) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
    runId = (JSON.parse(result.stdout.split('\n')[0]!) as { type: string; runId: string }).runId;
    expect(runId).toMatch(/\S/);

    const plan = (await importPlan(workbook, { lang: 'en' })).plan!;
    const planned = buildOpenStackSteps(plan).filter((step) => step.kind === osKinds.server).map((step) => step.input as OsServerInput);
    expect(planned.map((server) => server.name)).toEqual(['mesh4-1', 'mesh4-2', 'mesh4-3', 'mesh4-4']);
    const zones = lab.zones.map((entry) => entry.zone);
    const servers = (await lab.openstack(['server', 'list', '--long', '--name', '^mesh4-'])) as Row[];
    expect(servers.map((server) => server.Name).sort()).toEqual(planned.map((server) => server.name).sort());
    for (const server of planned) {
      const found = servers.find((row) => row.Name === server.name)!;
      const zone = distributeZones({ nodes: server.sliceNodes, zones, ha: server.ha }).find((entry) => entry.node === server.name)!.zone;
      const addresses = Object.values(found.Networks as Record<string, string[]>).flat().sort();
      const fixed = server.ports.map((port) => port.ip).filter((ip): ip is string => ip !== null);
      expect({ status: found.Status, zone: found['Availability Zone'], addresses: addresses.length }, server.name).toEqual({ status: 'ACTIVE', zone, addresses: server.ports.length });
      expect(addresses, server.name).toEqual(expect.arrayContaining(fixed));
    }
    // Round-robin over both zones.
    expect(new Set(servers.map((server) => server['Availability Zone']))).toEqual(new Set(zones));
  }, 10 * 60_000);

  it('rolls it back: exit 0, and nothing the run made is left in the cloud', async () => {
    expect(runId, 'the deploy started a run').toBeDefined();
    // The run succeeded: removing a deployment that worked takes --force besides --yes.
    const result = await rackpilot(['rollback', runId!, '--yes', '--force', '--json'], env);
    console.log(`rackpilot rollback of the OpenStack sample: ${result.seconds.toFixed(1)} s`);
    expect(result.code, result.stdout.slice(-3000) + result.stderr.slice(-3000)).toBe(0);
    rolledBack = true;
    for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
    const outcome = JSON.parse(result.stdout.trim().split('\n').pop()!) as { state: string; removed: Array<{ resources: Array<{ kind: string }> }> };
    expect(outcome.state).toBe('rolled_back');
    const removedKinds = new Set(outcome.removed.flatMap((item) => item.resources.map((resource) => resource.kind)));
    expect(removedKinds.size, [...removedKinds].join(', ')).toBeGreaterThanOrEqual(5);

    const after = await inventory(lab);
    expect([...after].filter((entry) => !before.has(entry)), 'made by the run and still there').toEqual([]);
  }, 10 * 60_000);
});
