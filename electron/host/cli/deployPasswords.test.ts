import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type LabHandle } from '../../lab';
import { quickLatency } from '../../integration/proxmox/harness';
import { twoVmPlan, writePlan } from '../../integration/wizard/wizardHarness';
import { englishLeft } from '../../integration/englishLeft';
import { cliEntry, runCli } from './cliTestKit';
import { passwordEnvName } from './enterPasswords';

/* `rackpilot deploy` of a workbook whose endpoint password is empty, pointed at the lab's own address with its fingerprint. */

const dir = mkdtempSync(join(tmpdir(), 'rp-cli-passwords-'));
let lab: LabHandle;
let planPath: string;

function runCliAsync(dataDir: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string }>((resolve) => {
    execFile(process.execPath, [cliEntry, ...args], { env: { ...process.env, ...env, RACKPILOT_HOME: dataDir }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout }),
    );
  });
}

beforeAll(async () => {
  lab = await startLab({ proxmox: { latency: quickLatency } });
  const endpoint = lab.endpoints[0]!;
  const rows = twoVmPlan(Number(new URL(endpoint.url).port), endpoint.password, null);
  Object.assign(rows.endpoints[0]!, { password: null, tlsFingerprint: endpoint.fingerprint });
  planPath = await writePlan(rows, join(dir, 'blank.xlsx'));
});

afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rackpilot deploy with a password cell left empty', () => {
  it('names the env variable', () => {
    expect(passwordEnvName({ scope: 'endpoint', name: 'pve-lab', address: '127.0.0.1', user: 'root@pam' })).toBe('RACKPILOT_PASSWORD_PVE_LAB');
    expect(passwordEnvName({ scope: 'jumpHost', name: 'bastion.2', address: '10.0.0.5', user: 'ops' })).toBe('RACKPILOT_JUMP_PASSWORD_BASTION_2');
  });

  it('without a terminal or the variable, stops before any run, naming the cell and the variable', () => {
    const home = join(dir, 'home-missing');
    const result = runCli(home, ['deploy', planPath]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/password of endpoint pve-lab \(root@pam@127\.0\.0\.1, Endpoints![A-Z]+2\)/);
    expect(result.stderr).toContain('RACKPILOT_PASSWORD_PVE_LAB');
    const runs = runCli(home, ['runs', '--json']);
    expect(JSON.parse(runs.stdout)).toEqual({ runs: [] });
  });

  it('with --lang zh, says the refusal in Chinese: whose password, its cell and the variable as they are', () => {
    const result = runCli(join(dir, 'home-missing-zh'), ['deploy', planPath, '--lang', 'zh']);
    expect(result.code).toBe(2);
    const [title, hint] = result.stderr.replace(/^rackpilot: /, '').split('\n').map((line) => line.trim());
    expect(title).toMatch(/^工作簿中端点 pve-lab（root@pam@127\.0\.0\.1，Endpoints![A-Z]+2）的密码为空。$/);
    expect(hint).toBe('请在环境变量中设置 RACKPILOT_PASSWORD_PVE_LAB，或在终端中运行以便输入密码。密码从不通过命令行参数传入。');
    expect(englishLeft(result.stderr, ['root@pam@127.0.0.1', 'RACKPILOT_PASSWORD_PVE_LAB'])).toEqual([]);
  });

  it('deploys with the password from the environment, which it never prints', async () => {
    const password = lab.endpoints[0]!.password;
    // Not runCli: the lab lives in this process and must keep answering while the CLI runs.
    const result = await runCliAsync(join(dir, 'home-env'), ['deploy', planPath, '--json'], { RACKPILOT_PASSWORD_PVE_LAB: password });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(password);
  }, 60_000);
});
