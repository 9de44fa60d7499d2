import { z } from 'zod';
import { say } from './i18n/engineText';
import { textRefSchema, type TextRef } from './i18n/textRef';

/**
 * The closed set of failures that may cross a process boundary. Each code
 * tells the UI what the user can do about it; the title and hint say it in words.
 */
export const errorCodes = [
  'invalid_request', // a payload that does not match the contract
  'unknown_channel',
  'not_found',
  'conflict', // the request does not fit the current state (e.g. retrying a step that has not failed)
  'run_active', // another run is active for the same environment
  'cancelled',
  'timeout',
  'network',
  'auth',
  'secret_required', // a password the workbook leaves empty, not entered in Rackpilot yet: the UI asks for it
  'tls_untrusted',
  'plan_invalid',
  'workbook_unreadable',
  'step_failed',
  'io',
  'unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const cellRefSchema = z.object({
  sheet: z.string().max(200),
  cell: z.string().max(40),
});
export type CellRef = z.infer<typeof cellRefSchema>;

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  title: z.string().max(2000),
  hint: z.string().max(2000).optional(),
  retryable: z.boolean(),
  cell: cellRefSchema.optional(),
  detail: z.string().max(20_000).optional(),
  /** The title and hint as catalogue text (shared/i18n): readers say them in their language; `title`/`hint` keep the English for logs. */
  text: textRefSchema.optional(),
  hintText: textRefSchema.optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

const retryableByDefault: ReadonlySet<ErrorCode> = new Set(['network', 'timeout', 'step_failed']);

/** A title or hint: English words, or catalogue text whose English is kept next to it. */
export type ErrorWords = string | TextRef;

export function appError(
  code: ErrorCode,
  title: ErrorWords,
  extra: { hint?: ErrorWords; retryable?: boolean; cell?: CellRef; detail?: string } = {},
): AppError {
  const error: AppError = { code, title: typeof title === 'string' ? title : say('en', title), retryable: extra.retryable ?? retryableByDefault.has(code) };
  if (typeof title !== 'string') error.text = title;
  if (extra.hint !== undefined) {
    error.hint = typeof extra.hint === 'string' ? extra.hint : say('en', extra.hint);
    if (typeof extra.hint !== 'string') error.hintText = extra.hint;
  }
  if (extra.cell !== undefined) error.cell = extra.cell;
  if (extra.detail !== undefined) error.detail = extra.detail;
  return error;
}

/** Thrown inside a process; turned into its `AppError` at the boundary. */
export class AppFailure extends Error {
  readonly appError: AppError;
  constructor(error: AppError, options?: { cause?: unknown }) {
    super(error.title, options);
    this.name = 'AppFailure';
    this.appError = error;
  }
}

export function fail(code: ErrorCode, title: ErrorWords, extra?: Parameters<typeof appError>[2]): never {
  throw new AppFailure(appError(code, title, extra));
}

function isAbortError(cause: unknown): boolean {
  return cause instanceof Error && (cause.name === 'AbortError' || (cause as { code?: string }).code === 'ABORT_ERR');
}

/** Any thrown value as an AppError; unknown errors keep their message as detail, never a stack. */
export function toAppError(cause: unknown): AppError {
  if (cause instanceof AppFailure) return cause.appError;
  if (isAbortError(cause)) return appError('cancelled', { key: 'error.cancelled' });
  const message = cause instanceof Error ? cause.message : String(cause);
  return appError('internal', { key: 'error.unexpected' }, {
    hint: { key: 'error.unexpectedHint' },
    detail: message.slice(0, 20_000),
  });
}

/** An error's title as a text parameter: its catalogue text when it has one, else its English. */
export function errorWords(error: Pick<AppError, 'title' | 'text'>): TextRef | string {
  return error.text ?? error.title;
}
