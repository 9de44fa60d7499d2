import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../shared/plan/secret';
import { failureOf } from '../../engine/testing/failureOf';
import { openStore, type RunStore } from '../store';
import { Redactor } from '../util/redactor';
import { exec, execCollect } from './exec';
import { SshSessions, type SshSession } from './sessions';
import { hopTo, openSshSkipReason, startOpenSsh, sudoSkipReason, type OpenSshServer } from './testing/openssh';

const skip = openSshSkipReason();

describe.skipIf(skip)('exec against OpenSSH', () => {
  let server: OpenSshServer;
  let store: RunStore;
  let sessions: SshSessions;
  let session: SshSession;
  const redactor = new Redactor();

  beforeAll(async () => {
    server = await startOpenSsh();
    store = openStore(':memory:');
    store.addPin({ kind: 'ssh', host: server.host, port: server.port, fingerprint: server.hostKeyFingerprint, subject: null }, 1);
    sessions = new SshSessions({ store, redactor });
    session = sessions.get([hopTo(server, { password: new Secret(server.password) })]);
  });

  afterAll(async () => {
    sessions?.close();
    store?.close();
    await server?.stop();
  });

  it('streams 100,000 lines in order and reports the exit code', async () => {
    let count = 0;
    let last = '';
    let outOfOrder = 0;
    const result = await exec(session, ['sh', '-c', 'seq 1 100000; echo done >&2; exit 3'], {
      onLine: (source, line) => {
        if (source === 'stderr') return void expect(line).toBe('done');
        count++;
        if (line !== String(count)) outOfOrder++;
        last = line;
      },
    });
    expect(result).toEqual({ exitCode: 3, signal: null });
    expect(count).toBe(100_000);
    expect(outOfOrder).toBe(0);
    expect(last).toBe('100000');
  });

  it('passes hostile arguments as literal words', async () => {
    const words = ['$(id)', '`id`', "it's", 'a\nb', '*', '', '数据 ñ'];
    const result = await execCollect(session, ['printf', '[%s]\\n', ...words]);
    expect(result.stdout.join('\n')).toBe(words.map((word) => `[${word}]`).join('\n'));
  });

  it('reports a command killed by a signal, and redacts secrets the command prints', async () => {
    const lines: string[] = [];
    const result = await exec(session, ['sh', '-c', `echo "pw=$1"; kill -TERM 0`, 'sh', server.password], { onLine: (_source, line) => lines.push(line), redactor });
    expect(result).toEqual({ exitCode: null, signal: 'SIGTERM' });
    expect(lines).toEqual(['pw=«redacted»']);
  });

  it('kills the remote command and its children when the timeout passes', async () => {
    const marker = `rp-timeout-${process.pid}-${Date.now()}`;
    const failure = await failureOf(exec(session, ['sh', '-c', `sleep 300 & sleep 301; : ${marker}`], { timeoutMs: 1500 }));
    expect(failure.appError.code).toBe('timeout');
    expect(failure.message).toContain(`127.0.0.1:${server.port}`);
    // The process group is gone once the server processed the signal; poll for it rather than time it.
    let left = ['?'];
    for (let attempt = 0; attempt < 50 && left.length > 0; attempt++) {
      // `[r]` keeps pgrep's own shell (whose command line holds the pattern) from matching.
      left = (await execCollect(session, ['pgrep', '-u', server.user, '-f', `[r]${marker.slice(1)}`])).stdout;
      if (left.length > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(left).toEqual([]);
  });

  it('cancels through the signal', async () => {
    const controller = new AbortController();
    const running = exec(session, ['sleep', '60'], { signal: controller.signal, onLine: () => undefined });
    setTimeout(() => controller.abort(), 300);
    expect((await failureOf(running)).appError.code).toBe('cancelled');
  });

  it('feeds stdin', async () => {
    const result = await execCollect(session, ['tr', 'a-z', 'A-Z'], { stdin: 'hello\nworld\n' });
    expect(result.stdout).toEqual(['HELLO', 'WORLD']);
  });

  describe.skipIf(sudoSkipReason())('sudo', () => {
    it('runs as root with the password written to sudo, never shown', async () => {
      const lines: string[] = [];
      const result = await exec(session, ['id', '-u'], { sudo: { password: new Secret(server.password) }, onLine: (source, line) => lines.push(`${source}:${line}`) });
      expect(result.exitCode).toBe(0);
      expect(lines).toEqual(['stdout:0']);
    });

    it('says clearly that sudo wants a password that was not given', async () => {
      const failure = await failureOf(exec(session, ['id', '-u'], { sudo: true }));
      expect(failure.appError.code).toBe('auth');
      expect(failure.message).toMatch(/sudo on .* wants a password and none was given/);
    });

    it('says clearly that sudo refused a wrong password', async () => {
      const failure = await failureOf(exec(session, ['id', '-u'], { sudo: { password: new Secret('not the password') }, timeoutMs: 20_000 }));
      expect(failure.appError.code).toBe('auth');
      expect(failure.message).toMatch(/sudo on .* refused the password/);
    });
  });
});
