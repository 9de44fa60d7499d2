import { say, type TextRef } from '../../../shared/i18n/engineText';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { emptyPlan, sourced, type JumpHostFields, type Plan, type ScriptFields, type VmFields } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import type { LogLevel } from '../../../shared/runModel';
import { EndpointSessions } from '../net/endpointSessions';
import type { StepContext } from '../runner/types';
import { SlotRegistry } from '../runner/slotLimits';
import type { HostKeyStore } from '../ssh';
import { openSshSkipReason, startOpenSsh, sudoSkipReason, testPassword, testUser, type OpenSshServer } from '../ssh/testing/openssh';
import { Redactor } from '../util/redactor';
import { scriptStepKind } from './scriptStepKind';
import { scriptKind, type ScriptStepInput } from './scriptSteps';

const skip = openSshSkipReason();
const workbookDir = mkdtempSync(join(tmpdir(), 'rp-scripts-'));
let target: OpenSshServer;
let bastion: OpenSshServer;

beforeAll(async () => {
  if (skip) return;
  [target, bastion] = await Promise.all([startOpenSsh(), startOpenSsh()]);
});
afterAll(async () => {
  await Promise.all([target?.stop(), bastion?.stop()]);
  rmSync(workbookDir, { recursive: true, force: true });
});

function memoryPins(): HostKeyStore & { pins: { host: string; port: number; fingerprint: string }[] } {
  const pins: { host: string; port: number; fingerprint: string }[] = [];
  return {
    pins,
    findPins: (_kind, host, port) => pins.filter((pin) => pin.host === host && pin.port === port),
    addPin: (pin) => pins.push(pin),
  };
}

function script(fields: Partial<ScriptFields> & { name: string }) {
  return sourced<ScriptFields>({ runOn: [], interpreter: 'bash', body: null, file: null, sudo: false, timeoutSec: 60, ...fields }, { sheet: 'Scripts', cell: 'A2:G2' });
}

function planWith(scripts: ReturnType<typeof script>[], vm: Partial<VmFields> = {}, jumpHosts: JumpHostFields[] = []): Plan {
  const plan = emptyPlan('rackpilot-v1', join(workbookDir, 'plan.xlsx'));
  plan.scripts = scripts;
  plan.jumpHosts = jumpHosts.map((jump) => sourced(jump));
  plan.vms = [
    sourced<VmFields>({
      name: 'web-01', endpoint: 'pve', placement: [], os: 'ubuntu', image: null, vcpu: 1, memoryMiB: 512, diskGiB: 1, network: null,
      ip: '127.0.0.1/8', gateway: null, vmid: null, scripts: scripts.map((entry) => entry.name), haGroup: null, availabilityZone: null,
      storage: null, flavor: null, jumpHost: null, user: testUser, password: new Secret(testPassword), sshKeyPath: null, notes: null, ...vm,
    }),
  ];
  return plan;
}

async function runStep(plan: Plan, scriptName: string, options: { port?: number; pins?: ReturnType<typeof memoryPins> } = {}) {
  const redactor = new Redactor();
  redactor.add(testPassword);
  const kind = scriptStepKind({ plan, workbookDir, hostKeys: options.pins ?? memoryPins(), redactor, sshPort: options.port ?? target.port });
  const logs: { level: LogLevel; text: string }[] = [];
  const sessions = new EndpointSessions();
  const ctx = {
    runId: 'run-1',
    step: { id: `script:web-01/${scriptName}`, kind: scriptKind, title: '', target: 'web-01', deps: [], input: { vm: 'web-01', script: scriptName } },
    attempt: 1,
    signal: new AbortController().signal,
    log: (level: LogLevel, text: string | TextRef) => logs.push({ level, text: typeof text === 'string' ? text : say('en', text) }),
    progress: () => undefined,
    artifacts: { get: () => undefined, set: () => undefined },
    slots: new SlotRegistry(),
    sessions,
  } as StepContext<ScriptStepInput>;
  try {
    expect(await kind.check(ctx)).toBe(false);
    await kind.run(ctx);
    return { logs, error: null };
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    return { logs, error: error.appError };
  } finally {
    sessions.close();
  }
}

