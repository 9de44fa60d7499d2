import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenSsh, type OpenSshServer } from '../../engine/ssh/testing/openssh';
import { startSshLab, type SshLab } from '../../lab/ssh';

/*
 * The lab's SSH server is kept honest against the real peer: the same
 * commands, sent by the same ssh2 client to Debian's OpenSSH (a POSIX sh
 * behind it) and to the simulator, must give the same stdout and exit code.
 * Only commands whose result POSIX fixes are compared (error texts differ
 * between shells).
 */

const commands = [
  'echo hello',
  "printf 'a%sb\\n' x",
  'exit 3',
  'true && echo yes || echo no',
  'false || echo fallback',
  'echo one; echo two',
  'rm -f rp-conf; echo a > rp-conf; echo b >> rp-conf; cat rp-conf; rm -f rp-conf',
  'test -f rp-missing-file; echo $?',
  "sh -c 'exit 5'",
  'no_such_command_rp 2>/dev/null',
];

interface Target {
  host: string;
  port: number;
  username: string;
  password: string;
}

function run(target: Target, command: string): Promise<{ stdout: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client
      .on('ready', () => {
        client.exec(command, (error, channel) => {
          if (error) return reject(error);
          let stdout = '';
          let code: number | null = null;
          channel.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
          channel.stderr.on('data', () => undefined);
          channel.on('exit', (exitCode: number | null) => (code = exitCode));
          channel.on('close', () => {
            client.end();
            resolve({ stdout, code });
          });
        });
      })
      .on('error', reject)
      .connect({ ...target, readyTimeout: 20_000, hostVerifier: () => true });
  });
}

let real: OpenSshServer;
let lab: SshLab;

beforeAll(async () => {
  real = await startOpenSsh();
  lab = await startSshLab();
}, 60_000);

afterAll(async () => {
  await lab?.close();
  await real?.stop();
});

describe('the SSH lab against OpenSSH', () => {
  it.each(commands)('%s: same stdout and exit code', async (command) => {
    const url = new URL(lab.endpoint.url);
    const simulated = await run({ host: url.hostname, port: Number(url.port), username: lab.endpoint.username, password: lab.endpoint.password }, command);
    const peer = await run({ host: real.host, port: real.port, username: real.user, password: real.password }, command);
    expect(simulated).toEqual(peer);
  });
});
