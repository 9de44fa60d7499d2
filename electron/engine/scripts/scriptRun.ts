import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { AppFailure, appError, fail, type CellRef } from '../../../shared/errors';
import { say, text, type TextParam, type TextRef } from '../../../shared/i18n/engineText';
import { whereOf, type Script, type ScriptFields } from '../../../shared/plan/model';
import type { Secret } from '../../../shared/plan/secret';
import { exec, execCollect, sftpUpload, type OnLine, type SshSession } from '../ssh';
import type { SecretRedactor } from '../net/types';

/*
 * One script on one host: its Commands on the interpreter's stdin, or — when
 * it names a File, or runs through sudo (sudo's stdin carries the password) —
 * uploaded by SFTP into a fresh private folder and run from there. Nothing
 * from the plan is pasted into a shell string: the command is an argv.
 */

/** How many of the last output lines a failure quotes. */
export const tailLines = 20;

const interpreterWord = /^[A-Za-z0-9_./+-]+$/;

function cellOf(script: Script, field: keyof ScriptFields): { cell?: CellRef } {
  const cell = whereOf(script, field);
  return cell ? { cell } : {};
}

/** The Interpreter column as argv words (`bash`, `/usr/bin/env python3`); refused when a word is not a plain program name or flag. */
export function interpreterWords(script: Script): string[] {
  const words = script.interpreter.trim().split(/\s+/).filter(Boolean);
  const bad = words.find((word) => !interpreterWord.test(word));
  if (words.length === 0 || bad !== undefined) {
    fail('plan_invalid', text('ssh.script.badInterpreter', { script: script.name, interpreter: script.interpreter }), {
      hint: text('ssh.hint.interpreter'),
      ...cellOf(script, 'interpreter'),
    });
  }
  return words;
}

/** The flags that make an interpreter read its program from stdin. */
function stdinFlags(program: string): string[] {
  const name = program.split('/').pop()!.toLowerCase();
  if (['bash', 'sh', 'dash', 'zsh', 'ksh', 'ash'].includes(name)) return ['-s'];
  if (['powershell', 'pwsh', 'powershell.exe', 'pwsh.exe'].includes(name)) return ['-NoProfile', '-NonInteractive', '-Command', '-'];
  if (/^(python\d?(\.\d+)?|perl|ruby|node)$/.test(name)) return ['-'];
  return [];
}

export interface ScriptRunRequest {
  session: SshSession;
  script: Script;
  workbookDir: string;
  sudoPassword: Secret | null;
  signal: AbortSignal;
  onLine: OnLine;
  /** Rackpilot's own lines about the run (the copy of the script); without it they go to `onLine`, in English. */
  onNote?: (words: TextRef) => void;
  redactor: SecretRedactor;
}

async function runUploaded(request: ScriptRunRequest, words: string[], localPath: string): Promise<{ exitCode: number | null; signal: string | null }> {
  const { session, script, signal } = request;
  const made = await execCollect(session, ['mktemp', '-d', '/tmp/rackpilot.XXXXXXXX'], { signal, timeoutMs: 30_000 });
  const folder = made.stdout[0]?.trim();
  if (made.exitCode !== 0 || !folder) {
    const reason = made.stderr.join(' ') || text('ssh.script.exit', { code: String(made.exitCode) });
    fail('io', text('ssh.script.noTempFolder', { where: session.label, script: script.name, reason }));
  }
  const remote = `${folder}/${(script.file ?? script.name).split(/[\\/]/).pop()!.replace(/[^A-Za-z0-9._-]/g, '_')}`;
  try {
    const copying = text('ssh.script.copying', { what: script.file ?? text('ssh.script.theCommands', { script: script.name }), remote });
    if (request.onNote) request.onNote(copying);
    else request.onLine('stdout', say('en', copying));
    await sftpUpload(session, localPath, remote, { signal, mode: 0o700 });
    return await exec(session, [...words, remote], {
      signal,
      timeoutMs: script.timeoutSec * 1000,
      onLine: request.onLine,
      redactor: request.redactor,
      ...(script.sudo ? { sudo: request.sudoPassword ? { password: request.sudoPassword } : true } : {}),
    });
  } finally {
    await exec(session, ['rm', '-rf', '--', folder], { timeoutMs: 30_000 }).catch(() => undefined);
  }
}

/** Runs the script; resolves with its exit code (non-zero is a result, not an error). */
export async function runScript(request: ScriptRunRequest): Promise<{ exitCode: number | null; signal: string | null }> {
  const { script } = request;
  const words = interpreterWords(script);
  if (script.file) {
    const local = isAbsolute(script.file) ? script.file : resolve(request.workbookDir, script.file);
    return runUploaded(request, words, local);
  }
  const body = script.body ?? '';
  if (script.sudo) {
    // sudo reads its password on stdin, so the commands travel as a file.
    const scratch = mkdtempSync(join(tmpdir(), 'rp-script-'));
    try {
      const local = join(scratch, 'script');
      writeFileSync(local, body.endsWith('\n') ? body : `${body}\n`, { mode: 0o600 });
      return await runUploaded(request, words, local);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return exec(request.session, [...words, ...stdinFlags(words[words.length - 1]!)], {
    signal: request.signal,
    timeoutMs: script.timeoutSec * 1000,
    stdin: body.endsWith('\n') ? body : `${body}\n`,
    onLine: request.onLine,
    redactor: request.redactor,
  });
}

/** The failure of a script that ended badly, quoting its last lines. */
export function scriptFailure(script: string, where: string, result: { exitCode: number | null; signal: string | null }, tail: readonly string[]): AppFailure {
  const how: TextParam =
    result.exitCode !== null
      ? text('ssh.script.exitCode', { code: result.exitCode })
      : result.signal !== null
        ? text('ssh.script.signal', { signal: result.signal })
        : text('ssh.script.signalUnknown');
  const title = tail.length > 0 ? text('ssh.script.failed', { script, where, how, line: tail[tail.length - 1]! }) : text('ssh.script.failedNoOutput', { script, where, how });
  return new AppFailure(
    appError('step_failed', title, {
      hint: text('ssh.hint.scriptFailed'),
      retryable: true,
      ...(tail.length > 0 ? { detail: tail.join('\n') } : {}),
    }),
  );
}
