import { AppFailure, toAppError } from '../../../shared/errors';
import type { TextRef } from '../../../shared/i18n/engineText';
import type { RetryPolicy } from '../runner/types';
import { cancelledFailure, retryDelayMs, sleep } from '../net/backoff';

export const defaultUploadRetry: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000, jitter: 0.2 };

export function cancelled(what: TextRef): AppFailure {
  return cancelledFailure(what);
}

/** Whatever a target threw, as an AppFailure; anything after the caller's abort is a cancellation. */
export function asFailure(error: unknown, signal: AbortSignal | undefined, what: TextRef): AppFailure {
  if (signal?.aborted) return error instanceof AppFailure && error.appError.code === 'cancelled' ? error : cancelled(what);
  if (error instanceof AppFailure) return error;
  return new AppFailure(toAppError(error), { cause: error });
}

export function shouldRetry(failure: AppFailure, attempt: number, policy: RetryPolicy, isRetryable?: (failure: AppFailure) => boolean): boolean {
  if (failure.appError.code === 'cancelled' || attempt >= policy.maxAttempts) return false;
  return isRetryable ? isRetryable(failure) : failure.appError.retryable;
}

/** Waits the policy's backoff after failed attempt `attempt`, telling `onRetry` first. */
export async function backOff(
  failure: AppFailure,
  attempt: number,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  what: TextRef,
  onRetry?: (failure: AppFailure, nextAttempt: number, delayMs: number) => void,
): Promise<void> {
  const delay = retryDelayMs(policy, attempt);
  onRetry?.(failure, attempt + 1, delay);
  await sleep(delay, signal, what);
}

/** An AbortController that also aborts when `parent` does; `dispose` unhooks it. */
export function childController(parent: AbortSignal | undefined): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  const handleAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', handleAbort, { once: true });
  return { controller, dispose: () => parent?.removeEventListener('abort', handleAbort) };
}
