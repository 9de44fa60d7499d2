import { AppFailure, appError } from '../../../shared/errors';

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
      appError('io', `"${file}" is not a Rackpilot run store: it is not a readable SQLite database.`, {
        hint: 'Move the file aside (Rackpilot then starts a new store) or choose another data folder.',
        detail: messageOf(cause),
      }),
      { cause },
    );
  }
  return new AppFailure(
    appError('io', `The run store "${file}" could not be opened.`, {
      hint: 'Check that the data folder exists, is writable and is not on a full disk.',
      retryable: code === 'SQLITE_BUSY',
      detail: messageOf(cause),
    }),
    { cause },
  );
}

/** A failure while using an open store; AppFailures (not_found, conflict, ...) pass through unchanged. */
export function useFailure(file: string, action: string, cause: unknown): AppFailure {
  if (cause instanceof AppFailure) return cause;
  const code = sqliteCode(cause);
  if (code === undefined && messageOf(cause).includes('not open')) {
    return new AppFailure(appError('io', `The run store "${file}" is closed; cannot ${action}.`), { cause });
  }
  const busy = code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
  return new AppFailure(
    appError('io', busy ? `The run store "${file}" is busy; could not ${action}.` : `Could not ${action} in the run store "${file}".`, {
      hint: busy ? 'Another Rackpilot process is using the same data folder.' : 'Check that the disk is not full and the file is writable.',
      retryable: busy,
      detail: messageOf(cause),
    }),
    { cause },
  );
}
