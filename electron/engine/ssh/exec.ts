import type { ClientChannel } from 'ssh2';
import { AppFailure, appError, fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { LineSplitter } from './lineSplitter';
import type { SshSession } from './sessions';
import { shellQuote } from './shellQuote';
import { sshCancelled } from './sshErrors';
import type { ExecOptions, ExecResult, LineSource } from './types';

// Written by sudo on stderr when it wants the password; never shown in the log.
const sudoPrompt = '[rackpilot-sudo-prompt]';

/**
 * The command line for `argv`, through sudo when asked. With a password,
 * sudo reads it from stdin (-S) after printing our prompt, ignoring cached
 * credentials (-k) so the prompt always comes when the policy wants one;
 * the command itself gets /dev/null as stdin so the password can never
 * reach it. Without a password, -n makes sudo fail instead of waiting, and
 * -k keeps an earlier command's cached credential from hiding that.
 */
export function buildCommand(argv: readonly string[], sudo: ExecOptions['sudo']): string {
  if (!sudo) return shellQuote(argv);
  const options = typeof sudo === 'object' ? sudo : {};
  const asUser = options.user ? ['-u', options.user] : [];
  if (!options.password) return shellQuote(['sudo', '-n', '-k', ...asUser, '--', ...argv]);
  return shellQuote(['sudo', '-S', '-k', '-p', sudoPrompt, ...asUser, '--', 'sh', '-c', 'exec "$@" </dev/null', 'sh', ...argv]);
}

/**
 * OpenSSH delivers a signal request with killpg(): the command and
 * everything it started. ssh2's `channel.signal()` sends nothing once our
 * side of the channel is ended (stdin closed, which every command without
 * input has), so the request goes through the protocol object (ssh2 1.17).
 */
function sendSignal(channel: ClientChannel, name: string): void {
  const internal = channel as unknown as { _client?: { _protocol?: { signal(id: number, name: string): void } }; outgoing?: { id: number; state: string } };
  const state = internal.outgoing?.state;
  // After our EOF ('eof') the channel still takes requests (RFC 4254 5.3).
  if ((state !== 'open' && state !== 'eof') || !internal._client?._protocol) return channel.signal(name);
  internal._client._protocol.signal(internal.outgoing!.id, name);
}

/** The channel, and its exit status as it arrives (output is buffered by the streams; 'exit' is not, so it is caught at once). */
function openChannel(session: SshSession, command: string, signal: AbortSignal): Promise<{ channel: ClientChannel; exit: ExecResult }> {
  return session.connection(signal).then(
    (connection) =>
      new Promise((resolve, reject) => {
        connection.client.exec(command, (error, channel) => {
          if (error) return reject(new AppFailure(appError('network', text('ssh.exec.noChannel', { where: connection.label, message: error.message }))));
          const exit: ExecResult = { exitCode: null, signal: null };
          channel.on('exit', (code: number | null, signalName?: string) => {
            exit.exitCode = typeof code === 'number' ? code : null;
            exit.signal = signalName ?? null;
          });
          resolve({ channel, exit });
        });
      }),
  );
}

/**
 * Runs `argv` on the session's host and streams its output line by line.
 * Resolves with the exit code (a failing command is a result, not an
 * error); rejects when the command times out or is cancelled (its process
 * group is killed first), or when sudo refuses.
 */
export async function exec(session: SshSession, argv: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  const sudo = options.sudo ? (typeof options.sudo === 'object' ? options.sudo : {}) : null;
  if (sudo && options.stdin !== undefined) fail('invalid_request', text('ssh.exec.sudoStdin'));
  const signal = options.signal ?? new AbortController().signal;
  const where = session.label;
  const { channel, exit: result } = await openChannel(session, buildCommand(argv, options.sudo), signal);
  const redact = options.redactor ? (line: string) => options.redactor!.redact(line) : (line: string) => line;
  let promptsSeen = 0;
  let sawPasswordRequired = false;
  const sink = (source: LineSource) =>
    new LineSplitter((line) => {
      // Matched on whole lines: sudo writes its name and its message in separate writes.
      if (source === 'stderr' && sudo && !sudo.password && /^sudo: (a password is required|a terminal is required)/.test(line)) sawPasswordRequired = true;
      options.onLine?.(source, redact(line));
    }, options.maxLineLength);
  const stdout = sink('stdout');
  const stderr = sink('stderr');

  return new Promise<ExecResult>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    let ended = false;
    const kill = (reason: AppFailure): void => {
      if (ended) return;
      ended = true;
      cleanup();
      sendSignal(channel, 'KILL');
      channel.close();
      reject(reason);
    };
    const onAbort = (): void => kill(signal.reason instanceof AppFailure ? signal.reason : sshCancelled(text('ssh.cancel.command', { where })));
    const cleanup = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    if (options.timeoutMs !== undefined) {
      const seconds = Math.round(options.timeoutMs / 1000);
      timer = setTimeout(() => kill(new AppFailure(appError('timeout', text('ssh.exec.timeout', { command: argv[0]!, where, seconds })))), options.timeoutMs);
    }

    channel.on('data', (data: Buffer) => stdout.write(data));
    channel.stderr.on('data', (data: Buffer) => {
      if (sudo?.password && data.includes(sudoPrompt)) {
        promptsSeen++;
        data = Buffer.from(data.toString('utf8').replaceAll(sudoPrompt, ''));
        if (promptsSeen === 1) {
          channel.end(`${sudo.password.reveal()}\n`);
        } else {
          return kill(new AppFailure(appError('auth', text('ssh.sudo.refused', { where }), { hint: text('ssh.hint.sudoRefused'), retryable: false })));
        }
      }
      stderr.write(data);
    });
    // Output may still be queued in the streams when the channel closes: settle once both have ended too.
    let openParts = 3;
    const partDone = (): void => {
      if (--openParts === 0) finish();
    };
    channel.once('end', partDone);
    channel.stderr.once('end', partDone);
    channel.once('close', partDone);
    const finish = (): void => {
      stdout.end();
      stderr.end();
      if (ended) return;
      ended = true;
      cleanup();
      if (sawPasswordRequired && result.exitCode === 1) {
        reject(
          new AppFailure(
            appError('auth', text('ssh.sudo.needsPassword', { where }), {
              hint: text('ssh.hint.sudoNeedsPassword'),
              retryable: false,
            }),
          ),
        );
      } else resolve({ ...result });
    };
    if (!sudo?.password) channel.end(options.stdin);
  });
}

/** `exec` that collects the output (for short commands such as checks); lines beyond `maxLines` are dropped. */
export async function execCollect(
  session: SshSession,
  argv: readonly string[],
  options: Omit<ExecOptions, 'onLine'> & { maxLines?: number } = {},
): Promise<ExecResult & { stdout: string[]; stderr: string[] }> {
  const limit = options.maxLines ?? 10_000;
  const output = { stdout: [] as string[], stderr: [] as string[] };
  const result = await exec(session, argv, { ...options, onLine: (source, line) => output[source].length < limit && output[source].push(line) });
  return { ...result, ...output };
}
