import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../shared/contract/channels';
import { dispatch } from '../../../shared/contract/dispatch';
import { samplePlanSheets, type PlanRows } from '../../engine/plan/testFixtures/v1Plan';
import { writeWithOpenpyxl } from '../../engine/plan/testFixtures/external';
import { createEngineService } from '../../engine/service/engineService';
import { cliEntry } from '../../host/cli/cliTestKit';
import { findSecrets, readEveryByte, secretsAddedBy } from './byteAudit';

/*
 * Every secret field the v1 format has carries a distinctive random string.
 * A lab rehearsal fails one VM with a task message that quotes secrets (in
 * clear, base64 as in a Basic header, URL- and JSON-encoded), the CLI is
 * killed -9 mid-run and resumed by a new process, then every export is made
 * by yet another engine. No byte Rackpilot wrote may hold a secret in any form.
 */

const dir = mkdtempSync(join(tmpdir(), 'rp-secrets-audit-'));
const home = join(dir, 'home');
const site = join(dir, 'site');
const workbook = join(site, 'plan.xlsx');
const output: string[] = [];

const token = (label: string) => `${label}-${randomBytes(12).toString('base64url')}`;
// Quotes, slashes, spaces and percent signs make the URL and JSON forms differ from the clear one.
const secrets = {
  endpointPassword: `${token('epw')}"/+ &%`,
  apiToken: token('tok'),
  guestPassword: `${token('gpw')}"&`,
  otherGuestPassword: token('wpw'),
  jumpPassword: `${token('jpw')} /\\`,
  keyPassphrase: `${token('kpp')}+=?`,
};

function planRows(): PlanRows {
  return {
    endpoints: [
      { name: 'pve1', kind: 'proxmox', address: '10.0.10.11', username: 'root@pam', password: secrets.endpointPassword, apiToken: secrets.apiToken, jumpHost: 'bastion1' },
    ],
    jumpHosts: [{ name: 'bastion1', address: '203.0.113.10', user: 'ops', password: secrets.jumpPassword, keyPath: 'keys/bastion1', keyPassphrase: secrets.keyPassphrase }],
    networks: [{ name: 'mgmt', endpoint: 'pve1', cidr: '10.0.20.0/24', gateway: '10.0.20.1', bridge: 'vmbr0' }],
    images: [{ name: 'ubuntu-tpl', kind: 'template', endpoint: 'pve1', remoteName: 'ubuntu-2404-template' }],
    vms: [
      // Only web-01 grows its disk beyond the template's, so only its resize task meets the fault.
      { name: 'web-01', endpoint: 'pve1', os: 'ubuntu', image: 'ubuntu-tpl', vcpu: 1, memoryMiB: 1024, diskGiB: 20, network: 'mgmt', ip: '10.0.20.21', user: 'ops', password: secrets.guestPassword },
      ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ name: `web-0${n}`, endpoint: 'pve1', os: 'ubuntu', image: 'ubuntu-tpl', vcpu: 1, memoryMiB: 1024, diskGiB: 10, network: 'mgmt', ip: `10.0.20.2${n}`, user: 'ops', password: secrets.otherGuestPassword })),
    ],
    // The Scripts sheet needs its header row; a comment row gives it one without a script.
    scripts: [{ name: '# none', body: 'true' }],
  };
}

/** What a server might answer: the secrets quoted back in every encoding a layer could have applied. */
function faultMessage(): string {
  const basic = Buffer.from(`root@pam:${secrets.endpointPassword}`).toString('base64');
  return [
    `resize failed: mount.cifs -o password=${secrets.jumpPassword}`,
    `Authorization: Basic ${basic}`,
    `url /api?token=${encodeURIComponent(secrets.apiToken)}&p=${new URLSearchParams({ v: secrets.guestPassword }).toString().slice(2)}`,
    `body ${JSON.stringify({ passphrase: secrets.keyPassphrase })}`,
  ].join('; ');
}

const env = () => ({
  ...process.env,
  RACKPILOT_HOME: home,
  RACKPILOT_NETWORK_SCOPE: 'loopback',
  // web-01 fails on every node; every call is slowed so that VMs queued behind it are still to come when the CLI is killed.
  RACKPILOT_LAB_FAULTS: JSON.stringify([
    { kind: 'taskFails', taskType: 'resize', count: 10_000, message: faultMessage() },
    { kind: 'slow', delayMs: 150 },
  ]),
});

/** `rackpilot ARGS`, its stdout and stderr kept for the audit; `until` may end it with SIGKILL. */
async function cli(args: string[], until?: (line: string) => boolean): Promise<{ code: number | null; lines: string[] }> {
  const child = spawn(process.execPath, [cliEntry, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines: string[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    lines.push(line);
    if (until?.(line)) {
      child.kill('SIGKILL');
      break;
    }
  }
  const code = await exited;
  output.push(lines.join('\n'), stderr);
  return { code, lines };
}

beforeAll(async () => {
  mkdirSync(site);
  await writeWithOpenpyxl(samplePlanSheets('en', planRows()), workbook);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets audit', () => {
  it('leaves no secret, in any encoding, in anything Rackpilot wrote through a failure, a kill -9, a resume and every export', async () => {
    let runId = '';
    const first = await cli(['deploy', workbook, '--lab', '--json', '--concurrency', '2'], (line) => {
      const message = JSON.parse(line) as { type: string; runId?: string; stepId?: string; state?: string };
      if (message.type === 'run.started') runId = message.runId ?? '';
      return message.type === 'step.state' && message.state === 'failed' && message.stepId?.includes('web-01') === true;
    });
    expect(first.code).toBeNull(); // killed, not finished
    expect(runId).not.toBe('');

    const resumed = await cli(['deploy', '--resume', runId, '--json']);
    expect(resumed.code).toBe(1); // web-01 failed, the others went on
    await cli(['runs', '--json']);
    const report = await cli(['report', runId, '--json']);
    const failedStep = (JSON.parse(report.lines[0] ?? '{}') as { run?: { steps?: { id: string; state: string; error: { title: string } | null }[] } }).run?.steps?.find((step) => step.state === 'failed');
    // The failure is there to audit: the task's message reached the step's error.
    expect(failedStep?.error?.title).toContain('mount.cifs');
    await cli(['report', runId]);

    // Exports by an engine that has not read the workbook: what it writes must already be clean.
    const engine = await createEngineService({ dataDir: home, host: 'cli', version: 'test' });
    let resultsPath = '';
    try {
      const value = async (channel: ChannelName, payload: unknown) => {
        const reply = await dispatch(engine.handlers, channel, payload);
        if (!reply.ok) throw new Error(`${channel}: ${reply.error.title}`);
        return reply.value as { path: string };
      };
      await value('run:exportReport', { runId });
      await value('run:exportLogs', { runId });
      resultsPath = (await value('plan:writeResults', { runId })).path;
    } finally {
      await engine.close();
    }

    const leaks = findSecrets(Object.values(secrets), [...(await readEveryByte(home)), { name: 'CLI output', bytes: Buffer.from(output.join('\n')) }]);
    expect(leaks).toEqual([]);
    // The results copy keeps the user's own cells (their passwords included) but adds none.
    expect(await secretsAddedBy(workbook, resultsPath, Object.values(secrets))).toEqual([]);
  }, 240_000);
});
