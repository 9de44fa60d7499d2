import type { RetryPolicy } from './types';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * The wait before the retry that follows failed attempt `failedAttempt`
 * (1-based within the current round of attempts): min(max, base·2^(n-1)),
 * of which the `jitter` share is scaled by `random()` so that steps failing
 * together (an endpoint restarting) do not retry in lockstep. The result
 * never exceeds maxDelayMs.
 */
export function backoffDelay(policy: RetryPolicy, failedAttempt: number, random: () => number): number {
  const exponent = Math.max(0, failedAttempt - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  const share = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * (1 - jitter) + ceiling * jitter * share);
}

/** A timer that rejects with the signal's reason as soon as the signal aborts. */
export const abortableSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const handleAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', handleAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', handleAbort, { once: true });
  });
