import type { Migration } from './types';

/** 'RPLT': marks the file as a Rackpilot store, so another program's database is refused instead of altered. */
export const storeApplicationId = 0x52504c54;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.pragma(`application_id = ${storeApplicationId}`);
    db.exec(`
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        plan_name TEXT NOT NULL,
        environment TEXT NOT NULL,
        state TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        ended_at INTEGER,
        source_json TEXT,
        error_json TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX runs_by_created ON runs (created_at DESC);
      CREATE INDEX runs_by_state ON runs (state, created_at DESC);
      CREATE INDEX runs_by_environment ON runs (environment, state);

      CREATE TABLE steps (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        ordinal INTEGER NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        target TEXT NOT NULL,
        deps_json TEXT NOT NULL,
        input_json TEXT,
        state TEXT NOT NULL,
        attempt INTEGER NOT NULL DEFAULT 0,
        started_at INTEGER,
        ended_at INTEGER,
        progress_json TEXT,
        error_json TEXT,
        PRIMARY KEY (run_id, step_id)
      );
      CREATE UNIQUE INDEX steps_by_ordinal ON steps (run_id, ordinal);

      -- Events and log lines are appended in key order and read by key range:
      -- clustered on the key (WITHOUT ROWID), one b-tree insert per row.
      CREATE TABLE events (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        payload_json TEXT,
        at INTEGER NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;

      CREATE TABLE log_lines (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        step_id TEXT,
        level TEXT NOT NULL,
        at INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (run_id, seq)
      ) WITHOUT ROWID;
      CREATE INDEX log_lines_by_step ON log_lines (run_id, step_id, seq);

      CREATE TABLE artifacts (
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        step_id TEXT NOT NULL,
        key TEXT NOT NULL,
        value_json TEXT,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (run_id, step_id, key)
      );

      CREATE TABLE trust_pins (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('tls', 'ssh')),
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        subject TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (kind, host, port, fingerprint)
      );
    `);
  },
};
