import { AppFailure, type AppError } from '../../../../shared/errors';
import { say, type TextParam, type TextRef } from '../../../../shared/i18n/engineText';

/**
 * What went wrong, as a parameter of a SmartX log line or error: an
 * AppFailure's catalogue text when it has some (readers say it in their
 * language), else its message, redacted because a platform may echo a token.
 */
export function reasonOf(error: unknown, redact: (text: string) => string): TextParam {
  if (error instanceof AppFailure) return error.appError.text ?? redact(error.appError.title);
  return error instanceof Error ? redact(error.message) : String(error);
}

/** The same error under a new title (the platform's own words inside it), its English kept beside the text. */
export function retitled(error: AppError, title: TextRef): AppError {
  return { ...error, title: say('en', title), text: title };
}
