import type { Migration } from './types';

/**
 * Values handed out per environment (VMIDs first): reserved before the call
 * that uses them, so two runs, or a run and its own resume, never pick the same.
 * No foreign key to runs: a reservation may be made before a run is recorded.
 */
export const reservations: Migration = {
  version: 2,
  name: 'reservations',
  up(db) {
    db.exec(`
      CREATE TABLE reservations (
        environment TEXT NOT NULL,
        resource_kind TEXT NOT NULL,
        value TEXT NOT NULL,
        run_id TEXT,
        step_id TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (environment, resource_kind, value)
      );
      CREATE INDEX reservations_by_run ON reservations (run_id);
    `);
  },
};
