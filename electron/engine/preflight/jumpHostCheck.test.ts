import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { emptyPlan, sourced, type JumpHost, type JumpHostFields, type Plan, type Vm } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import { acceptTrust } from '../service/wizard/trustAccept';
import { openStore, type RunStore } from '../store';
import { makeTempDir } from '../store/storeTestKit';
import { failureOf } from '../testing/failureOf';
import { openSshSkipReason, startOpenSsh, type OpenSshServer } from '../ssh/testing/openssh';
import { checkJumpHosts } from './jumpHostCheck';

const skip = openSshSkipReason();

/** Polls the server's log until `pattern` shows up (sshd writes it a moment after answering); the count of matches then. */
async function logged(server: OpenSshServer, pattern: RegExp): Promise<number> {
  const deadline = Date.now() + 5000;
  const count = (): number => server.log().match(new RegExp(pattern.source, 'g'))?.length ?? 0;
  while (count() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  return count();
}

describe.skipIf(skip)('preflight of jump hosts against OpenSSH', () => {
  // The VM is reached through inner, inner through outer; outer may forward only to inner.
  let inner: OpenSshServer;
  let outer: OpenSshServer;
  const temp = makeTempDir('jump-preflight');
  let store: RunStore;
  let stores = 0;

  beforeAll(async () => {
    inner = await startOpenSsh({ logLevel: 'INFO' });
    outer = await startOpenSsh({ logLevel: 'INFO', permitOpen: [`127.0.0.1:${inner.port}`] });
  });
  afterAll(async () => {
    await Promise.all([inner?.stop(), outer?.stop()]);
    temp.remove();
  });
  afterEach(() => store.close());

  function planWith(change: { outer?: Partial<JumpHostFields> } = {}): Plan {
    store = openStore(temp.file(`store-${stores++}.sqlite`));
    const plan = emptyPlan('rackpilot-v1', temp.file('plan.xlsx'));
    const jump = (server: OpenSshServer, name: string, row: number, fields: Partial<JumpHostFields>): JumpHost =>
      sourced<JumpHostFields>(
        { name, address: server.host, port: server.port, user: server.user, password: new Secret(server.password), keyPath: null, keyPassphrase: null, hostKey: null, via: null, ...fields },
        { sheet: 'Jump hosts', cell: `A${row}` },
        { user: { sheet: 'Jump hosts', cell: `D${row}` }, password: { sheet: 'Jump hosts', cell: `E${row}` } },
      );
    plan.jumpHosts = [jump(outer, 'outer', 2, change.outer ?? {}), jump(inner, 'inner', 3, { via: 'outer' })];
    plan.vms = [{ name: 'app1', endpoint: 'pve', jumpHost: 'inner' } as Vm];
    return plan;
  }
  const check = (plan: Plan, jumpHost?: string) => checkJumpHosts(plan, { pins: store, lab: false, workbookDir: temp.dir, jumpHost });
  const trustKey = (server: OpenSshServer, fingerprint = server.hostKeyFingerprint) =>
    acceptTrust(store, { kind: 'ssh', host: server.host, port: server.port, fingerprint, subject: 'ssh-ed25519' });
  const statuses = (result: { checks: { id: string; status: string }[] }) => Object.fromEntries(result.checks.map((entry) => [entry.id, entry.status]));

  it('shows an unknown host key for trust without logging in, and checks nothing behind it', async () => {
    const before = outer.log();
    const [first, second] = await check(planWith());
    expect(first).toMatchObject({ name: 'outer', hostKey: { fingerprint: outer.hostKeyFingerprint, keyType: 'ssh-ed25519', trusted: false, trust: { status: 'unknown' } } });
    expect(first!.hostKey!.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(statuses(first!)).toEqual({ reachable: 'ok', hostKey: 'blocker', login: 'skipped' });
    expect(statuses(second!)).toEqual({ reachable: 'skipped', hostKey: 'skipped', login: 'skipped' });
    expect(await logged(outer, /\[preauth\]/)).toBeGreaterThan(0);
    expect(outer.log().slice(before.length)).not.toMatch(/Accepted|Failed/);
    expect(store.findPins('ssh', outer.host, outer.port)).toEqual([]);
  });

  it('after trust logs in once per jump host, the inner one through the outer one', async () => {
    const plan = planWith();
    trustKey(outer);
    const [first, second] = await check(plan);
    expect(statuses(first!)).toEqual({ reachable: 'ok', hostKey: 'ok', login: 'ok' });
    expect(second).toMatchObject({ via: 'outer', hostKey: { fingerprint: inner.hostKeyFingerprint, trust: { status: 'unknown' } } });
    expect(second!.checks[0]!.message).toContain('through outer');

    trustKey(inner);
    const [innerOnly] = await check(plan, 'inner');
    expect(innerOnly).toMatchObject({ name: 'inner', hostKey: { trusted: true, trust: { status: 'trusted', by: 'pinned' } } });
    expect(statuses(innerOnly!)).toEqual({ reachable: 'ok', hostKey: 'ok', login: 'ok' });
    expect(await logged(inner, /Accepted password for rptest/)).toBeGreaterThan(0);
  });

  it('tries a wrong password once, and reports it as a blocker naming the jump host, user and cell', async () => {
    const plan = planWith({ outer: { password: new Secret('not the password') } });
    trustKey(outer);
    const failedBefore = outer.log().match(/Failed password/g)?.length ?? 0;
    const [first, second] = await check(plan);
    expect(statuses(first!)).toEqual({ reachable: 'ok', hostKey: 'ok', login: 'blocker' });
    const login = first!.checks.find((entry) => entry.id === 'login')!;
    expect(login.message).toContain('Jump host outer');
    expect(login.message).toContain(`user ${outer.user}`);
    expect(login.message).toContain('Jump hosts!D2');
    expect(login.message).toMatch(/lock the account/);
    expect(login.message).not.toContain('not the password');
    expect(await logged(outer, /Failed password/)).toBe(failedBefore + 1);
    expect(second!.checks.every((entry) => entry.status === 'skipped')).toBe(true);
  });

  it('refuses a host key the workbook does not name, even when it is pinned', async () => {
    const plan = planWith({ outer: { hostKey: inner.hostKeyFingerprint } });
    trustKey(outer);
    const [first] = await check(plan);
    expect(first!.hostKey).toMatchObject({ fingerprint: outer.hostKeyFingerprint, trusted: false, trust: { status: 'unexpected', expected: [inner.hostKeyFingerprint] } });
    expect(statuses(first!)).toEqual({ reachable: 'ok', hostKey: 'blocker', login: 'skipped' });
  });

  it('reports a changed key with the old and the new one, which one click cannot trust', async () => {
    const plan = planWith();
    trustKey(outer);
    const old = outer.hostKeyFingerprint;
    await outer.restart({ newHostKey: true });
    const [first] = await check(plan);
    expect(first!.hostKey).toMatchObject({ fingerprint: outer.hostKeyFingerprint, trust: { status: 'changed', pinned: [old] } });
    expect(first!.hostKey!.fingerprint).not.toBe(old);
    expect(first!.checks.find((entry) => entry.id === 'hostKey')!.message).toContain('CHANGED');
    expect(statuses(first!).login).toBe('skipped');
    expect((await failureOf(Promise.resolve().then(() => trustKey(outer)))).appError).toMatchObject({ code: 'conflict' });
  });
});
