import { AppFailure, appError } from '../../../shared/errors';
import { text, type TextRef } from '../../../shared/i18n/engineText';

interface SqliteLikeError {
  code?: unknown;
  message?: unknown;
}

function sqliteCode(cause: unknown): string | undefined {
  const code = (cause as SqliteLikeError | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

export function isForeignKeyViolation(cause: unknown): boolean {
  return sqliteCode(cause) === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export function isUniqueViolation(cause: unknown): boolean {
  const code = sqliteCode(cause);
  return code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Why a file could not be used as the store; always names the file. */
export function openFailure(file: string, cause: unknown): AppFailure {
  if (cause instanceof AppFailure) return cause;
  const code = sqliteCode(cause);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new AppFailure(
      appError('io', text('store.notAStore', { file }), {
        hint: text('store.notAStoreHint'),
        detail: messageOf(cause),
      }),
      { cause },
    );
  }
  return new AppFailure(
    appError('io', text('store.cannotOpen', { file }), {
      hint: text('store.cannotOpenHint'),
      retryable: code === 'SQLITE_BUSY',
      detail: messageOf(cause),
    }),
    { cause },
  );
}

/** A failure while using an open store; AppFailures (not_found, conflict, ...) pass through unchanged. `action` is a `store.action.*` text. */
export function useFailure(file: string, action: TextRef, cause: unknown): AppFailure {
  if (cause instanceof AppFailure) return cause;
  const code = sqliteCode(cause);
  if (code === undefined && messageOf(cause).includes('not open')) {
    return new AppFailure(appError('io', text('store.closed', { file, what: action })), { cause });
  }
  const busy = code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  return new AppFailure(
    appError('io', text(busy ? 'store.busy' : 'store.failed', { file, what: action }), {
      hint: text(busy ? 'store.busyHint' : 'store.failedHint'),
      retryable: busy,
      detail: messageOf(cause),
    }),
    { cause },
  );
}
