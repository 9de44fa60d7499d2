import { AppFailure, appError } from '../../../../shared/errors';
import type { Secret } from '../../../../shared/plan/secret';
import { exec, execCollect, quoteWord, type SshSession } from '../../ssh';
import type { TextRedactor } from '../../util/redactor';
import type { StepLog } from './types';

export interface TowerShell {
  session: SshSession;
  sudoPassword: Secret | null;
  redactor: TextRedactor;
  signal: AbortSignal;
  log: StepLog;
}

/**
 * How a script runs as root: with a password, `sudo -S` reads it as the
 * first line of stdin (never on the command line) and the script, whose
 * commands read nothing from stdin, runs after it, as SmartX's own
 * procedure does in a terminal; without one, `sudo -n` fails rather than wait.
 */
function asRoot(shell: TowerShell, script: string): { argv: string[]; stdin?: string; sudo?: true } {
  const password = shell.sudoPassword && !shell.sudoPassword.isEmpty ? shell.sudoPassword.reveal() : null;
  if (!password) return { argv: ['sh', '-c', script], sudo: true };
  return { argv: ['sudo', '-S', '-k', '-p', '', '--', 'sh', '-c', script], stdin: `${password}\n` };
}

/** Runs a fixed script as root; its lines go to the step's log. Plan values reach it only through `quoteWord`. */
export async function runAsRoot(shell: TowerShell, script: string, what: string, timeoutMs = 60_000): Promise<void> {
  const command = asRoot(shell, script);
  const result = await exec(shell.session, command.argv, {
    ...(command.sudo ? { sudo: true } : {}),
    ...(command.stdin !== undefined ? { stdin: command.stdin } : {}),
    signal: shell.signal,
    redactor: shell.redactor,
    timeoutMs,
    onLine: (source, line) => shell.log(source === 'stderr' ? 'warn' : 'info', shell.redactor.redact(line)),
  });
  if (result.exitCode !== 0) {
    throw new AppFailure(appError('step_failed', `${what} failed on ${shell.session.label} (exit ${result.exitCode ?? result.signal}).`, { hint: 'Its output is in the step log.', retryable: true }));
  }
}

/** The SSH user's home, where nohup writes and from which relative paths are read (root's differs). */
export async function homeOf(shell: TowerShell): Promise<string> {
  const result = await execCollect(shell.session, ['pwd'], { signal: shell.signal, timeoutMs: 20_000 });
  const home = result.stdout[0]?.trim();
  if (result.exitCode !== 0 || !home?.startsWith('/')) throw new AppFailure(appError('step_failed', `${shell.session.label} did not say its home directory.`));
  return home;
}

/** Replaces a file as root with `lines` (a printf of quoted words: nothing from the plan is interpreted by the shell). */
export async function writeFileAsRoot(shell: TowerShell, path: string, lines: string[], what: string): Promise<void> {
  await runAsRoot(shell, `printf '%s\\n' ${lines.map(quoteWord).join(' ')} > ${quoteWord(path)}`, what);
}

export async function fileExists(shell: TowerShell, path: string): Promise<boolean> {
  const result = await execCollect(shell.session, ['test', '-f', path], { signal: shell.signal, timeoutMs: 20_000 });
  return result.exitCode === 0;
}
