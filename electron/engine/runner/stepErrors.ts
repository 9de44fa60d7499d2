import { AppFailure, appError, type AppError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

import { clipRedacted, type TextRedactor } from '../util/redactor';

const maxTitleMessage = 500;
const maxDetail = 20_000;

/**
 * What a failed attempt threw, as an AppError. AppFailures speak for
 * themselves; anything else is an unexpected fault in a step and is
 * assumed transient (a retry costs less than a lost deployment). The message
 * is redacted before it is cut: a secret cut in half would otherwise leave
 * its first part behind, which no later redaction recognises.
 */
export function attemptError(stepId: string, cause: unknown, redactor: TextRedactor): AppError {
  if (cause instanceof AppFailure) return cause.appError;
  const message = cause instanceof Error ? cause.message : String(cause);
  return appError('step_failed', text('error.stepFailed', { step: stepId, message: clipRedacted(message, maxTitleMessage, redactor) }), {
    retryable: true,
    detail: clipRedacted(message, maxDetail, redactor),
  });
}

export function hookFailureError(cause: unknown, redactor: TextRedactor): AppFailure {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new AppFailure(
    appError('internal', text('error.notRecorded'), {
      hint: text('error.notRecordedHint'),
      detail: clipRedacted(message, maxDetail, redactor),
    }),
    { cause },
  );
}

export function formatDelay(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

export function timeoutError(stepId: string, timeoutMs: number): AppError {
  return appError('timeout', text('error.stepTimeout', { step: stepId, delay: formatDelay(timeoutMs) }), {
    hint: text('error.stepTimeoutHint'),
  });
}
