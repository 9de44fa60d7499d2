import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDurations } from '../../engine/service/wizard/estimate';
import { startLab, type LabHandle } from '../../lab';
import { quickLatency } from '../proxmox/harness';
import { startWizardEngine, twoVmPlan, writePlan } from './wizardHarness';

/*
 * The wizard's path for a real deployment (no lab rewrite): the plan names
 * the Proxmox lab's address itself, so the engine sees an unknown
 * certificate, a real login and real addresses, all on 127.0.0.1.
 */

let lab: LabHandle;
let wizard: Awaited<ReturnType<typeof startWizardEngine>>;
let goodPlan: string;
let wrongPasswordPlan: string;
let deployPlan: string;
const wrongPassword = 'Wrong-Pass-4711';

/** Pins the lab's certificate as the trust screen would (pinning twice is harmless). */
const trustLab = () =>
  wizard.value('trust:accept', { kind: 'tls', host: '127.0.0.1', port: Number(new URL(lab.endpoints[0]!.url).port), fingerprint: lab.endpoints[0]!.fingerprint, subject: null });

const statuses = (endpoint: { checks: Array<{ id: string; status: string }> }) => Object.fromEntries(endpoint.checks.map((c) => [c.id, c.status]));

beforeAll(async () => {
  lab = await startLab({ proxmox: { latency: quickLatency } });
  wizard = await startWizardEngine();
  const port = Number(new URL(lab.endpoints[0]!.url).port);
  goodPlan = await writePlan(twoVmPlan(port, lab.endpoints[0]!.password), join(wizard.dir, 'site.xlsx'));
  wrongPasswordPlan = await writePlan(twoVmPlan(port, wrongPassword), join(wizard.dir, 'wrong.xlsx'));
  deployPlan = await writePlan(twoVmPlan(port, lab.endpoints[0]!.password, null), join(wizard.dir, 'deploy.xlsx'));
});

afterAll(async () => {
  await wizard?.close();
  await lab?.close();
});

describe('preflight against a real endpoint', () => {
  it('blocks on the unknown certificate without logging in, then passes once it is trusted', async () => {
    const first = (await wizard.value('preflight:run', { plan: { path: goodPlan } })).endpoints;
    expect(first).toHaveLength(1);
    expect(statuses(first[0])).toEqual({ reachable: 'ok', tls: 'blocker', login: 'skipped', version: 'skipped', capacity: 'skipped', templates: 'skipped', storages: 'skipped', ips: 'warning' });
    const certificate = first[0].certificate;
    expect(certificate).toMatchObject({ host: '127.0.0.1', fingerprint: lab.endpoints[0]!.fingerprint, trusted: false });
    expect(first[0].checks.find((c: { id: string }) => c.id === 'ips').message).toContain('127.0.0.1 (web-01');

    await wizard.value('trust:accept', { kind: 'tls', host: certificate.host, port: certificate.port, fingerprint: certificate.fingerprint, subject: certificate.subject });
    const [after] = (await wizard.value('preflight:run', { plan: { path: goodPlan } })).endpoints;
    expect(statuses(after)).toEqual({ reachable: 'ok', tls: 'ok', login: 'ok', version: 'ok', capacity: 'ok', templates: 'ok', storages: 'ok', ips: 'warning' });
    expect(after.certificate.trusted).toBe(true);
    expect(after.version).toMatch(/^\d+\.\d+/);
    expect(after.nodes.map((node: { node: string }) => node.node).sort()).toEqual(['pve1', 'pve2', 'pve3']);
    expect(after.nodes.every((node: { online: boolean; memoryFreeBytes: number }) => node.online && node.memoryFreeBytes > 0)).toBe(true);
  });

  it('reports a wrong password as a login blocker that does not contain it', async () => {
    await trustLab();
    const reply = await wizard.invoke('preflight:run', { plan: { path: wrongPasswordPlan } });
    expect(reply.ok).toBe(true);
    const [endpoint] = (reply as { ok: true; value: any }).value.endpoints;
    expect(statuses(endpoint)).toMatchObject({ tls: 'ok', login: 'blocker', version: 'skipped', capacity: 'skipped' });
    expect(endpoint.checks.find((c: { id: string }) => c.id === 'login').message).toMatch(/refused|authentication/i);
    expect(JSON.stringify(reply)).not.toContain(wrongPassword);
  });

  it('checks one endpoint on request and refuses one the plan does not have', async () => {
    expect((await wizard.value('preflight:run', { plan: { path: goodPlan }, endpoint: 'pve-lab' })).endpoints).toHaveLength(1);
    expect(await wizard.invoke('preflight:run', { plan: { path: goodPlan }, endpoint: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('review, deploy and export', () => {
  it('totals the graph, deploys it, remembers the workbook and exports bundle and report', async () => {
    await trustLab();
    const graph = await wizard.value('plan:graph', { plan: { path: deployPlan } });
    expect(graph.steps.map((step: { id: string }) => step.id)).toEqual(['vm.create:web-01', 'vm.create:web-02']);
    const { vmCreate } = defaultDurations.real;
    expect(graph.totals).toEqual({
      vms: 2,
      vcpu: 3,
      memoryMiB: 3072,
      diskGiB: 32,
      uploadBytes: 0,
      steps: 2,
      estimate: { lowSeconds: vmCreate.lowMs / 1000, highSeconds: vmCreate.highMs / 1000, basis: { source: 'defaults' } },
    });
    const serial = await wizard.value('plan:graph', { plan: { path: deployPlan }, concurrency: 1 });
    expect(serial.totals.estimate).toMatchObject({ lowSeconds: (2 * vmCreate.lowMs) / 1000, highSeconds: (2 * vmCreate.highMs) / 1000 });

    const { runId } = await wizard.value('run:start', { source: { kind: 'workbook', path: deployPlan } });
    const run = await wizard.settle(runId);
    expect(run.steps.map((step: { state: string; error: unknown }) => [step.state, step.error])).toEqual([
      ['succeeded', null],
      ['succeeded', null],
    ]);
    expect((await wizard.value('settings:get')).recentFiles[0]).toBe(deployPlan);
    // The next review goes by what this run took (the lab answers in seconds, not minutes).
    const learned = (await wizard.value('plan:graph', { plan: { path: deployPlan } })).totals.estimate;
    expect(learned.basis).toEqual({ source: 'history', runs: 1 });
    expect(learned.highSeconds).toBeLessThan(vmCreate.lowMs / 1000);

    const { path: bundle } = await wizard.value('run:exportLogs', { runId });
    const out = join(wizard.dir, 'bundle');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', bundle, '-C', out]);
    const log = readFileSync(join(out, 'log.txt'), 'utf8');
    expect(log).toContain('vm.create:web-01');
    for (const secret of [lab.endpoints[0]!.password, 'vm-pass-1', 'vm-pass-2']) {
      expect(log).not.toContain(secret);
      expect(readFileSync(join(out, 'steps.json'), 'utf8')).not.toContain(secret);
    }

    const { path: report } = await wizard.value('run:exportReport', { runId });
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('web-01');
    expect(html).toMatch(/VMID: 100[12]/);
    expect(html).toContain('No step failed.');
  }, 60_000);
});
