import type { ServerChannel, Session } from 'ssh2';
import './shell/commands/index';
import type { Io, SessionContext } from './shell/context';
import { ExitRequest, Input, SandboxLimit, Terminated, type Output } from './shell/io';
import { loginShell, runScriptText, writeLine } from './shell/interpreter';
import { serveSftp } from './sftp';

export const maxOutputBytes = 64 * 1024 * 1024;

export type ExecOutcome = { code: number } | { signal: string };

export interface ExecRecord {
  host: string;
  user: string;
  command: string;
  outcome: ExecOutcome | 'running';
}

/** Environment sshd accepts by default (`AcceptEnv LANG LC_*` in Debian's sshd_config). */
const acceptedEnv = /^(LANG|LC_[A-Z_]+)$/;

function channelOutput(write: (chunk: string | Uint8Array) => void, isOpen: () => boolean, budget: { left: number }): Output {
  return {
    kind: 'channel',
    write(chunk) {
      // After the channel closed, output goes nowhere (a background job outliving its session).
      if (!isOpen()) return;
      budget.left -= typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (budget.left < 0) throw new SandboxLimit(`the command wrote more than the lab's ${maxOutputBytes} bytes of output`);
      write(chunk);
    },
  };
}

/**
 * One `session` channel: exec (or a line-by-line shell), env, pty, signal,
 * sftp. A client's signal or the channel closing ends the running command.
 *
 *   idle --exec/shell--> running --status--> exited (exit-status)
 *                          |--signal/close--> killed (exit-signal, if still open)
 */
export function serveSession(session: Session, context: SessionContext, record: (entry: ExecRecord) => void): void {
  let running: AbortController | null = null;
  const env = new Map<string, string>();
  session.on('env', (accept, reject, info) => {
    if (!acceptedEnv.test(info.key)) return reject?.();
    env.set(info.key, info.val);
    accept?.();
  });
  session.on('pty', (accept) => accept?.());
  session.on('window-change', (accept) => accept?.());
  session.on('signal', (accept, reject, info) => {
    if (!running) return reject?.();
    running.abort(new Terminated(info.name.replace(/^SIG/, '')));
    accept?.();
  });
  session.on('sftp', (accept) => serveSftp(accept(), context));

  const run = async (channel: ServerChannel, command: string, lineByLine: boolean) => {
    const controller = (running = new AbortController());
    const entry: ExecRecord = { host: context.host.name, user: context.account.name, command, outcome: 'running' };
    record(entry);
    let open = true;
    channel.on('close', () => {
      open = false;
      controller.abort(new Terminated('HUP'));
    });
    channel.on('error', () => undefined);
    const stdin = new Input({ pause: () => channel.pause(), resume: () => channel.resume() });
    channel.on('data', (chunk: Buffer) => stdin.push(chunk));
    channel.on('end', () => stdin.end());
    const budget = { left: maxOutputBytes };
    const io: Io = {
      stdin,
      stdout: channelOutput((chunk) => channel.write(chunk), () => open, budget),
      stderr: channelOutput((chunk) => channel.stderr.write(chunk), () => open, budget),
    };
    const shell = loginShell(context);
    for (const [key, value] of env) shell.vars.set(key, value);
    let outcome: ExecOutcome;
    try {
      if (!lineByLine) outcome = { code: await runScriptText(shell, io, controller.signal, command) };
      else {
        let code = 0;
        for (let line = await stdin.readLine(controller.signal); line !== null; line = await stdin.readLine(controller.signal)) code = await runScriptText(shell, io, controller.signal, line, false);
        outcome = { code };
      }
    } catch (error) {
      if (error instanceof ExitRequest) outcome = { code: error.status };
      else if (error instanceof Terminated) outcome = { signal: error.signal };
      else {
        // A sandbox limit (or a bug here) ends this command only, never the lab.
        const message = error instanceof SandboxLimit ? error.message : `the lab's shell failed: ${error instanceof Error ? error.message : String(error)}`;
        if (open) writeLine({ kind: 'channel', write: (chunk) => channel.stderr.write(chunk) }, `bash: ${message}`);
        outcome = { code: error instanceof SandboxLimit ? 1 : 70 };
      }
    }
    entry.outcome = outcome;
    if (running === controller) running = null;
    if (!open) return;
    if ('code' in outcome) channel.exit(outcome.code);
    else channel.exit(outcome.signal, false, '');
    channel.end();
  };

  session.on('exec', (accept, _reject, info) => void run(accept(), info.command, false));
  session.on('shell', (accept) => void run(accept(), '(shell)', true));
}
