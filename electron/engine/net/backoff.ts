import { AppFailure, appError } from '../../../shared/errors';
import { backoffDelay } from '../runner/backoff';
import type { RetryPolicy } from '../runner/types';

/** The runner's backoff (exponential with jitter), so HTTP retries and step retries space out the same way. */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  return backoffDelay(policy, failedAttempt, random);
}

export function cancelledFailure(what: string): AppFailure {
  return new AppFailure(appError('cancelled', `${what} was cancelled.`));
}

/** Waits, or rejects with a 'cancelled' AppFailure as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, what = 'The wait before a retry'): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledFailure(what));
      return;
    }
    const handleAbort = (): void => {
      clearTimeout(timer);
      reject(cancelledFailure(what));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', handleAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', handleAbort, { once: true });
  });
}
