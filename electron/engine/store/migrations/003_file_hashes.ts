import type { Migration } from './types';

/**
 * Digests of local files (ISOs) keyed by path, size and mtime: computed once
 * (at import, the go-bag check or the first upload), so an upload sends a
 * known checksum for the server to verify and only streams. A file whose
 * size or mtime changed is simply not found, and hashed again.
 */
export const fileHashes: Migration = {
  version: 3,
  name: 'file_hashes',
  up(db) {
    db.exec(`
      CREATE TABLE file_hashes (
        path TEXT NOT NULL,
        algorithm TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        digest TEXT NOT NULL,
        hashed_at INTEGER NOT NULL,
        PRIMARY KEY (path, algorithm)
      );
    `);
  },
};
