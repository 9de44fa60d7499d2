import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SecretStorage } from '../../../shared/secrets';
import { startLab, type LabHandle } from '../../lab';
import { quickLatency } from '../proxmox/harness';
import { startWizardEngine, twoVmPlan, writePlan } from './wizardHarness';

/*
 * A workbook that leaves its endpoint's password empty on purpose, pointed
 * at the Proxmox lab's own address (no lab rewrite): the password the user
 * enters is the one the run logs in with, and nothing starts without it.
 */

const workbookDir = mkdtempSync(join(tmpdir(), 'rp-blank-password-'));
let lab: LabHandle;
let planPath: string;
let password: string;
let port: number;
const dataDirs: Array<Awaited<ReturnType<typeof startWizardEngine>>> = [];
const target = () => ({ scope: 'endpoint', name: 'pve-lab', address: '127.0.0.1', user: 'root@pam' });

/** A keyring that survives an engine restart, as safeStorage's file does. */
function persistentStorage(): SecretStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    persistent: true,
    get: async (key) => entries.get(key),
    set: async (key, value) => void entries.set(key, value),
    delete: async (key) => void entries.delete(key),
    keys: async () => [...entries.keys()],
  };
}

async function engine(options: Parameters<typeof startWizardEngine>[0] = {}) {
  const wizard = await startWizardEngine(options);
  dataDirs.push(wizard);
  await wizard.value('trust:accept', { kind: 'tls', host: '127.0.0.1', port, fingerprint: lab.endpoints[0]!.fingerprint, subject: null });
  return wizard;
}

beforeAll(async () => {
  lab = await startLab({ proxmox: { latency: quickLatency } });
  password = lab.endpoints[0]!.password;
  port = Number(new URL(lab.endpoints[0]!.url).port);
  const rows = twoVmPlan(port, password, null);
  rows.endpoints[0]!.password = null;
  planPath = await writePlan(rows, join(workbookDir, 'blank-password.xlsx'));
});

afterEach(async () => {
  while (dataDirs.length > 0) await dataDirs.pop()!.close();
});

afterAll(async () => {
  await lab?.close();
  rmSync(workbookDir, { recursive: true, force: true });
});

describe('a password the workbook leaves empty', () => {
  it('is a warning at validation, and nothing connects or starts until it is entered; then preflight and the run use it', async () => {
    const wizard = await engine();
    const imported = await wizard.value('plan:import', { path: planPath });
    expect(imported.summary.errors).toBe(0);
    expect(imported.findings).toContainEqual(expect.objectContaining({ code: 'secret.missing', severity: 'warning', sheet: 'Endpoints' }));
    const cell = imported.findings.find((finding: { code: string }) => finding.code === 'secret.missing');

    const needed = await wizard.value('secrets:needed', { plan: { path: planPath } });
    expect(needed).toEqual({ persistent: false, needs: [{ target: target(), cell: `Endpoints!${cell.cell}`, state: 'missing' }] });

    const refused = await wizard.invoke('run:start', { source: { kind: 'workbook', path: planPath } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'secret_required', cell: { sheet: 'Endpoints', cell: cell.cell } } });
    expect(refused.ok ? '' : refused.error.title).toContain(`endpoint pve-lab (Endpoints!${cell.cell})`);
    expect(await wizard.value('run:list', {})).toEqual([]);
    expect(await wizard.invoke('preflight:run', { plan: { path: planPath } })).toMatchObject({ ok: false, error: { code: 'secret_required' } });

    // No OS keyring behind this engine: asking to remember is refused, and nothing is kept.
    expect(await wizard.invoke('secrets:provide', { target: target(), value: password, remember: true })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect((await wizard.value('secrets:needed', { plan: { path: planPath } })).needs[0].state).toBe('missing');

    await wizard.value('secrets:provide', { target: target(), value: password });
    expect((await wizard.value('secrets:needed', { plan: { path: planPath } })).needs[0].state).toBe('entered');
    const [checked] = (await wizard.value('preflight:run', { plan: { path: planPath } })).endpoints;
    expect(checked.checks.find((check: { id: string }) => check.id === 'login').status).toBe('ok');

    const { runId } = await wizard.value('run:start', { source: { kind: 'workbook', path: planPath } });
    const run = await wizard.settle(runId);
    expect(run.state).toBe('succeeded');
    const logs = await wizard.value('run:logs', { runId });
    expect(JSON.stringify(logs)).not.toContain(password);
  }, 60_000);

  it("asks for a scripted VM's guest password too, on a real run only (a rehearsal logs in with the lab's own)", async () => {
    const rows = twoVmPlan(port, password, null);
    rows.vms[0]!.password = null;
    rows.scripts = [{ name: 'hello', runOn: 'web-01', body: 'echo hello' }];
    const scripted = await writePlan(rows, join(workbookDir, 'blank-guest-password.xlsx'));
    const wizard = await engine();
    const imported = await wizard.value('plan:import', { path: scripted });
    expect(imported.findings).toContainEqual(expect.objectContaining({ code: 'secret.missing', severity: 'warning', sheet: 'VMs' }));
    const needed = await wizard.value('secrets:needed', { plan: { path: scripted } });
    expect(needed.needs.map((need: { target: { scope: string; name: string } }) => need.target)).toContainEqual({ scope: 'vm', name: 'web-01', address: '', user: 'ops' });
    const rehearsal = await wizard.value('secrets:needed', { plan: { path: scripted, lab: true } });
    expect(rehearsal.needs).toEqual([]);
  });

  it('is entered for another address or user as another password', async () => {
    const wizard = await engine();
    await wizard.value('secrets:provide', { target: { ...target(), address: '10.0.0.9' }, value: password });
    await wizard.value('secrets:provide', { target: { ...target(), user: 'admin@pve' }, value: password });
    expect((await wizard.value('secrets:needed', { plan: { path: planPath } })).needs[0].state).toBe('missing');
  });

  it('is asked for again by a resumed run that cannot find it, and remembered across restarts only when asked', async () => {
    const first = await engine();
    await first.value('secrets:provide', { target: target(), value: password });
    const { runId } = await first.value('run:start', { source: { kind: 'workbook', path: planPath } });
    await first.engine.close();
    const storage = persistentStorage();
    const second = await engine({ dataDir: join(first.dir, 'data'), secretStorage: storage });
    expect((await second.value('run:get', { runId })).state).toBe('interrupted');

    const refused = await second.invoke('run:resume', { runId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'secret_required' } });
    const stillWaiting = await second.value('run:get', { runId });
    expect(stillWaiting.state).toBe('interrupted');
    expect(stillWaiting.steps.every((step: { attempt: number; state: string }) => step.state !== 'running')).toBe(true);

    await second.value('secrets:provide', { target: target(), value: password, remember: true });
    expect([...storage.entries.keys()]).toEqual(['password:endpoint:pve-lab:root%40pam:127.0.0.1']);
    await second.value('run:resume', { runId });
    expect((await second.settle(runId)).state).toBe('succeeded');
    await second.engine.close();

    const third = await engine({ dataDir: join(first.dir, 'data'), secretStorage: storage });
    expect(await third.value('secrets:needed', { plan: { path: planPath } })).toMatchObject({ persistent: true, needs: [{ state: 'remembered' }] });
    expect(await third.value('secrets:remembered', {})).toEqual({ persistent: true, targets: [target()] });
    await third.value('secrets:forget', { target: target() });
    expect(storage.entries.size).toBe(0);
    expect((await third.value('secrets:needed', { plan: { path: planPath } })).needs[0].state).toBe('missing');
  }, 60_000);
});
