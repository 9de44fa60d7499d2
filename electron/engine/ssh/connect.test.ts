import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import { failureOf } from '../../engine/testing/failureOf';
import { openStore } from '../store';
import type { RunStore } from '../store';
import { Redactor } from '../util/redactor';
import { execCollect } from './exec';
import { SshSessions } from './sessions';
import { hopTo, keygen, openSshSkipReason, startAgent, startOpenSsh, type OpenSshServer } from './testing/openssh';
import type { HostKeyRequest, SshAuth, SshConnectOptions } from './types';

const skip = openSshSkipReason();

describe.skipIf(skip)('SSH connect against OpenSSH', () => {
  let server: OpenSshServer;
  let store: RunStore;
  let keyDir: string;
  const keys: Record<string, { privateKey: string; publicKey: string; file: string }> = {};

  beforeAll(async () => {
    keyDir = mkdtempSync(join(tmpdir(), 'rp-keys-'));
    const make = (name: string, type: 'ed25519' | 'ecdsa' | 'rsa', passphrase = '', format?: 'PEM') => {
      const file = join(keyDir, name);
      keys[name] = { ...keygen(file, type, passphrase, format), file };
    };
    make('ed25519', 'ed25519');
    make('ed25519-locked', 'ed25519', 'open sesame');
    make('ecdsa-pem-locked', 'ecdsa', 'pem pass', 'PEM');
    make('rsa-pem', 'rsa', '', 'PEM');
    make('rsa-locked', 'rsa', 'rsa pass');
    make('stranger', 'ed25519');
    const allowed = Object.entries(keys).filter(([name]) => name !== 'stranger');
    server = await startOpenSsh({ authorizedKeys: allowed.map(([, key]) => key.publicKey) });
    store = openStore(':memory:');
  });

  afterAll(async () => {
    await server?.stop();
    store?.close();
    rmSync(keyDir, { recursive: true, force: true });
  });

  /** Sessions that trust the test server's key (pinned in advance), like a second run. */
  function sessions(extra: Partial<SshConnectOptions> = {}): SshSessions {
    store.addPin({ kind: 'ssh', host: server.host, port: server.port, fingerprint: server.hostKeyFingerprint, subject: null }, 1);
    return new SshSessions({ store, ...extra });
  }

  async function whoami(auth: SshAuth, options: Partial<SshConnectOptions> = {}): Promise<string[]> {
    const all = sessions(options);
    try {
      const result = await execCollect(all.get([hopTo(server, auth)]), ['id', '-un']);
      expect(result.exitCode).toBe(0);
      return result.stdout;
    } finally {
      all.close();
    }
  }

  it('logs in with a password', async () => {
    expect(await whoami({ password: new Secret(server.password) })).toEqual([server.user]);
  });

  it.each([
    ['ed25519', undefined],
    ['ed25519-locked', 'open sesame'],
    ['ecdsa-pem-locked', 'pem pass'],
    ['rsa-pem', undefined],
    ['rsa-locked', 'rsa pass'],
  ])('logs in with the %s key', async (name, passphrase) => {
    const auth: SshAuth = { privateKey: keys[name]!.privateKey, passphrase: passphrase ? new Secret(passphrase) : undefined };
    expect(await whoami(auth)).toEqual([server.user]);
  });

  it('logs in through an ssh-agent', async () => {
    const agent = await startAgent(keys['ed25519']!.file);
    try {
      expect(await whoami({ agent: agent.socket })).toEqual([server.user]);
    } finally {
      agent.stop();
    }
  });

  it('refuses a wrong password naming the host and the methods offered, and never tries again', async () => {
    const all = sessions();
    const session = all.get([hopTo(server, { password: new Secret('wrong horse battery') })]);
    const failure = await failureOf(execCollect(session, ['true']));
    expect(failure.appError.code).toBe('auth');
    expect(failure.appError.retryable).toBe(false);
    expect(failure.message).toContain(`127.0.0.1:${server.port}`);
    expect(failure.message).toMatch(/offers: .*publickey.*password/);
    expect(failure.message).not.toContain('wrong horse');
    const again = await failureOf(execCollect(session, ['true']));
    expect(again.appError.code).toBe('auth');
    all.close();
  });

  it('says which key is refused and which passphrase is wrong, without printing either', async () => {
    const refused = await failureOf(whoami({ privateKey: keys['stranger']!.privateKey }));
    expect(refused.message).toMatch(/refused publickey/);
    const wrong = await failureOf(whoami({ privateKey: keys['ed25519-locked']!.privateKey, passphrase: new Secret('not it') }));
    expect(wrong.message).toContain('passphrase is wrong');
    expect(wrong.message).not.toContain('not it');
    const missing = await failureOf(whoami({ privateKey: keys['rsa-locked']!.privateKey }));
    expect(missing.message).toContain('no passphrase was given');
  });

  it('names the host of a refused connection, and refuses non-loopback targets under the loopback scope', async () => {
    const all = new SshSessions({ store, connectTimeoutMs: 2000 });
    const closedPort = { name: 'nobody', host: '127.0.0.1', port: 1, username: 'x', auth: {} };
    const refused = await failureOf(execCollect(all.get([closedPort]), ['true']));
    expect(refused.appError.code).toBe('network');
    expect(refused.message).toContain('127.0.0.1:1');
    expect(refused.message).toContain('refused');
    const outside = await failureOf(execCollect(all.get([{ ...closedPort, host: '192.0.2.10', port: 22 }]), ['true']));
    expect(outside.message).toContain('192.0.2.10:22');
    expect(outside.message).toContain('loopback');
    all.close();
  });

  it('asks about an unknown host key with its SHA256 fingerprint, pins it, then refuses a changed key without asking', async () => {
    const own = openStore(':memory:');
    const asked: HostKeyRequest[] = [];
    const redactor = new Redactor();
    const options: SshConnectOptions = {
      store: own,
      redactor,
      prompt: async (request) => {
        asked.push(request);
        return 'trust-always';
      },
    };
    const hop = hopTo(server, { password: new Secret(server.password) });
    const first = new SshSessions(options);
    expect((await execCollect(first.get([hop]), ['true'])).exitCode).toBe(0);
    first.close();
    expect(asked).toEqual([{ kind: 'ssh', host: '127.0.0.1', port: server.port, keyType: 'ssh-ed25519', fingerprint: server.hostKeyFingerprint }]);
    expect(own.findPins('ssh', '127.0.0.1', server.port).map((pin) => pin.fingerprint)).toEqual([server.hostKeyFingerprint]);
    expect(redactor.redact(`echo ${server.password}`)).toBe('echo «redacted»');

    await server.restart({ newHostKey: true });
    const second = new SshSessions(options);
    const changed = await failureOf(execCollect(second.get([hop]), ['true']));
    second.close();
    expect(changed.appError.code).toBe('tls_untrusted');
    expect(changed.message).toContain('CHANGED');
    expect(changed.message).toContain(server.hostKeyFingerprint);
    expect(asked).toHaveLength(1);

    const blank = openStore(':memory:');
    const expectedElsewhere = new SshSessions({ store: blank });
    const mismatch = await failureOf(execCollect(expectedElsewhere.get([{ ...hop, expectedHostKeys: ['SHA256:' + 'A'.repeat(43)] }]), ['true']));
    expect(mismatch.message).toContain('not the one the workbook expects');
    expectedElsewhere.close();
    const expectedRight = new SshSessions({ store: blank });
    const expected = await execCollect(expectedRight.get([{ ...hop, expectedHostKeys: [server.hostKeyFingerprint] }]), ['true']);
    expect(expected.exitCode).toBe(0);
    expectedRight.close();
    blank.close();
    own.close();
  });
});
