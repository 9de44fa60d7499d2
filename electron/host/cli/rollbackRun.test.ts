import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { ProxmoxClient } from '../../engine/providers/proxmox/client';
import { prepareForSample, startLabProcess, type LabProcess } from '../../../e2e/support/lab';
import { runCli, sampleFailingOnBastion } from './cliTestKit';

/*
 * The sample plan deployed by `rackpilot deploy` onto the Proxmox lab as its
 * own process (a cluster that outlives each CLI call), with bastion-01 too
 * large for any node, then rolled back by `rackpilot rollback`. The lab's
 * own API says what is left.
 */
let lab: LabProcess;
const dir = mkdtempSync(join(tmpdir(), 'rp-cli-rollback-'));
const dataDir = join(dir, 'home');

beforeAll(async () => {
  lab = await startLabProcess();
  await prepareForSample(lab);
}, 60_000);
afterAll(async () => {
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The cluster's VMs (not templates) as its Proxmox API lists them. */
async function deployedNames(): Promise<string[]> {
  const client = new ProxmoxClient({
    endpoint: { name: 'check', url: lab.url, auth: { kind: 'password', username: lab.username, password: new Secret(lab.password) }, fingerprints: [lab.fingerprint] },
    trust: memoryTrustStore(),
  });
  try {
    const rows = await client.get<Array<{ name?: string; template?: number }>>('/cluster/resources', AbortSignal.timeout(20_000), { type: 'vm' });
    return rows.filter((row) => row.template !== 1).map((row) => row.name ?? '').sort();
  } finally {
    client.close();
  }
}

describe('rackpilot rollback', () => {
  it('lists what it removes, needs --yes away from a terminal, exits 1 while a deletion fails and 0 once everything is gone', async () => {
    const workbook = await sampleFailingOnBastion(dir, lab);

    const deploy = runCli(dataDir, ['deploy', workbook, '--json']);
    expect(deploy.code).toBe(1);
    const runId = (JSON.parse(deploy.stdout.split('\n')[0]!) as { runId: string }).runId;
    const made = await deployedNames();
    expect(made).toHaveLength(9);
    expect(made).not.toContain('bastion-01');

    const unconfirmed = runCli(dataDir, ['rollback', runId]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('confirm with --yes');
    expect(await deployedNames()).toEqual(made);

    await lab.post('faults', { faults: [{ kind: 'taskFails', taskType: 'qmdestroy', count: 1, message: 'unable to destroy VM: storage busy (injected)' }] });
    const partial = runCli(dataDir, ['rollback', runId, '--yes']);
    expect(partial.code).toBe(1);
    expect(partial.stdout).toContain('Rolling back removes:');
    for (const name of made) expect(partial.stdout).toMatch(new RegExp(`vm \\d+ "${name}" on pve-lab/pve\\d`));
    // The ISO the run uploaded goes too; nothing stays.
    expect(partial.stdout).toMatch(/image local:iso\/tools\.iso "tools\.iso" on pve-lab\/pve1/);
    expect(partial.stdout).not.toContain('Stays in place:');
    expect(partial.stdout).toContain('Could not remove:');
    expect(partial.stdout).toContain('unable to destroy VM: storage busy (injected)');
    // Which VM's deletion fails depends on the order: when the one left behind mounts the ISO, the ISO's
    // deletion waits for the next rollback rather than break that VM.
    const isoWaited = /local:iso\/tools\.iso is still mounted by VM \d+/.test(partial.stdout);
    expect(await deployedNames()).toHaveLength(1);

    const finished = runCli(dataDir, ['rollback', runId, '--yes', '--json']);
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);
    const outcome = JSON.parse(finished.stdout) as { state: string; removed: Array<{ target: string; stepId: string }>; notRemoved: unknown[] };
    expect(outcome).toMatchObject({ state: 'rolled_back', notRemoved: [] });
    expect(outcome.removed.map((item) => item.stepId.split(':')[0]).sort()).toEqual(isoWaited ? ['image.upload', 'vm.create'] : ['vm.create']);
    expect(await deployedNames()).toEqual([]);

    const runs = JSON.parse(runCli(dataDir, ['runs', '--json']).stdout) as { runs: Array<{ id: string; state: string }> };
    expect(runs.runs.find((run) => run.id === runId)?.state).toBe('rolled_back');
    const again = runCli(dataDir, ['rollback', runId, '--yes']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`Run ${runId} is rolled_back and cannot be rolled back now`);
  }, 300_000);

  it('refuses an unknown run and a missing run id with exit 2', () => {
    const unknown = runCli(dataDir, ['rollback', 'no-such-run', '--yes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no run with id no-such-run');
    expect(runCli(dataDir, ['rollback']).code).toBe(2);
  });
});
