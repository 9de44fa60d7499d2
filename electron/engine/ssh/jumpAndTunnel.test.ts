import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import { failureOf } from '../../engine/testing/failureOf';
import { openStore, type RunStore } from '../store';
import { exec, execCollect } from './exec';
import { SshSessions } from './sessions';
import { hopTo, openSshSkipReason, startOpenSsh, type OpenSshServer } from './testing/openssh';
import { TunnelPool } from './tunnels';
import type { SshHop } from './types';
import { waitForPattern } from './waitForPattern';

const skip = openSshSkipReason();

/** The first bytes a server sends on `port` (an SSH banner). */
function bannerAt(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString('latin1').split('\r\n')[0]!);
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('closed without a banner')));
  });
}

describe.skipIf(skip)('jump hosts, tunnels and waits against OpenSSH', () => {
  // target <- inner bastion <- outer bastion: each bastion may forward only to the next one, so a chain that works went through both.
  let target: OpenSshServer;
  let inner: OpenSshServer;
  let outer: OpenSshServer;
  let store: RunStore;
  let sessions: SshSessions;
  const hop = (server: OpenSshServer, name: string): SshHop => hopTo(server, { password: new Secret(server.password) }, name);

  beforeAll(async () => {
    target = await startOpenSsh();
    inner = await startOpenSsh({ permitOpen: [`127.0.0.1:${target.port}`] });
    outer = await startOpenSsh({ permitOpen: [`127.0.0.1:${inner.port}`] });
    store = openStore(':memory:');
    for (const server of [target, inner, outer]) {
      store.addPin({ kind: 'ssh', host: server.host, port: server.port, fingerprint: server.hostKeyFingerprint, subject: null }, 1);
    }
    sessions = new SshSessions({ store });
  });

  afterAll(async () => {
    sessions?.close();
    store?.close();
    await Promise.all([outer?.stop(), inner?.stop(), target?.stop()]);
  });

  it('runs a command on the target through two jump hosts, each with its own login', async () => {
    const chain = [hop(outer, 'outer'), hop(inner, 'inner'), { ...hop(target, 'vm-01'), expectedHostKeys: [target.hostKeyFingerprint] }];
    const result = await execCollect(sessions.get(chain), ['sh', '-c', 'echo "$SSH_CONNECTION"']);
    expect(result).toMatchObject({ exitCode: 0, stderr: [] });
    expect(result.stdout[0]).toMatch(new RegExp(` 127\\.0\\.0\\.1 ${target.port}$`));
  });

  it('names the jump host that could not reach the next hop', async () => {
    const failure = await failureOf(execCollect(sessions.get([hop(outer, 'outer'), hop(target, 'vm-01')]), ['true']));
    expect(failure.appError.code).toBe('network');
    expect(failure.message).toContain(`127.0.0.1:${target.port} through`);
    expect(failure.message).toContain('(outer)');
  });

  it('finds a keyword written 2 s later into a file created 1 s later', async () => {
    const log = `${target.workDir}/nohup.out`;
    const session = sessions.get([hop(target, 'vm-01')]);
    const writer = exec(session, ['sh', '-c', 'sleep 1; echo starting > "$1"; sleep 1; echo "Install Operation Center Successfully" >> "$1"', 'sh', log]);
    const lines: string[] = [];
    const found = await waitForPattern(session, log, { pattern: 'Install Operation Center Successfully', graceMs: 200, timeoutMs: 20_000, onLine: (source, line) => source === 'stdout' && lines.push(line) });
    expect(found.line).toBe('Install Operation Center Successfully');
    expect(lines).toEqual(['starting', 'Install Operation Center Successfully']);
    expect((await writer).exitCode).toBe(0);
  });

  it('follows a rotated file, and fails clearly at the deadline', async () => {
    const log = `${target.workDir}/rotating.log`;
    const session = sessions.get([hop(target, 'vm-01')]);
    await exec(session, ['sh', '-c', 'echo old > "$1"', 'sh', log]);
    const rotate = exec(session, ['sh', '-c', 'sleep 1; mv "$1" "$1.1"; echo "READY 42" > "$1"', 'sh', log]);
    expect((await waitForPattern(session, log, { pattern: /READY \d+/, timeoutMs: 20_000 })).line).toBe('READY 42');
    await rotate;
    const late = await failureOf(waitForPattern(session, log, { pattern: 'never', graceMs: 100, timeoutMs: 1500 }));
    expect(late.appError.code).toBe('timeout');
    expect(late.message).toContain('"never" did not appear in');
  });

  it('shares one tunnel per chain and address, survives the bastion restarting, and closes with its last lease', async () => {
    const pool = new TunnelPool({ store, reconnect: { baseDelayMs: 100, maxDelayMs: 500, jitter: 0 }, keepaliveIntervalMs: 1000 });
    try {
      const request = { chain: [hop(outer, 'outer')], host: '127.0.0.1', port: inner.port };
      const first = await pool.acquire(request);
      const second = await pool.acquire(request);
      expect(second.localPort).toBe(first.localPort);
      expect(await bannerAt(first.localPort)).toMatch(/^SSH-2.0-OpenSSH/);
      expect(pool.status()).toMatchObject([{ remote: `127.0.0.1:${inner.port}`, localPort: first.localPort, state: 'open', users: 2, reconnects: 0 }]);

      await outer.restart();
      // The pool notices the dropped link and dials again; poll its status rather than time it.
      for (let tries = 0; tries < 100 && pool.status()[0]?.reconnects === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(pool.status()[0]).toMatchObject({ state: 'open', reconnects: 1 });
      expect(await bannerAt(first.localPort)).toMatch(/^SSH-2.0-OpenSSH/);

      first.release();
      expect(pool.status()).toHaveLength(1);
      second.release();
      expect(pool.status()).toEqual([]);
      await expect(bannerAt(first.localPort)).rejects.toThrow();
    } finally {
      pool.close();
    }
  });

  it('refuses a tunnel to an address outside loopback under the loopback scope', async () => {
    const pool = new TunnelPool({ store });
    await expect(pool.acquire({ chain: [hop(outer, 'outer')], host: '10.0.0.5', port: 5000 })).rejects.toThrow(/10\.0\.0\.5:5000 are blocked/);
    pool.close();
  });
});
