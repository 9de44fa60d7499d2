import { execFile, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stageKinds } from '../../engine/providers/smartx/steps';
import { createLabController } from '../../hostShared/lab/labController';
import { useSampleRehearsal } from '../sampleRehearsalKit';

/*
 * The whole CloudTower pipeline from the sample 规划设计表 (the real
 * template's layout) through the engine service, on the lab's linked SMTX
 * OS, CloudTower and SSH simulators; then the CLI the way scripts call it.
 */

const lab = createLabController();
const { dir, value } = useSampleRehearsal(lab, 'rp-smartx-');
const workbook = () => join(dir, 'site', 'sample-smartx.xlsx');
const samplePasswords = ['Sample!Tower2026', 'Sample!Node2026', 'Sample!Bmc2026'];
const cliEntry = new URL('../../../bin/rackpilot.mjs', import.meta.url).pathname;

async function settle(runId: string) {
  for (let i = 0; i < 1200; i++) {
    const run = await value('run:get', { runId });
    if (['succeeded', 'failed', 'cancelled'].includes(run.state)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the rehearsal did not finish');
}

function resultsRows(path: string): unknown[][] {
  const script = ['import openpyxl, sys, json', 'wb = openpyxl.load_workbook(sys.argv[1])', 'print(json.dumps([[c.value for c in r] for r in wb["Results"].iter_rows()], default=str))'].join('\n');
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' })) as unknown[][];
}

describe('CloudTower on SMTX OS, end to end on the lab', () => {
  let firstRun = '';

  it('preflights the cluster through the provider; the CloudTower the plan installs is expected not to answer yet', async () => {
    const { endpoints } = await value('preflight:run', { plan: { path: workbook(), lab: true } });
    const byName = Object.fromEntries(endpoints.map((endpoint: { name: string }) => [endpoint.name, endpoint]));
    const statuses = (name: string) => Object.fromEntries(byName[name].checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(statuses('CN-SZ-SMTX-Lab-Cls01')).toMatchObject({ reachable: 'ok', tls: 'ok', login: 'ok', capacity: 'ok', storages: 'ok', placement: 'ok' });
    expect(Object.values(statuses('cloudtower')).every((status) => status === 'skipped')).toBe(true);
    expect(JSON.stringify(byName.cloudtower.checks)).toContain('installed by this plan');
  });

  it('runs the eight stages from the workbook: ISO uploaded, VM created, installer watched to success, CloudTower configured and the cluster attached', async () => {
    const { runId } = await value('run:start', { source: { kind: 'workbook', path: workbook(), lab: true } });
    firstRun = runId;
    const run = await settle(runId);
    expect(run.steps.map((step: any) => `${step.kind} ${step.state}`)).toEqual(Object.values(stageKinds).map((kind) => `${kind} succeeded`));
    const logs = (await value('run:logs', { runId, limit: 50_000 })).lines as Array<{ stepId: string; text: string }>;
    const of = (prefix: string) => logs.filter((line) => line.stepId?.startsWith(prefix)).map((line) => line.text).join('\n');
    expect(of('image.upload:')).toMatch(/uploaded to SMTX OS .*SHA-256 [0-9a-f]{64}/);
    expect(of('cloudtower.install:')).toContain('Install Operation Center Successfully');
    expect(of('cloudtower.verify:')).toMatch(/SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(of('cloudtower.configure:')).toContain('Organisation 示例科技 created');
    expect(of('cloudtower.attach:')).toContain('CONNECTED');
  }, 180_000);

  it('writes the CloudTower address, version, organisation, NTP/DNS and license back into a copy of the workbook', async () => {
    const { path } = await value('plan:writeResults', { runId: firstRun });
    const text = JSON.stringify(resultsRows(path));
    for (const expected of ['https://10.60.20.2', '4.6.0', '示例科技', '10.60.0.2, ntp.sample.test', '10.60.0.53, 10.60.0.54', 'TRIAL', 'SERVICE_READY']) expect(text).toContain(expected);
    for (const secret of samplePasswords) expect(text).not.toContain(secret);
  }, 120_000);

  it('runs again in the current lab (labMode continue): preflight warns of the VM, the ISO is reused with no chunk sent and the VM adopted, not duplicated', async () => {
    const { endpoints } = await value('preflight:run', { plan: { path: workbook(), lab: true } });
    const placement = endpoints.find((endpoint: { name: string }) => endpoint.name === 'CN-SZ-SMTX-Lab-Cls01').checks.find((c: { id: string }) => c.id === 'placement');
    expect(placement).toMatchObject({ status: 'warning', message: expect.stringContaining('already has a VM named cloudtower') });
    const { runId } = await value('run:start', { source: { kind: 'workbook', path: workbook(), lab: true }, labMode: 'continue' });
    const run = await settle(runId);
    // What the first run made is found by the steps' check(): those steps are `adopted`, the others run again.
    const found = new Set<string>([stageKinds.vm, stageKinds.install, stageKinds.attach]);
    expect(run.steps.map((step: any) => `${step.kind} ${step.state}`)).toEqual(Object.values(stageKinds).map((kind) => `${kind} ${found.has(kind) ? 'adopted' : 'succeeded'}`));
    const logs = (await value('run:logs', { runId, limit: 50_000 })).lines as Array<{ stepId: string; text: string }>;
    const of = (prefix: string) => logs.filter((line) => line.stepId?.startsWith(prefix)).map((line) => line.text).join('\n');
    expect(of('image.upload:')).toContain('reused, nothing uploaded');
    expect(of('image.upload:')).not.toMatch(/chunk\(s\) (of|sent)/);
    expect(of('vm.create:')).toMatch(/VM cloudtower \(\S+\) already exists .* adopted, not created again/);
    expect(of('vm.create:')).not.toContain('Creating VM');
  }, 180_000);

  it('keeps every password out of logs, events, the store and the report', async () => {
    const endpoints = lab.running() ?? [];
    const secrets = [...samplePasswords, ...endpoints.map((endpoint) => endpoint.password)];
    const logs = JSON.stringify(await value('run:logs', { runId: firstRun, limit: 50_000 }));
    const { path } = await value('run:exportReport', { runId: firstRun });
    const report = readFileSync(path, 'utf8');
    const home = join(dir, 'home');
    const store = readdirSync(home).filter((name) => name.startsWith('rackpilot.db')).map((name) => readFileSync(join(home, name)).toString('latin1')).join('');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(report).not.toContain(secret);
      expect(store).not.toContain(secret);
    }
    expect(report).toContain('10.60.20.2');
  });

  it('deploys from the CLI with --lab --json, exits 0, and its events name each stage', async () => {
    const home = join(dir, 'cli-home');
    const result = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, [cliEntry, 'deploy', workbook(), '--lab', '--json'], { env: { ...process.env, RACKPILOT_HOME: home }, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 }, (error, stdout) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout }),
      ),
    );
    expect(result.code).toBe(0);
    const events = result.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, any>);
    const stepIds = new Set(events.map((event) => event.stepId ?? event.step?.id).filter(Boolean));
    for (const id of ['cloudtower.prepare:cloudtower', 'image.upload:CN-SZ-SMTX-Lab-Cls01/cloudtower-iso', 'vm.create:cloudtower', 'cloudtower.install:cloudtower', 'cloudtower.verify:cloudtower', 'cloudtower.configure:cloudtower', 'cloudtower.attach:CN-SZ-SMTX-Lab-Cls01', 'cloudtower.output:cloudtower']) {
      expect(stepIds).toContain(id);
    }
    for (const secret of samplePasswords) expect(result.stdout).not.toContain(secret);
  }, 300_000);
});
