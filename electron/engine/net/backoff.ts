import { AppFailure, appError } from '../../../shared/errors';
import { text, type TextRef } from '../../../shared/i18n/engineText';
import { backoffDelay } from '../runner/backoff';
import type { RetryPolicy } from '../runner/types';

/** The runner's backoff (exponential with jitter), so HTTP retries and step retries space out the same way. */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random: () => number = Math.random): number {
  return backoffDelay(policy, failedAttempt, random);
}

/** `what` is catalogue text (`The upload of x.iso`), or a platform's own words (`GET /api2/json/version`). */
export function cancelledFailure(what: string | TextRef): AppFailure {
  return new AppFailure(appError('cancelled', text('net.cancelled', { what })));
}

/** Waits, or rejects with a 'cancelled' AppFailure as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, what: string | TextRef = text('net.what.retryWait')): Promise<void> {
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
