import type { Database, Statement } from 'better-sqlite3';
import type { FileHashCache, FileHashKey } from '../transfer/types';

/** The file_hashes table: a digest is found only for the same path, algorithm, size and mtime. */
export class FileHashes implements FileHashCache {
  private readonly select: Statement<[string, string, number, number], string>;
  private readonly upsert: Statement<[string, string, number, number, string, number]>;
  private readonly remove: Statement<[string, string]>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT digest FROM file_hashes WHERE path = ? AND algorithm = ? AND size = ? AND mtime_ms = ?').pluck() as Statement<
      [string, string, number, number],
      string
    >;
    this.upsert = db.prepare(
      `INSERT INTO file_hashes (path, algorithm, size, mtime_ms, digest, hashed_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (path, algorithm) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, digest = excluded.digest, hashed_at = excluded.hashed_at`,
    );
    this.remove = db.prepare('DELETE FROM file_hashes WHERE path = ? AND algorithm = ?');
  }

  forget(key: FileHashKey): void {
    this.remove.run(key.path, key.algorithm);
  }

  lookup(key: FileHashKey): string | null {
    return this.select.get(key.path, key.algorithm, key.size, key.mtimeMs) ?? null;
  }

  remember(key: FileHashKey, digest: string): void {
    this.upsert.run(key.path, key.algorithm, key.size, key.mtimeMs, digest, Date.now());
  }
}
