import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { generateEd25519 } from './keys';
import { connect, exec, guestPassword, labForTest } from './sshTestKit';

describe('ssh lab authentication', () => {
  it('announces an OpenSSH-style fingerprint of the host key it presents', async () => {
    const lab = await labForTest();
    expect(lab.endpoint).toMatchObject({ kind: 'ssh', url: `ssh://127.0.0.1:${lab.port}` });
    expect(lab.endpoint.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    let presented = '';
    await connect(lab, { hostHash: 'sha256', hostVerifier: (hash: string) => ((presented = hash), true) } as never);
    expect(`SHA256:${Buffer.from(presented, 'hex').toString('base64').replace(/=+$/, '')}`).toBe(lab.endpoint.fingerprint);
  });

  it('accepts the guest password and the lab account; refuses wrong passwords and unknown users, counting each', async () => {
    const lab = await labForTest();
    expect((await exec(await connect(lab), 'whoami')).stdout).toBe('ubuntu\n');
    expect((await exec(await connect(lab, { username: lab.endpoint.username, password: lab.endpoint.password }), 'whoami')).stdout).toBe('rackpilot\n');
    await expect(connect(lab, { password: 'wrong' })).rejects.toThrow(/authentication methods failed/);
    await expect(connect(lab, { username: 'nobody' })).rejects.toThrow(/authentication methods failed/);
    expect(lab.snapshot().authFailures).toBe(2);
  });

  it('refuses none and keyboard-interactive, listing publickey and password', async () => {
    const lab = await labForTest();
    const methods: string[][] = [];
    const attempt = connect(lab, {
      password: undefined,
      tryKeyboard: true,
      authHandler: (methodsLeft: string[] | null, _partial: boolean, next: (method: unknown) => void) => {
        if (methodsLeft) methods.push(methodsLeft);
        if (methods.length === 0) return next('none');
        if (methods.length === 1) return next({ type: 'keyboard-interactive', username: 'ubuntu', prompt: (_n: unknown, _i: unknown, _l: unknown, _p: unknown, finish: (answers: string[]) => void) => finish([guestPassword]) });
        return next(false);
      },
    } as never);
    await expect(attempt).rejects.toThrow(/authentication methods failed/);
    expect(methods[0]).toEqual(['publickey', 'password']);
    expect(methods[1]).toEqual(['publickey', 'password']);
  });

  it('accepts an authorized key with a valid signature and refuses another key', async () => {
    const authorized = generateEd25519();
    const stranger = generateEd25519();
    const lab = await labForTest({ users: [{ name: 'deploy', publicKeys: [`${authorized.public} deploy@laptop`], sudo: 'nopasswd' }] });
    const client = await connect(lab, { username: 'deploy', password: undefined, privateKey: authorized.private });
    expect((await exec(client, 'whoami; sudo whoami')).stdout).toBe('deploy\nroot\n');
    await expect(connect(lab, { username: 'deploy', password: undefined, privateKey: stranger.private })).rejects.toThrow(/authentication methods failed/);
    expect(lab.snapshot().authFailures).toBe(1);
  });

  it("agrees with OpenSSH's client on the publickey path", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ssh-lab-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    // ssh-keygen writes the pair; the lab only reads the public line.
    await new Promise<void>((resolve, reject) => execFile('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')], (error) => (error ? reject(error) : resolve())));
    const { readFile } = await import('node:fs/promises');
    const lab = await labForTest({ users: [{ name: 'ops', publicKeys: [(await readFile(join(dir, 'id.pub'), 'utf8')).trim()] }] });
    await writeFile(join(dir, 'known_hosts'), `[127.0.0.1]:${lab.port} ${lab.hostPublicKey}\n`);
    const output = await new Promise<string>((resolve, reject) =>
      execFile(
        'ssh',
        ['-F', 'none', '-i', join(dir, 'id'), '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${join(dir, 'known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', '-p', String(lab.port), 'ops@127.0.0.1', "echo 'from openssh'; exit 4"],
        { timeout: 20_000 },
        (error, stdout, stderr) => (error && (error as { code?: unknown }).code !== 4 ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(`${stdout}|${(error as { code?: number } | null)?.code ?? 0}`)),
      ),
    );
    expect(output).toBe('from openssh\n|4');
  });

  it('disconnects after six refused attempts, as MaxAuthTries does', async () => {
    const lab = await labForTest();
    let tries = 0;
    const attempt = connect(lab, {
      authHandler: (_methods: unknown, _partial: unknown, next: (method: unknown) => void) => next(tries++ < 10 ? { type: 'password', username: 'ubuntu', password: `wrong-${tries}` } : false),
    } as never);
    await expect(attempt).rejects.toThrow();
    expect(lab.snapshot().authFailures).toBe(6);
  });
});
