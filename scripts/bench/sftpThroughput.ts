// Our SFTP upload against OpenSSH's scp: same file, same sshd, same run.
// Run: RACKPILOT_NETWORK_SCOPE=loopback npm run bench:sftp [MiB]
// The last line is `sftp-vs-scp: RATIO` (our MiB/s over scp's).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SshSessions } from '../../electron/engine/ssh/sessions';
import { sftpUpload } from '../../electron/engine/ssh/sftp';
import { hopTo, keygen, startOpenSsh } from '../../electron/engine/ssh/testing/openssh';
import { openStore } from '../../electron/engine/store';

const mib = Number(process.argv[2] ?? 256);
const bytes = mib * 1024 * 1024;
const server = await startOpenSsh();
const keyFile = join(server.workDir, '..', 'bench_key');
const key = keygen(keyFile, 'ed25519');
execFileSync('sh', ['-c', `cat "$1.pub" >> "$(dirname "$1")/authorized_keys"`, 'sh', keyFile]);
const source = join(server.workDir, '..', 'bench.bin');
const fd = openSync(source, 'w');
const block = randomBytes(1024 * 1024);
for (let index = 0; index < mib; index++) writeSync(fd, block);
closeSync(fd);

const store = openStore(':memory:');
store.addPin({ kind: 'ssh', host: server.host, port: server.port, fingerprint: server.hostKeyFingerprint, subject: null }, 1);
const sessions = new SshSessions({ store });
const session = sessions.get([hopTo(server, { privateKey: key.privateKey })]);

function rate(seconds: number): number {
  return bytes / 1024 / 1024 / seconds;
}

async function ours(): Promise<number> {
  const started = performance.now();
  await sftpUpload(session, source, join(server.workDir, 'ours.bin'));
  return rate((performance.now() - started) / 1000);
}

function scp(): number {
  const started = performance.now();
  execFileSync('scp', ['-q', '-i', keyFile, '-P', String(server.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', source, `${server.user}@127.0.0.1:${join(server.workDir, 'scp.bin')}`], { stdio: 'pipe' });
  return rate((performance.now() - started) / 1000);
}

try {
  await ours(); // warm-up: connection, SFTP subsystem, page cache
  // Alternate so load from other processes on the machine hits both alike; best of three each.
  const oursRuns: number[] = [];
  const scpRuns: number[] = [];
  for (let round = 0; round < 3; round++) {
    oursRuns.push(await ours());
    scpRuns.push(scp());
  }
  const best = (runs: number[]) => Math.max(...runs);
  console.log(`file: ${mib} MiB over loopback to OpenSSH ${server.port}`);
  console.log(`ours (sftp, sha256 in the same pass): ${oursRuns.map((run) => run.toFixed(1)).join(', ')} MiB/s`);
  console.log(`scp: ${scpRuns.map((run) => run.toFixed(1)).join(', ')} MiB/s`);
  console.log(`sftp-vs-scp: ${(best(oursRuns) / best(scpRuns)).toFixed(2)}`);
} finally {
  sessions.close();
  store.close();
  rmSync(source, { force: true });
  await server.stop();
}
