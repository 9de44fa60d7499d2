import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStackLabSkipReason, releaseOpenStackLab, useOpenStackLab, type OpenStackLab } from '../../engine/testing/openstackLab';
import { runTag, serverArtifactKey, type ServerArtifact } from '../../engine/providers/openstack/serverStep';
import { labPlan, type LabPlanOptions } from './openstackPlanKit';
import { deploy, depsFor, rollback, writeDiskImage, type LabRun } from './openstackRun';

/*
 * What goes wrong on a real cloud, each as a clear step error naming what
 * and where, and nothing left once rolled back: a wrong password, a flavor
 * or image the cloud lacks, the project's quota, a server Nova puts in ERROR,
 * a server whose POST /servers answer never came back.
 */

const skip = openStackLabSkipReason();

type Row = Record<string, unknown>;

describe.skipIf(skip)('OpenStack faults on the real lab', () => {
  let lab: OpenStackLab;
  let dir: string;
  const runs: LabRun[] = [];

  beforeAll(async () => {
    lab = await useOpenStackLab();
    dir = mkdtempSync(join(tmpdir(), 'rp-osf-'));
    writeDiskImage(dir, 7);
  }, 30 * 60_000);

  afterAll(async () => {
    for (const run of runs.reverse()) await rollback(run).catch(() => undefined);
    releaseOpenStackLab();
  }, 5 * 60_000);

  const small = (name: string, extra: Partial<LabPlanOptions> = {}): LabPlanOptions => ({
    viaBastion: true,
    workbookDir: dir,
    ...extra,
    slice: { name, topology: 'linear', nodes: 2, ha: false, cidr: '10.62.0.0/28', managementCidr: null, ...extra.slice },
  });

  async function runPlan(options: LabPlanOptions): Promise<{ run: LabRun; errors: Record<string, { code: string; title: string; hint?: string; cell?: unknown }> }> {
    const plan = labPlan(lab, options);
    const run = await deploy(plan, depsFor(plan, dir));
    runs.push(run);
    const errors: Record<string, { code: string; title: string; hint?: string }> = {};
    for (const event of run.hooks.states) if (event.error && event.state === 'failed') errors[event.stepId] = event.error;
    return { run, errors };
  }

  const leftovers = async (prefix: string): Promise<string[]> => {
    const out: string[] = [];
    for (const kind of ['server', 'network', 'port', 'router']) {
      for (const row of (await lab.openstack([kind, 'list'])) as Row[]) if (String(row.Name ?? '').startsWith(prefix)) out.push(`${kind} ${String(row.Name)}`);
    }
    return out;
  };

  it('stops every step at a wrong password, naming the cell, after one login attempt', async () => {
    const { run, errors } = await runPlan(small('rpbadpw', { password: 'not-the-password' }));
    expect(run.outcome).toBe('failed');
    const first = Object.values(errors)[0]!;
    expect(first).toMatchObject({ code: 'auth', cell: { sheet: 'Endpoints', cell: 'F3' } });
    expect(first.title).toContain('refused the login of admin in domain Default');
    const logins = run.requests.filter((request) => request.url.endsWith('/auth/tokens?nocatalog'));
    expect(logins).toHaveLength(1);
  }, 5 * 60_000);

  it('names a flavor and an image the cloud lacks, with what it has', async () => {
    const { errors, run } = await runPlan(small('rpnoflv', { flavor: { name: 'no-such-flavor', vcpu: null, memoryMiB: null, diskGiB: null }, image: { file: null, remoteName: 'no-such-image' } }));
    expect(errors['os.flavor:os-lab/no-such-flavor']).toMatchObject({ code: 'plan_invalid', title: 'OpenStack os-lab has no flavor named no-such-flavor.', hint: expect.stringContaining('Its flavors:') });
    expect(errors['image.upload:os-lab/no-such-image']).toMatchObject({ code: 'plan_invalid', title: 'Glance on os-lab has no active image named no-such-image.', cell: { sheet: 'Images', cell: 'C3' } });
    await rollback(run);
    expect(await leftovers('rpnoflv-')).toEqual([]);
  }, 5 * 60_000);

  it("reports the project's quota with Nova's own words and a hint, and rolls back", async () => {
    await lab.setComputeQuota('demo', { instances: 1 });
    try {
      await lab.openstack(['flavor', 'create', '--vcpus', '1', '--ram', '256', '--disk', '1', 'rp.quota']).catch(() => undefined);
      const { errors, run } = await runPlan(small('rpquota', { username: lab.demo.username, password: lab.demo.password, project: lab.demo.project, flavor: { name: 'rp.quota', vcpu: null, memoryMiB: null, diskGiB: null } }));
      const failed = Object.entries(errors).filter(([id]) => id.startsWith('vm.create:'));
      // Nova refuses at the API (403), or, for servers started together, puts them in ERROR when its conductor
      // rechecks the quota: then each may see the other counted, and both fail.
      expect(failed.length, JSON.stringify(errors)).toBeGreaterThanOrEqual(1);
      expect(failed.length, JSON.stringify(errors)).toBeLessThanOrEqual(2);
      for (const [, error] of failed) {
        expect(error).toMatchObject({ code: 'step_failed', title: expect.stringMatching(/(answered 403 to POST \/servers|rpquota-\d on os-lab went to ERROR): Quota exceeded for instances/), hint: expect.stringContaining("project's quota on os-lab is used up") });
      }
      await rollback(run);
      expect(await leftovers('rpquota-')).toEqual([]);
    } finally {
      await lab.setComputeQuota('demo', { instances: 10 });
      await lab.openstackDo(['flavor', 'delete', 'rp.quota']).catch(() => undefined);
    }
  }, 6 * 60_000);

  it("fails a server Nova puts in ERROR with its fault message, and deletes it on rollback", async () => {
    // More vCPUs than a fake hypervisor has (1000), with the quota out of the way so Nova's scheduler is what refuses.
    await lab.setComputeQuota('admin', { cores: -1 });
    try {
      const { errors, run } = await runPlan(small('rperror', { flavor: { name: 'rp.huge', vcpu: 4000, memoryMiB: 256, diskGiB: 1 } }));
      const failed = Object.entries(errors).filter(([id]) => id.startsWith('vm.create:'));
      expect(failed.length, JSON.stringify(errors)).toBeGreaterThan(0);
      expect(failed[0]![1]).toMatchObject({ code: 'step_failed', title: expect.stringMatching(/Server rperror-\d on os-lab went to ERROR: No valid host was found/), hint: expect.stringContaining('No compute host fits it') });
      await rollback(run);
      expect(await leftovers('rperror-')).toEqual([]);
    } finally {
      await lab.setComputeQuota('admin', { cores: 20 });
    }
  }, 6 * 60_000);
  it("removes a server whose id the run never read, by its name and this run's tag, and leaves a same-named one of anyone else", async () => {
    const { run } = await runPlan(small('rplost'));
    expect(run.outcome).toBe('succeeded');
    const [tagged] = (await lab.openstack(['server', 'list', '--long', '--name', '^rplost-1$'])) as Row[];
    // Nova keeps the tag as the server's metadata ("properties" to the CLI).
    expect(JSON.stringify(tagged!.Properties)).toContain(run.runId);
    expect(JSON.stringify(tagged!.Properties)).toContain(runTag);
    // As if the answer to its POST /servers had been lost: the step recorded the request, never the id.
    const artifacts = run.hooks.artifactsFor('vm.create:rplost-1');
    const made = artifacts.get<ServerArtifact>(serverArtifactKey)!;
    artifacts.set(serverArtifactKey, { ...made, serverId: null, requested: true });
    // Someone else's server of the same name, without the tag.
    await lab.openstack(['--os-compute-api-version', '2.37', 'server', 'create', '--flavor', 'rp.tiny', '--image', 'rp-test-image', '--nic', 'none', '--wait', 'rplost-1']);
    try {
      await rollback(run);
      const left = (await lab.openstack(['server', 'list', '--long', '--name', '^rplost-'])) as Row[];
      expect(left.map((row) => row.Name)).toEqual(['rplost-1']);
      expect(JSON.stringify(left[0]!.Properties)).not.toContain(run.runId);
    } finally {
      await lab.openstackDo(['server', 'delete', '--wait', 'rplost-1']);
      await rollback(run).catch(() => undefined);
    }
    expect(await leftovers('rplost-')).toEqual([]);
  }, 8 * 60_000);
});
