import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2, { type ClientChannel } from 'ssh2';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connect, exec, guestPassword, labForTest, until } from './sshTestKit';

type SshClient = InstanceType<typeof ssh2.Client>;

const sftpOf = (client: SshClient) => new Promise<ssh2.SFTPWrapper>((resolve, reject) => client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))));
const call = <T>(run: (done: (error: Error | null | undefined, value?: T) => void) => void) =>
  new Promise<T>((resolve, reject) => run((error, value) => (error ? reject(error) : resolve(value as T))));
const forwardOut = (client: SshClient, host: string, port: number) => call<ClientChannel>((done) => client.forwardOut('127.0.0.1', 0, host, port, done));

describe('ssh lab sftp', () => {
  it('puts, stats and gets a few MB byte for byte, into the store the shell sees', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ssh-lab-sftp-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const content = randomBytes(3 * 1024 * 1024 + 17);
    await writeFile(join(dir, 'in.bin'), content);
    const lab = await labForTest();
    const client = await connect(lab, { username: 'ubuntu@web-01' });
    const sftp = await sftpOf(client);
    await call((done) => sftp.mkdir('/opt/pkg', done));
    await call((done) => sftp.fastPut(join(dir, 'in.bin'), '/opt/pkg/in.bin', done));
    expect((await call<ssh2.Stats>((done) => sftp.stat('/opt/pkg/in.bin', done))).size).toBe(content.length);
    await call((done) => sftp.fastGet('/opt/pkg/in.bin', join(dir, 'out.bin'), done));
    expect((await readFile(join(dir, 'out.bin'))).equals(content)).toBe(true);
    expect(lab.files('web-01').read('/opt/pkg/in.bin').equals(content)).toBe(true);
    expect((await exec(client, 'test -s /opt/pkg/in.bin && echo there')).stdout).toBe('there\n');
    await expect(call((done) => sftp.stat('/opt/none', done))).rejects.toMatchObject({ code: ssh2.utils.sftp.STATUS_CODE.NO_SUCH_FILE });
  });

  it('resumes a partial upload with createWriteStream at the stat size', async () => {
    const lab = await labForTest();
    const sftp = await sftpOf(await connect(lab));
    await call((done) => sftp.writeFile('part.txt', 'hello ', done));
    const { size } = await call<ssh2.Stats>((done) => sftp.stat('part.txt', done));
    await new Promise<void>((resolve, reject) => {
      const stream = sftp.createWriteStream('part.txt', { flags: 'r+', start: size });
      stream.on('error', reject).on('close', () => resolve());
      stream.end('world');
    });
    expect(lab.files().read('/home/ubuntu/part.txt').toString()).toBe('hello world');
    expect(await call<string>((done) => sftp.realpath('.', done))).toBe('/home/ubuntu');
  });
});

describe('ssh lab as a bastion', () => {
  it('forwards direct-tcpip to a loopback echo server', async () => {
    const echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => echo.close(() => resolve())));
    const lab = await labForTest();
    const channel = await forwardOut(await connect(lab), '127.0.0.1', (echo.address() as AddressInfo).port);
    const reply = new Promise<string>((resolve) => channel.once('data', (chunk: Buffer) => resolve(chunk.toString())));
    channel.write('ping');
    expect(await reply).toBe('ping');
    channel.close();
  });

  it('refuses a target other than 127.0.0.1/localhost/::1 with a channel-open failure, even one that listens', async () => {
    // 127.0.0.2 is reachable on Linux; the lab must refuse it, not merely fail to connect.
    const other = createServer((socket) => socket.end('reached'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.2', resolve));
    onTestFinished(() => new Promise<void>((resolve) => other.close(() => resolve())));
    const lab = await labForTest();
    const client = await connect(lab);
    await expect(forwardOut(client, '127.0.0.2', (other.address() as AddressInfo).port)).rejects.toThrow(/Channel open failure/);
    await expect(forwardOut(client, '192.0.2.10', 22)).rejects.toThrow(/Channel open failure/);
  });

  it('plays a prepared host behind the jump: the inner login lands on that host', async () => {
    const lab = await labForTest();
    const jump = await connect(lab);
    const tunnel = await forwardOut(jump, '10.0.0.12', 22);
    const inner = await connect(lab, { sock: tunnel, host: undefined, port: undefined });
    expect((await exec(inner, 'hostname; whoami')).stdout).toBe('db-01\nubuntu\n');
    expect((await exec(jump, 'hostname')).stdout).toBe('ssh-lab\n');
  });
});

describe('ssh lab lifecycle', () => {
  it('reset forgets files, processes and counters but keeps the address, key and users', async () => {
    const lab = await labForTest();
    const { endpoint } = lab;
    const client = await connect(lab);
    await exec(client, 'echo kept? > f; sleep 100 &');
    await expect(connect(lab, { password: 'wrong' })).rejects.toThrow();
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await lab.reset();
    await closed;
    expect(lab.snapshot()).toEqual({ authFailures: 0, connections: 0, execs: [] });
    expect(lab.endpoint).toEqual(endpoint);
    const again = await connect(lab, { password: guestPassword });
    expect(await exec(again, 'cat f; pgrep sleep')).toMatchObject({ stdout: '', code: 1 });
  });

  it('close ends every connection and a running command', async () => {
    const lab = await labForTest();
    const client = await connect(lab);
    const running = exec(client, 'sleep 100', { keepStdinOpen: true });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await until(() => lab.snapshot().execs.some((entry) => entry.outcome === 'running'));
    await lab.close();
    await closed;
    expect((await running).code).toBeNull();
    await expect(connect(lab)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('ssh lab prepare', () => {
  it.each([
    [null, 'ssh lab: preparation must be an object'],
    [{ users: [] }, 'ssh lab: users must be a list'],
    [{ users: [{ name: 'bad name' }] }, 'ssh lab: users[0].name must be'],
    [{ users: [{ name: 'a', publicKeys: ['ssh-ed25519 nope'] }] }, 'ssh lab: users[0].publicKeys[0] is not an OpenSSH public key'],
    [{ users: [{ name: 'a' }, { name: 'a' }] }, 'ssh lab: users[1].name repeats "a"'],
    [{ users: [{ name: 'a', sudo: 'always' }] }, 'ssh lab: users[0].sudo must be'],
    [{ users: [{ name: 'a' }], hosts: ['web', { name: 'db', addresses: ['web'] }] }, `ssh lab: hosts[1] claims "web", already web's`],
  ])('refuses %j naming the field', async (preparation, message) => {
    const lab = await labForTest();
    expect(() => lab.prepare(preparation)).toThrow(message);
  });
});
