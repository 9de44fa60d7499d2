import { errorWords, toAppError } from '../../../../shared/errors';
import { say, text, type TextRef } from '../../../../shared/i18n/engineText';
import { sleep } from '../../net';
import { isLockFailure, isLockMessage } from './proxmoxErrors';
import { TaskFailure } from './tasks';
import type { StepLog } from './types';

export interface LockRetryOptions {
  signal: AbortSignal;
  log: StepLog;
  /** Total attempts; default 6. */
  attempts?: number;
  /** First pause, doubled each time up to `maxDelayMs`; defaults 1 s and 8 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** A call refused or a task failed because another task holds the VM's lock. */
export function isLockError(error: unknown): boolean {
  return isLockFailure(error) || (error instanceof TaskFailure && isLockMessage(error.exitstatus));
}

/**
 * Runs `work` again while PVE answers that the VM is locked (`VM is locked
 * (clone)`, `can't lock file ... got timeout`): the holder (another clone of
 * the same template, a backup) lets go within seconds. Other errors pass through.
 */
export async function retryOnLock<T>(what: TextRef, work: () => Promise<T>, options: LockRetryOptions): Promise<T> {
  const attempts = options.attempts ?? 6;
  let delay = options.baseDelayMs ?? 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isLockError(error) || attempt >= attempts) throw error;
      options.log('warn', text('pve.lock.wait', { what, error: errorWords(toAppError(error)), delay, attempt: attempt + 1, attempts }));
      await sleep(delay, options.signal, say('en', what));
      delay = Math.min(options.maxDelayMs ?? 8000, delay * 2);
    }
  }
}
