import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, chmodSync, chownSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshAuth, SshHop } from '../types';

/*
 * Debian's OpenSSH server for the SSH layer's tests: its own config and host
 * keys in a temp folder, on a loopback port, logging to stderr. Started as
 * root (privilege separation as in production), it lets the test user log in
 * by password or by the keys given. Whoever starts one stops it.
 */

export const testUser = 'rptest';
export const testPassword = 'Rp-test pa55 "quoted" $x';
const sshd = '/usr/sbin/sshd';

export type HostKeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface OpenSshOptions {
  hostKeyType?: HostKeyType;
  /** Public keys (OpenSSH one-line form) allowed to log in as the test user. */
  authorizedKeys?: string[];
  passwordAuthentication?: boolean;
  /** `host:port` this server may forward to (as a bastion); default any. */
  permitOpen?: string[];
  /** Default ERROR; INFO makes sshd log each login attempt (`Failed password for ...`, `Accepted ...`). */
  logLevel?: 'ERROR' | 'INFO';
}

export interface OpenSshServer {
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** A folder the test user owns (uploads, log files). */
  workDir: string;
  /** `SHA256:...` of the host key, as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  /** Stops the listener and every connection it accepted, then starts again on the same port. */
  restart(options?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
  /** The server's recent stderr (for a failing test's message). */
  log(): string;
}

/** Why the tests that need sudo cannot run here, or null. */
export function sudoSkipReason(): string | null {
  if (!existsSync('/usr/bin/sudo')) return 'sudo is not installed (apt-get install sudo; .ci/run should install it)';
  return null;
}

/** Why no OpenSSH test can run here, or null. */
export function openSshSkipReason(): string | null {
  if (!existsSync(sshd)) return `${sshd} is missing (apt-get install openssh-server)`;
  if (process.getuid?.() !== 0) return 'the OpenSSH tests start sshd as root';
  return null;
}

function ensureTestUser(): void {
  try {
    execFileSync('id', [testUser], { stdio: 'pipe' });
  } catch {
    try {
      execFileSync('useradd', ['-m', '-s', '/bin/sh', testUser], { stdio: 'pipe' });
    } catch {
      // Another test file may have created it at the same moment; if not, this throws.
      execFileSync('id', [testUser], { stdio: 'pipe' });
    }
  }
  execFileSync('chpasswd', { input: `${testUser}:${testPassword}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
  if (existsSync('/etc/sudoers.d')) writeFileSync('/etc/sudoers.d/rackpilot-rptest', `${testUser} ALL=(ALL) ALL\n`, { mode: 0o440 });
}

function userIds(): { uid: number; gid: number } {
  const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, testUser], { encoding: 'utf8' }).trim()));
  return { uid: uid!, gid: gid! };
}

export function keygen(file: string, type: HostKeyType, passphrase = '', format?: 'PEM'): { privateKey: string; publicKey: string } {
  rmSync(file, { force: true });
  rmSync(`${file}.pub`, { force: true });
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  execFileSync('ssh-keygen', ['-q', '-t', type, ...bits, ...(format ? ['-m', format] : []), '-N', passphrase, '-C', 'rackpilot-test', '-f', file], { stdio: 'pipe' });
  return { privateKey: readFileSync(file, 'utf8'), publicKey: readFileSync(`${file}.pub`, 'utf8').trim() };
}

function fingerprintOf(publicKeyFile: string): string {
  const line = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile], { encoding: 'utf8' });
  return line.split(' ')[1]!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once the port answers with an SSH banner. */
async function waitForBanner(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString('latin1').startsWith('SSH-'));
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not answer on 127.0.0.1:${port}: ${stderr()}`);
}

/** The pids of every process below `pid` (each connection's sshd), read from /proc. */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

export async function startOpenSsh(options: OpenSshOptions = {}): Promise<OpenSshServer> {
  const reason = openSshSkipReason();
  if (reason) throw new Error(reason);
  ensureTestUser();
  mkdirSync('/run/sshd', { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'rp-sshd-'));
  chmodSync(dir, 0o755);
  const workDir = join(dir, 'work');
  mkdirSync(workDir);
  const { uid, gid } = userIds();
  chownSync(workDir, uid, gid);
  const authorizedKeys = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeys, (options.authorizedKeys ?? []).map((key) => `${key}\n`).join(''), { mode: 0o644 });
  const hostKeyType = options.hostKeyType ?? 'ed25519';
  const hostKey = join(dir, `host_${hostKeyType}`);
  keygen(hostKey, hostKeyType);
  const port = await freePort();
  const configFile = join(dir, 'sshd_config');
  writeFileSync(
    configFile,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      'PidFile none',
      'UsePAM no',
      `PasswordAuthentication ${options.passwordAuthentication === false ? 'no' : 'yes'}`,
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      `AuthorizedKeysFile ${authorizedKeys}`,
      'StrictModes no',
      'AllowTcpForwarding yes',
      `PermitOpen ${options.permitOpen?.join(' ') ?? 'any'}`,
      'PermitRootLogin no',
      `AllowUsers ${testUser}`,
      'MaxStartups 50',
      'MaxSessions 50',
      `LogLevel ${options.logLevel ?? 'ERROR'}`,
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );

  let child: ChildProcess | null = null;
  let log = '';
  const launch = async (): Promise<void> => {
    log = '';
    const started = spawn(sshd, ['-D', '-e', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    started.stderr!.on('data', (data: Buffer) => (log = (log + data.toString()).slice(-4000)));
    child = started;
    await waitForBanner(port, started, () => log);
  };
  const halt = async (): Promise<void> => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.pid === undefined) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    for (const pid of descendants(running.pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    running.kill('SIGTERM');
    await exited;
  };

  await launch();
  const server: OpenSshServer = {
    host: '127.0.0.1',
    port,
    user: testUser,
    password: testPassword,
    workDir,
    hostKeyFingerprint: fingerprintOf(`${hostKey}.pub`),
    async restart(restartOptions = {}) {
      await halt();
      if (restartOptions.newHostKey) {
        keygen(hostKey, hostKeyType);
        server.hostKeyFingerprint = fingerprintOf(`${hostKey}.pub`);
      }
      await launch();
    },
    log: () => log,
    async stop() {
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A chain hop for `server` as the test user, with the given way to log in. */
export function hopTo(server: OpenSshServer, auth: SshAuth, name = `sshd-${server.port}`): SshHop {
  return { name, host: server.host, port: server.port, username: server.user, auth };
}

/** `ssh-agent` on a temp socket holding `keyFile`; stop() ends it. */
export async function startAgent(keyFile: string): Promise<{ socket: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'rp-agent-'));
  const socket = join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (!existsSync(socket) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  execFileSync('ssh-add', [keyFile], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'pipe' });
  return {
    socket,
    stop() {
      agent.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
