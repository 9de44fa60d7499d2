import { AppFailure, appError } from '../../../shared/errors';
import type { RetryPolicy } from '../runner/types';

/** min(max, base·2^(n-1)) with the policy's share randomised, so clients failing together do not retry in lockstep. */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(ceiling * (1 - jitter) + ceiling * jitter * Math.min(1, Math.max(0, random())));
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
