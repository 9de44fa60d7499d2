import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareForSample, startLabProcess, type LabProcess } from '../../../e2e/support/lab';
import { englishLeft } from '../../integration/englishLeft';
import { readTable } from '../../../e2e/support/workbooks';
import { runCli, sampleFailingOnBastion } from './cliTestKit';

/*
 * A rollback that cannot remove everything, read in Chinese: the Proxmox
 * lab runs as its own process (it outlives each CLI call) and refuses one
 * deletion. What could not be removed and why are Rackpilot's words in
 * Chinese around the platform's own answer, which stays as it said it.
 */
let lab: LabProcess;
const dir = mkdtempSync(join(tmpdir(), 'rp-cli-rollback-zh-'));
const dataDir = join(dir, 'home');
const refusal = 'unable to destroy VM: storage busy (injected)';

beforeAll(async () => {
  lab = await startLabProcess();
  await prepareForSample(lab);
}, 60_000);
afterAll(async () => {
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('rackpilot rollback --lang zh that cannot remove everything', () => {
  it('says what could not be removed and how to retry in Chinese; the platform answer, names and places as they are', async () => {
    const workbook = await sampleFailingOnBastion(dir, lab);
    const vms = await readTable(workbook, 'VMs', 'Name *');
    const deploy = runCli(dataDir, ['deploy', workbook, '--json'], { RACKPILOT_NETWORK_SCOPE: 'loopback' });
    expect(deploy.code, deploy.stderr).toBe(1);
    const runId = (JSON.parse(deploy.stdout.split('\n')[0]!) as { runId: string }).runId;

    await lab.post('faults', { faults: [{ kind: 'taskFails', taskType: 'qmdestroy', count: 1, message: refusal }] });
    const partial = runCli(dataDir, ['rollback', runId, '--yes', '--lang', 'zh'], { RACKPILOT_NETWORK_SCOPE: 'loopback' });
    expect(partial.code, partial.stderr).toBe(1);
    const said = partial.stdout;
    expect(said).toMatch(/^无法删除：$/m);
    expect(said).toMatch(/^ {2}失败 {3}vm\.create:\S+: .*unable to destroy VM: storage busy \(injected\)/m);
    expect(said).toMatch(new RegExp(`^运行 ${runId}：回滚未完成；再次运行 rackpilot rollback ${runId} 以重试。$`, 'm'));
    const names = [runId, ...vms.map((vm) => vm['Name *'] ?? ''), 'tools.iso', 'pve-lab', refusal];
    expect(englishLeft(said, names)).toEqual([]);
  }, 300_000);
});
