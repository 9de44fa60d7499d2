import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { say, type TextRef } from '../../../shared/i18n/engineText';
import { emptyPlan, sourced, type JumpHostFields, type ScriptFields, type Vm, type VmFields } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import { checkJumpHosts } from '../../engine/preflight/jumpHostCheck';
import { EndpointSessions } from '../../engine/net/endpointSessions';
import { SlotRegistry } from '../../engine/runner/slotLimits';
import type { StepContext } from '../../engine/runner/types';
import { scriptStepKind } from '../../engine/scripts/scriptStepKind';
import { scriptKind, type ScriptStepInput } from '../../engine/scripts/scriptSteps';
import { vmSshChain } from '../../engine/scripts/sshTargets';
import { execCollect, exec, SshSessions, waitForPattern, type HostKeyStore, type SshAuth, type SshChain } from '../../engine/ssh';
import { hopTo, keygen, openSshSkipReason, startOpenSsh, sudoSkipReason, type OpenSshServer } from '../../engine/ssh/testing/openssh';
import { failureOf } from '../../engine/testing/failureOf';
import { Redactor } from '../../engine/util/redactor';
import { chineseLine, chineseOf, englishLeft, paramsNamed } from '../englishLeft';

/*
 * The SSH failures an engineer meets most, made to happen against Debian's
 * OpenSSH on loopback and read in Chinese: Rackpilot's words are Chinese,
 * hosts, users, fingerprints and what sshd or ssh2 said stay as they were,
 * and the English is what it always was.
 */

const skip = openSshSkipReason();

function memoryPins(): HostKeyStore & { pins: { host: string; port: number; fingerprint: string }[] } {
  const pins: { host: string; port: number; fingerprint: string }[] = [];
  return { pins, findPins: (_kind, host, port) => pins.filter((pin) => pin.host === host && pin.port === port), addPin: (pin) => pins.push(pin) };
}

/** Chinese title and hint with no English sentence of ours left; `verbatim` are the other side's words. */
function readsChinese(error: AppError, verbatim: readonly string[] = []): { title: string; hint: string | null } {
  const zh = chineseOf(error);
  expect(englishLeft(zh.title, verbatim)).toEqual([]);
  if (zh.hint !== null) expect(englishLeft(zh.hint, verbatim)).toEqual([]);
  return zh;
}

