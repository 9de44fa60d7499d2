import { AppFailure, appError } from '../../../../shared/errors';
import { text, type TextParam } from '../../../../shared/i18n/engineText';
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

/** Runs a fixed script as root through the SSH layer's sudo (the password answers its prompt, never the command line); its lines go to the step's log. Plan values reach it only through `quoteWord`. */
export async function runAsRoot(shell: TowerShell, script: string, what: TextParam, timeoutMs = 60_000): Promise<void> {
  const password = shell.sudoPassword && !shell.sudoPassword.isEmpty ? shell.sudoPassword : null;
  const result = await exec(shell.session, ['sh', '-c', script], {
    sudo: password ? { password } : true,
    signal: shell.signal,
    redactor: shell.redactor,
    timeoutMs,
    onLine: (source, line) => shell.log(source === 'stderr' ? 'warn' : 'info', shell.redactor.redact(line)),
  });
  if (result.exitCode !== 0) {
    throw new AppFailure(appError('step_failed', text('smartx.ssh.failed', { what, host: shell.session.label, exit: result.exitCode ?? result.signal ?? '?' }), { hint: text('smartx.ssh.failedHint'), retryable: true }));
  }
}

/** The SSH user's home, where nohup writes and from which relative paths are read (root's differs). */
export async function homeOf(shell: TowerShell): Promise<string> {
  const result = await execCollect(shell.session, ['pwd'], { signal: shell.signal, timeoutMs: 20_000 });
  const home = result.stdout[0]?.trim();
  if (result.exitCode !== 0 || !home?.startsWith('/')) throw new AppFailure(appError('step_failed', text('smartx.ssh.noHome', { host: shell.session.label })));
  return home;
}

/** Replaces a file as root with `lines` (a printf of quoted words: nothing from the plan is interpreted by the shell). */
export async function writeFileAsRoot(shell: TowerShell, path: string, lines: string[], what: TextParam): Promise<void> {
  await runAsRoot(shell, `printf '%s\\n' ${lines.map(quoteWord).join(' ')} > ${quoteWord(path)}`, what);
}

export async function fileExists(shell: TowerShell, path: string): Promise<boolean> {
  const result = await execCollect(shell.session, ['test', '-f', path], { signal: shell.signal, timeoutMs: 20_000 });
  return result.exitCode === 0;
}
