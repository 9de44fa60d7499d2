import ssh2, { type ClientChannel, type ConnectConfig } from 'ssh2';
import { onTestFinished } from 'vitest';
import { startSshLab, type SshLab } from './server';

const { Client } = ssh2;
type SshClient = InstanceType<typeof Client>;

export const guestPassword = 'guest-secret';

/** A lab with guest `ubuntu` (password), started for one test and closed after it. */
export async function labForTest(preparation: unknown = { users: [{ name: 'ubuntu', password: guestPassword }], hosts: ['web-01', { name: 'db-01', addresses: ['10.0.0.12'] }] }): Promise<SshLab> {
  const lab = await startSshLab();
  onTestFinished(() => lab.close());
  lab.prepare(preparation);
  return lab;
}

/** Connects with ssh2's Client; the connection ends with the test. */
export function connect(lab: SshLab, config: Partial<ConnectConfig> = {}): Promise<SshClient> {
  const client = new Client();
  onTestFinished(() => void client.end());
  return new Promise((resolve, reject) => {
    client.once('ready', () => resolve(client));
    // After ready, a reset or close of the lab ends the connection: not a failure of the test.
    client.on('error', (error) => reject(error));
    client.once('close', () => reject(new Error('the lab closed the connection before it was ready')));
    client.connect({ host: '127.0.0.1', port: lab.port, username: 'ubuntu', password: guestPassword, readyTimeout: 10_000, ...config });
  });
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: string | null;
}

/** Runs one command; `stdin` is sent and ended (left open with `keepStdinOpen`: ssh2 sends signals only on a writable channel); `onChannel` may signal or close it. */
export function exec(
  client: SshClient,
  command: string,
  options: { stdin?: string; keepStdinOpen?: boolean; onChannel?: (channel: ClientChannel, output: () => string) => void } = {},
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      let signal: string | null = null;
      channel.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      channel.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
        code = exitCode;
        signal = exitSignal ?? null;
      });
      channel.on('close', () => resolve({ stdout, stderr, code, signal }));
      if (options.stdin !== undefined) channel.write(options.stdin);
      if (!options.keepStdinOpen) channel.end();
      options.onChannel?.(channel, () => stdout + stderr);
    });
  });
}

/** Resolves once `condition` holds, checking every few milliseconds (a wait for a state, not a timing assertion). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