describe.skipIf(skip)('SSH errors in Chinese, against OpenSSH on loopback', () => {
  let target: OpenSshServer;
  let bastion: OpenSshServer;
  let keyDir: string;
  let lockedKey: string;

  beforeAll(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'rp-zh-keys-'));
    const locked = keygen(join(keyDir, 'locked'), 'ed25519', 'right phrase');
    lockedKey = locked.privateKey;
    [target, bastion] = await Promise.all([startOpenSsh({ authorizedKeys: [locked.publicKey] }), startOpenSsh()]);
  });
  afterAll(async () => {
    await Promise.all([target?.stop(), bastion?.stop()]);
    rmSync(keyDir, { recursive: true, force: true });
  });

  /** Runs `id -un` over `chain` with every hop's key pinned beforehand; the failure it ends with. */
  async function failureOver(chain: SshChain, pins = memoryPins(), run: (sessions: SshSessions) => Promise<unknown> = (sessions) => execCollect(sessions.get(chain), ['id', '-un'])): Promise<AppError> {
    for (const server of [target, bastion]) pins.pins.push({ host: server.host, port: server.port, fingerprint: server.hostKeyFingerprint });
    const sessions = new SshSessions({ store: pins, connectTimeoutMs: 3000 });
    try {
      return (await failureOf(run(sessions))).appError;
    } finally {
      sessions.close();
    }
  }

  it('a wrong password: the host and the methods sshd offers stay, the rest is Chinese', async () => {
    const error = await failureOver([hopTo(target, { password: new Secret('wrong horse battery') }, 'web-01')]);
    const where = `${target.user}@127.0.0.1:${target.port} (web-01)`;
    expect(error).toMatchObject({ code: 'auth', retryable: false });
    expect(error.title).toMatch(new RegExp(`^SSH login to ${escape(where)} failed: the server refused password\\. It offers: .*publickey.*\\.$`));
    const zh = readsChinese(error);
    expect(zh.title).toMatch(new RegExp(`^SSH 登录 ${escape(where)} 失败：服务器拒绝了 password。它支持：.*publickey.*。$`));
    expect(zh.hint).toBe('请检查此主机的用户和密码或密钥；本次运行不会再次尝试，以免账户被锁定。');
    expect(JSON.stringify(error)).not.toContain('wrong horse');
  });

  it('no password, key or agent given: said in Chinese without a stray space', async () => {
    const error = await failureOver([hopTo(target, {}, 'web-01')]);
    expect(error.title).toMatch(/failed: the server refused nothing \(no password, key or agent given\)\. It offers: /);
    const zh = readsChinese(error);
    expect(zh.title).toContain('失败：服务器拒绝了无凭据的登录（未提供密码、密钥或代理）。它支持：');
  });

  it('a refused port: the address stays, the reason is Chinese', async () => {
    const closed = { name: 'nobody', host: '127.0.0.1', port: 1, username: 'ops', auth: {} };
    const error = await failureOver([closed]);
    expect(error).toMatchObject({ code: 'network', title: 'SSH to ops@127.0.0.1:1 (nobody) was refused: connection refused.' });
    const zh = readsChinese(error);
    expect(zh.title).toBe('到 ops@127.0.0.1:1 (nobody) 的 SSH 连接被拒绝：对方拒绝了连接。');
  });

  it('a host key that changed since it was pinned: the new fingerprint stays exact', async () => {
    const pins = memoryPins();
    const pinned = target.hostKeyFingerprint;
    await target.restart({ newHostKey: true });
    try {
      pins.pins.push({ host: target.host, port: target.port, fingerprint: pinned });
      const sessions = new SshSessions({ store: pins });
      const error = (await failureOf(execCollect(sessions.get([hopTo(target, { password: new Secret(target.password) })]), ['true']))).appError;
      sessions.close();
      expect(error).toMatchObject({ code: 'tls_untrusted', retryable: false });
      const where = `127.0.0.1:${target.port}`;
      expect(error.title).toBe(`The host key of ${where} CHANGED: it now presents ssh-ed25519 ${target.hostKeyFingerprint}, which is not the pinned key.`);
      const zh = readsChinese(error);
      expect(zh.title).toBe(`${where} 的主机密钥已变更：它现在出示 ssh-ed25519 ${target.hostKeyFingerprint}，不是已固定的密钥。`);
    } finally {
      await target.restart();
    }
  });

  it('a wrong key passphrase: refused before anything is sent, the passphrase never shown', async () => {
    const auth: SshAuth = { privateKey: lockedKey, passphrase: new Secret('not it at all') };
    const error = await failureOver([hopTo(target, auth, 'db-01')]);
    expect(error).toMatchObject({ code: 'auth', title: `The private key for ${target.user}@127.0.0.1:${target.port} (db-01) could not be read: the passphrase is wrong.` });
    const zh = readsChinese(error);
    expect(zh.title).toBe(`无法读取 ${target.user}@127.0.0.1:${target.port} (db-01) 的私钥：密码短语错误。`);
    expect(JSON.stringify(error)).not.toContain('not it at all');
  });

  it.skipIf(sudoSkipReason())('sudo with a wrong password', async () => {
    const hop = hopTo(target, { password: new Secret(target.password) }, 'web-01');
    const error = await failureOver([hop], memoryPins(), (sessions) => exec(sessions.get([hop]), ['id', '-u'], { sudo: { password: new Secret('not the sudo one') }, timeoutMs: 30_000 }));
    expect(error).toMatchObject({ code: 'auth', retryable: false, hint: 'Check the sudo password of this user.' });
    const zh = readsChinese(error);
    expect(zh.title).toBe(`${target.user}@127.0.0.1:${target.port} (web-01) 上的 sudo 拒绝了该密码。`);
  }, 30_000);

  it.skipIf(sudoSkipReason())('sudo that wants a password the plan does not give', async () => {
    const hop = hopTo(target, { password: new Secret(target.password) }, 'web-01');
    const error = await failureOver([hop], memoryPins(), (sessions) => exec(sessions.get([hop]), ['id', '-u'], { sudo: true, timeoutMs: 30_000 }));
    expect(error).toMatchObject({ code: 'auth', hint: 'Enter the sudo password for this host (or allow the command without one in sudoers).' });
    const zh = readsChinese(error);
    expect(zh.title).toBe(`${target.user}@127.0.0.1:${target.port} (web-01) 上的 sudo 需要密码，但未提供。`);
    expect(zh.hint).toBe('请输入此主机的 sudo 密码（或在 sudoers 中允许该命令无需密码）。');
  });

  it('a bastion that cannot reach the next hop: what sshd answered stays, around Chinese', async () => {
    const through = hopTo(bastion, { password: new Secret(bastion.password) }, 'bastion');
    const unreachable = { name: 'app-01', host: '127.0.0.1', port: 1, username: 'ops', auth: { password: new Secret('x') } };
    const error = await failureOver([through, unreachable]);
    expect(error.code).toBe('network');
    const sshdSaid = paramsNamed(error.text, 'reason');
    expect(sshdSaid).toHaveLength(1);
    const via = `${bastion.user}@127.0.0.1:${bastion.port} (bastion)`;
    expect(error.title).toBe(`SSH to 127.0.0.1:1 through ${via} was refused: ${sshdSaid[0]}.`);
    const zh = readsChinese(error, sshdSaid);
    expect(zh.title).toBe(`经由 ${via} 到 127.0.0.1:1 的 SSH 连接被拒绝：${sshdSaid[0]}。`);
  });

  it('a command that runs too long, and a keyword that never appears in a log file', async () => {
    const hop = hopTo(target, { password: new Secret(target.password) }, 'web-01');
    const where = `${target.user}@127.0.0.1:${target.port} (web-01)`;
    const slow = await failureOver([hop], memoryPins(), (sessions) => exec(sessions.get([hop]), ['sleep', '30'], { timeoutMs: 1000 }));
    expect(slow).toMatchObject({ code: 'timeout', title: `The command \`sleep\` on ${where} ran longer than 1 s and was killed.` });
    expect(readsChinese(slow).title).toBe(`${where} 上的命令 \`sleep\` 运行超过 1 秒，已被终止。`);

    const log = `${target.workDir}/install.log`;
    const quiet = await failureOver([hop], memoryPins(), (sessions) => waitForPattern(sessions.get([hop]), log, { pattern: 'Install finished', timeoutMs: 1500 }));
    expect(quiet).toMatchObject({ code: 'timeout', title: `"Install finished" did not appear in ${log} on ${where} within 2 s.`, hint: 'The step log has the lines that did appear.' });
    const zh = readsChinese(quiet, ['"Install finished"']);
    expect(zh.title).toBe(`"Install finished" 未在 2 秒内出现在 ${where} 上的 ${log} 中。`);
  });

  it('a script File that exits non-zero: Rackpilot’s lines and the failure in Chinese, the script’s own output as it printed it', async () => {
    writeFileSync(join(keyDir, 'setup.sh'), 'echo "Preparing the disks now"\necho "disk full on /var" >&2\nexit 3\n');
    const plan = emptyPlan('rackpilot-v1', join(keyDir, 'plan.xlsx'));
    plan.scripts = [sourced<ScriptFields>({ name: 'setup', runOn: [], interpreter: 'bash', body: null, file: 'setup.sh', sudo: false, timeoutSec: 60 }, { sheet: 'Scripts', cell: 'A2:G2' })];
    const vm = { name: 'web-01', endpoint: 'pve', ip: '127.0.0.1/8', user: target.user, password: new Secret(target.password), sshKeyPath: null, jumpHost: null, scripts: ['setup'] };
    plan.vms = [sourced(vm as unknown as VmFields)];
    const lines: Array<{ text: string; ref?: TextRef }> = [];
    const sessions = new EndpointSessions();
    const ctx = {
      runId: 'run-zh', attempt: 1, signal: AbortSignal.timeout(30_000), slots: new SlotRegistry(), sessions,
      step: { id: 'script:web-01/setup', kind: scriptKind, title: '', target: 'web-01', deps: [], input: { vm: 'web-01', script: 'setup' } },
      log: (_level: string, words: string | TextRef) => void lines.push(typeof words === 'string' ? { text: words } : { text: say('en', words), ref: words }),
      progress: () => undefined,
      artifacts: { get: () => undefined, set: () => undefined },
    } as unknown as StepContext<ScriptStepInput>;
    const kind = scriptStepKind({ plan, workbookDir: keyDir, hostKeys: memoryPins(), redactor: new Redactor(), sshPort: target.port });
    const error = await failureOf(kind.run(ctx)).finally(() => sessions.close());
    expect(error.appError).toMatchObject({ code: 'step_failed', title: 'Script setup failed on web-01 (exit code 3): disk full on /var' });
    const scriptSaid = ['Preparing the disks now', 'disk full on /var'];
    expect(readsChinese(error.appError, scriptSaid).title).toBe('脚本 setup 在 web-01 上失败（退出码 3）：disk full on /var');
    expect(lines.filter((line) => !line.ref).map((line) => line.text)).toEqual(scriptSaid);
    const ours = lines.filter((line) => line.ref).map(chineseLine);
    expect(ours.some((line) => /^\[rackpilot\] 正在将 setup\.sh 复制到 \/tmp\/rackpilot\.\w+\/setup\.sh。$/.test(line))).toBe(true);
    expect(ours.filter((line) => englishLeft(line).length > 0)).toEqual([]);
  });

  it('a key file the workbook names that is not there: Node’s reason and the path stay', () => {
    const plan = emptyPlan('rackpilot-v1', join(keyDir, 'plan.xlsx'));
    const vm = { name: 'web-01', ip: '127.0.0.1', user: 'ops', password: null, sshKeyPath: 'keys/missing_ed25519', jumpHost: null, endpoint: 'pve' } as unknown as Vm;
    let error: AppError | null = null;
    try {
      vmSshChain(plan, vm, '127.0.0.1', keyDir);
    } catch (caught) {
      error = (caught as { appError: AppError }).appError;
    }
    expect(error).toMatchObject({ code: 'plan_invalid', hint: 'Paths are relative to the workbook’s folder.' });
    const nodeSaid = paramsNamed(error!.text, 'message');
    expect(nodeSaid[0]).toContain('ENOENT');
    const zh = readsChinese(error!, nodeSaid);
    expect(zh.title).toBe(`无法读取虚拟机 web-01 的 SSH 密钥文件（keys/missing_ed25519）：${nodeSaid[0]}。`);
  });

  it('the jump-host preflight: a refused login reads Chinese, with the cells and sshd’s methods kept', async () => {
    const plan = emptyPlan('rackpilot-v1', join(keyDir, 'plan.xlsx'));
    const fields: JumpHostFields = { name: 'edge', address: bastion.host, port: bastion.port, user: bastion.user, password: new Secret('wrong one'), keyPath: null, keyPassphrase: null, hostKey: bastion.hostKeyFingerprint, via: null };
    plan.jumpHosts = [sourced(fields, { sheet: 'Jump hosts', cell: 'A2' }, { user: { sheet: 'Jump hosts', cell: 'D2' }, password: { sheet: 'Jump hosts', cell: 'E2' } })];
    plan.vms = [{ name: 'app1', endpoint: 'pve', jumpHost: 'edge' } as Vm];
    const [edge] = await checkJumpHosts(plan, { pins: memoryPins(), lab: false, workbookDir: keyDir });
    const login = edge!.checks.find((check) => check.id === 'login')!;
    expect(login.status).toBe('blocker');
    const zh = say('zh', login.text!);
    expect(zh).toContain(`跳板机 edge 拒绝了用户 ${bastion.user}（Jump hosts!D2）的登录：SSH 登录 ${bastion.user}@127.0.0.1:${bastion.port} (edge) 失败：服务器拒绝了 password。`);
    expect(englishLeft(zh)).toEqual([]);
    expect(englishLeft(say('zh', login.detailText!))).toEqual([]);
    for (const check of edge!.checks) expect(englishLeft(say('zh', check.text!))).toEqual([]);
  });
});

function escape(words: string): string {
  return words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
