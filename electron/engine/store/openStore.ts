import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { storeApplicationId } from './migrations/001_initial';
import { latestVersion, migrateTo, userVersion } from './migrations';
import { RunStore } from './runStore';
import { openFailure } from './storeErrors';
import type { TextRedactor } from '../util/redactor';

export interface OpenStoreOptions {
  /** Every string written passes it first (see RunStore); without one, text is stored as given (tests, tools). */
  redactor?: TextRedactor;
}

const busyTimeoutMs = 5000;

/**
 * Opens (creating when missing) the run store at `file`, or ':memory:'.
 * Throws an AppFailure with code 'io' naming the file when it cannot be used:
 * not a SQLite database, another program's database, or a schema newer than
 * this build knows (that file is left exactly as it was).
 */
export function openStore(file: string, options: OpenStoreOptions = {}): RunStore {
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory) {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (cause) {
      throw openFailure(file, cause);
    }
  }
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (cause) {
    throw openFailure(file, cause);
  }
  try {
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // Identity first: a file we refuse must not be touched, and switching to
    // WAL would already rewrite its header.
    checkIdentity(db, file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrateTo(db, latestVersion);
    return new RunStore(db, file, options.redactor);
  } catch (cause) {
    db.close();
    throw openFailure(file, cause);
  }
}

function checkIdentity(db: Database.Database, file: string): void {
  const version = userVersion(db); // the first read: fails here when the file is not a database
  if (version > latestVersion) {
    fail('io', text('store.newerSchema', { file, version, latest: latestVersion }), {
      hint: text('store.newerSchemaHint'),
    });
  }
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  if (applicationId !== 0 && applicationId !== storeApplicationId) {
    fail('io', text('store.otherApplication', { file }), {
      hint: text('store.leftUnchangedHint'),
    });
  }
  if (version === 0) {
    const tables = db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'`).pluck().get() as number;
    if (tables > 0) {
      fail('io', text('store.otherTables', { file }), {
        hint: text('store.leftUnchangedHint'),
      });
    }
  }
}
