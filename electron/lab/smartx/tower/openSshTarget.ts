import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { failMarkerPath, failureLine, installerPath, installerScript, preinstallPath, preinstallScript } from './scripts';

/*
 * The CloudTower VM played by a real machine, for the agreement test: Debian's
 * sshd on a loopback port with its own config and host key, a test user who
 * may sudo with a password, and the lab's two scripts as real files under a
 * temp root (never the machine's own /usr or /etc). Whoever starts it stops it.
 */

export const towerTestUser = 'rptower';
export const towerTestPassword = 'Rp-tower pa55 "q" $x';
const sshd = '/usr/sbin/sshd';

/** Why this machine cannot run it, or null. */
export function openSshTowerSkipReason(): string | null {
  if (!existsSync(sshd)) return `${sshd} is missing (apt-get install openssh-server)`;
  if (!existsSync('/usr/bin/sudo')) return 'sudo is not installed';
  if (process.getuid?.() !== 0) return 'sshd is started as root';
  return null;
}

export interface OpenSshTower {
  port: number;
  /** Prefix of the scripts' paths. */
  root: string;
  setInstallFailure(reason: string | null): void;
  stop(): Promise<void>;
}

function ensureUser(): void {
  try {
    execFileSync('id', [towerTestUser], { stdio: 'pipe' });
  } catch {
    execFileSync('useradd', ['-m', '-s', '/bin/bash', towerTestUser], { stdio: 'pipe' });
  }
  execFileSync('chpasswd', { input: `${towerTestUser}:${towerTestPassword}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
  writeFileSync(`/etc/sudoers.d/rackpilot-${towerTestUser}`, `${towerTestUser} ALL=(ALL) ALL\n`, { mode: 0o440 });
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

async function waitForBanner(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('data', (data) => (socket.destroy(), resolve(data.toString('latin1').startsWith('SSH-'))));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`sshd did not answer on 127.0.0.1:${port}: ${log()}`);
}

export async function startOpenSshTower(stepSeconds: number): Promise<OpenSshTower> {
  const reason = openSshTowerSkipReason();
  if (reason) throw new Error(reason);
  ensureUser();
  mkdirSync('/run/sshd', { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'rp-tower-sshd-'));
  chmodSync(dir, 0o755);
  const root = join(dir, 'root');
  const write = (path: string, text: string, mode: number) => {
    mkdirSync(dirname(`${root}${path}`), { recursive: true, mode: 0o755 });
    writeFileSync(`${root}${path}`, text, { mode });
  };
  write(preinstallPath, preinstallScript({ stepSeconds }), 0o755);
  write(installerPath, installerScript({ stepSeconds, root }), 0o755);
  for (let walk = root; walk !== dir; walk = dirname(walk)) chmodSync(walk, 0o755);
  const hostKey = join(dir, 'host_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey], { stdio: 'pipe' });
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${hostKey}`, 'PidFile none', 'UsePAM no', 'PasswordAuthentication yes', 'KbdInteractiveAuthentication no', 'PermitRootLogin no', `AllowUsers ${towerTestUser}`, 'StrictModes no', 'LogLevel ERROR', ''].join('\n'),
  );
  let log = '';
  const child = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (data: Buffer) => (log = (log + data.toString()).slice(-4000)));
  try {
    await waitForBanner(port, child, () => log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    root,
    setInstallFailure(failure) {
      const marker = `${root}${failMarkerPath}`;
      if (failure === null) return rmSync(marker, { force: true });
      mkdirSync(dirname(marker), { recursive: true });
      writeFileSync(marker, `${failureLine(failure)}\n`);
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // sshd -D forks a process per connection; ending the listener is enough for the test's (already closed) sessions.
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
