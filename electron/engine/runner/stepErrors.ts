import { AppFailure, appError, type AppError } from '../../../shared/errors';

/**
 * What a failed attempt threw, as an AppError. AppFailures speak for
 * themselves; anything else is an unexpected fault in a step and is
 * assumed transient (a retry costs less than a lost deployment).
 */
export function attemptError(stepId: string, cause: unknown): AppError {
  if (cause instanceof AppFailure) return cause.appError;
  const message = cause instanceof Error ? cause.message : String(cause);
  return appError('step_failed', `Step '${stepId}' failed: ${message.slice(0, 500)}`, {
    retryable: true,
    detail: message.slice(0, 20_000),
  });
}

export function hookFailureError(cause: unknown): AppFailure {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new AppFailure(
    appError('internal', 'The run was stopped because its progress could not be recorded.', {
      hint: 'Check the disk and the log; the run can be resumed once recording works again.',
      detail: message.slice(0, 20_000),
    }),
    { cause },
  );
}

export function formatDelay(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

export function timeoutError(stepId: string, timeoutMs: number): AppError {
  return appError('timeout', `Step '${stepId}' timed out after ${formatDelay(timeoutMs)}.`, {
    hint: 'The endpoint may be slow or unreachable; the step is retried if its policy allows.',
  });
}
