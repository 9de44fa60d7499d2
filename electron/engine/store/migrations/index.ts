import type { Database } from 'better-sqlite3';
import { initial } from './001_initial';
import { reservations } from './002_reservations';
import { fileHashes } from './003_file_hashes';
import { trustEvents } from './004_trust_events';
import { stepTitleKeys } from './005_step_title_keys';
import { stepUndo } from './006_step_undo';
import { logTextRefs } from './007_log_text_refs';
import type { Migration } from './types';

/** In order; `version` is the position (1-based), checked by the tests. */
export const migrations: readonly Migration[] = [initial, reservations, fileHashes, trustEvents, stepTitleKeys, stepUndo, logTextRefs];

export const latestVersion = migrations.length;

export function userVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target`, one transaction per migration. The
 * transaction is IMMEDIATE and re-reads the version inside it, so two
 * processes opening the same file at once cannot apply a migration twice.
 * Returns the versions applied.
 */
export function migrateTo(db: Database, target: number = latestVersion): number[] {
  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version > target) break;
    const apply = db.transaction(() => {
      if (userVersion(db) >= migration.version) return false;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    if (apply.immediate()) applied.push(migration.version);
  }
  return applied;
}