const texts = (logs: { text: string }[]) => logs.map((line) => line.text);

describe.skipIf(skip)('the script step on a real OpenSSH server', () => {
  it('runs the Commands on the VM and puts every output line in the step log', async () => {
    const plan = planWith([script({ name: 'hello', body: 'echo "hello from $USER"\necho warning >&2\nprintf "%s\\n" done' })]);
    const { logs, error } = await runStep(plan, 'hello');
    expect(error).toBeNull();
    expect(texts(logs)).toEqual(expect.arrayContaining([`hello from ${testUser}`, 'done']));
    expect(logs.find((line) => line.text === 'warning')?.level).toBe('warn');
  });

  it('fails on a non-zero exit code, quoting the last lines of output', async () => {
    const body = ['for i in $(seq 1 30); do echo "line $i"; done', 'echo "disk full" >&2', 'exit 3'].join('\n');
    const { error } = await runStep(planWith([script({ name: 'broken', body })]), 'broken');
    expect(error).toMatchObject({ code: 'step_failed', title: 'Script broken failed on web-01 (exit code 3): disk full' });
    const detail = error!.detail!.split('\n');
    expect(detail).toHaveLength(20);
    expect(detail.at(-1)).toBe('disk full');
    expect(detail[0]).toBe('line 12');
  });

  it.skipIf(sudoSkipReason())('runs through sudo with the VM password on sudo’s prompt, never in the log', async () => {
    const { logs, error } = await runStep(planWith([script({ name: 'as-root', body: 'id -u\necho "uid=$(id -u)"', sudo: true })]), 'as-root');
    expect(error).toBeNull();
    expect(texts(logs)).toContain('uid=0');
    expect(JSON.stringify(logs)).not.toContain(testPassword);
  });

  it('copies a script File by SFTP first and runs it from there', async () => {
    writeFileSync(join(workbookDir, 'setup.sh'), 'echo "running $0"\ntest -x "$0" && echo executable\n');
    const { logs, error } = await runStep(planWith([script({ name: 'setup', file: 'setup.sh' })]), 'setup');
    expect(error).toBeNull();
    expect(texts(logs).some((line) => /^running \/tmp\/rackpilot\.[^/]+\/setup\.sh$/.test(line))).toBe(true);
    expect(texts(logs)).toContain('executable');
  });

  it('reaches the VM through its jump host once the jump host’s key is trusted, and refuses an unknown one', async () => {
    const jump: JumpHostFields = { name: 'bastion', address: bastion.host, port: bastion.port, user: testUser, password: new Secret(testPassword), keyPath: null, keyPassphrase: null, hostKey: null, via: null };
    const plan = () => planWith([script({ name: 'hello', body: 'echo "via bastion"' })], { jumpHost: 'bastion' }, [jump]);

    const refused = await runStep(plan(), 'hello');
    expect(refused.error).toMatchObject({ code: 'tls_untrusted', retryable: false });
    expect(refused.error!.title).toContain(`${bastion.host}:${bastion.port}`);

    const pins = memoryPins();
    pins.pins.push({ host: bastion.host, port: bastion.port, fingerprint: bastion.hostKeyFingerprint });
    const { logs, error } = await runStep(plan(), 'hello', { pins });
    expect(error).toBeNull();
    expect(texts(logs)).toContain('via bastion');
    expect(texts(logs)[0]).toContain('bastion');
    // The VM's key was accepted for this run only.
    expect(pins.pins).toHaveLength(1);
  });
});

describe('the script step before it connects', () => {
  it('refuses an interpreter that is not a program name, pointing at its cell', async () => {
    const plan = planWith([script({ name: 'x', body: 'echo', interpreter: 'bash; rm -rf /' })]);
    const { error } = await runStep(plan, 'x', { port: 1 });
    expect(error).toMatchObject({ code: 'plan_invalid' });
    expect(error!.title).toContain('interpreter');
  });

  it('refuses a VM without an IP address', async () => {
    const { error } = await runStep(planWith([script({ name: 'x', body: 'echo' })], { ip: null }), 'x', { port: 1 });
    expect(error).toMatchObject({ code: 'plan_invalid', title: 'VM web-01 runs scripts but has no IP address in the plan.' });
  });
});
