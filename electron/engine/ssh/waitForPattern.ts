import { AppFailure, appError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { sleep } from '../net/backoff';
import { exec } from './exec';
import type { SshSession } from './sessions';
import { sshCancelled } from './sshErrors';
import type { OnLine } from './types';

export interface WaitForPatternOptions {
  /** A keyword (matched literally) or a regular expression, tested on each line. */
  pattern: string | RegExp;
  /** Nothing is read before this much time has passed (the SmartX installer's log means nothing for 3 minutes). */
  graceMs?: number;
  /** From the call, grace included. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Every line of the file as it is read (the step's log). */
  onLine?: OnLine;
}

/**
 * Waits until a line of a remote file matches. `tail -F` follows the file
 * by name: it may not exist yet, may be truncated or rotated (a new file
 * under the same name), and is read from its first line, so a match
 * written before the wait started still counts.
 */
export async function waitForPattern(session: SshSession, path: string, options: WaitForPatternOptions): Promise<{ line: string }> {
  const started = Date.now();
  const caller = options.signal;
  const matches = typeof options.pattern === 'string' ? (line: string) => line.includes(options.pattern as string) : (line: string) => (options.pattern as RegExp).test(line);
  const what = typeof options.pattern === 'string' ? `"${options.pattern}"` : String(options.pattern);
  if (options.graceMs) {
    try {
      await sleep(Math.min(options.graceMs, options.timeoutMs), caller);
    } catch (error) {
      // The shared sleep names the wait in English only; the reader gets this one in their words.
      throw error instanceof AppFailure && error.appError.code === 'cancelled' ? sshCancelled(text('ssh.cancel.wait', { pattern: what, path })) : error;
    }
  }

  const found = new AbortController();
  const stop = (): void => found.abort();
  caller?.addEventListener('abort', stop, { once: true });
  let matched: string | null = null;
  try {
    const left = Math.max(1, options.timeoutMs - (Date.now() - started));
    await exec(session, ['tail', '-n', '+1', '-F', '--', path], {
      signal: found.signal,
      timeoutMs: left,
      onLine: (source, line) => {
        options.onLine?.(source, line);
        if (source === 'stdout' && matched === null && matches(line)) {
          matched = line;
          found.abort();
        }
      },
    });
  } catch (error) {
    if (matched !== null) return { line: matched };
    if (error instanceof AppFailure && error.appError.code === 'timeout') {
      const seconds = Math.round(options.timeoutMs / 1000);
      throw new AppFailure(appError('timeout', text('ssh.wait.timeout', { pattern: what, path, where: session.label, seconds }), { hint: text('ssh.hint.waitTimeout') }));
    }
    throw error;
  } finally {
    caller?.removeEventListener('abort', stop);
  }
  if (matched !== null) return { line: matched };
  throw new AppFailure(appError('step_failed', text('ssh.wait.ended', { path, where: session.label, pattern: what })));
}
