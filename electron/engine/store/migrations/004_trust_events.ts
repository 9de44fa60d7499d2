import type { Migration } from './types';

/**
 * The audit trail of trust: every pin added, revoked or replaced, with the
 * fingerprints removed and the one added. Kept apart from trust_pins so a
 * revoked pin's history survives it. Fingerprints are public facts, never
 * secrets, so they may be stored and shown.
 */
export const trustEvents: Migration = {
  version: 4,
  name: 'trust_events',
  up(db) {
    db.exec(`
      CREATE TABLE trust_events (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('pinned', 'revoked', 'replaced')),
        kind TEXT NOT NULL CHECK (kind IN ('tls', 'ssh')),
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        removed TEXT NOT NULL DEFAULT '[]',
        added TEXT
      );
    `);
  },
};
