import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { latestVersion } from './migrations';
import { openStore } from './openStore';
import { makeTempDir, sampleRun } from './storeTestKit';

const temp = makeTempDir('openstore');
afterAll(() => temp.remove());

function openFailureOf(file: string): AppFailure {
  try {
    openStore(file).close();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error(`openStore(${file}) did not fail`);
}

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openStore', () => {
  it('creates missing folders and sets WAL, synchronous, foreign keys and a busy timeout', () => {
    const file = join(temp.dir, 'nested', 'deeper', 'runs.sqlite');
    const store = openStore(file);
    store.close();
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    db.close();
    // The connection settings are per connection: check them on the store's own.
    const reopened = openStore(file);
    const own = (reopened as unknown as { db: Database.Database }).db;
    expect(own.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(own.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(own.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    reopened.close();
  });

  it('works in memory for quick tests', () => {
    const store = openStore(':memory:');
    store.createRun(sampleRun('m'), []);
    expect(store.getRun('m')?.id).toBe('m');
    store.close();
  });

  it('refuses a file that is not a database, naming it, and leaves it alone', () => {
    const file = temp.file('notes.sqlite');
    writeFileSync(file, 'These are my notes, not a database.\n'.repeat(200));
    const before = digest(file);
    const failure = openFailureOf(file);
    expect(failure.appError.code).toBe('io');
    expect(failure.appError.title).toContain(file);
    expect(failure.appError.title).toMatch(/not a Rackpilot run store/);
    expect(digest(file)).toBe(before);
  });

  it('refuses a store from a newer schema without modifying it', () => {
    const file = temp.file('future.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE runs (id TEXT PRIMARY KEY); INSERT INTO runs VALUES (\'x\');');
    db.pragma(`user_version = ${latestVersion + 7}`);
    db.close();
    const before = digest(file);
    const failure = openFailureOf(file);
    expect(failure.appError.code).toBe('io');
    expect(failure.appError.title).toContain(file);
    expect(failure.appError.title).toContain(`schema ${latestVersion + 7}`);
    expect(digest(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("refuses another program's SQLite database instead of adding tables to it", () => {
    const file = temp.file('someone-else.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE contacts (name TEXT)');
    db.close();
    const before = digest(file);
    expect(openFailureOf(file).appError.title).toMatch(/other tables/);
    expect(digest(file)).toBe(before);

    const tagged = temp.file('tagged.sqlite');
    const other = new Database(tagged);
    other.pragma('application_id = 42');
    other.close();
    expect(openFailureOf(tagged).appError.title).toMatch(/another application/);
  });

  it('accepts an empty file as a new store', () => {
    const file = temp.file('empty.sqlite');
    writeFileSync(file, '');
    const store = openStore(file);
    store.createRun(sampleRun('e'), []);
    store.close();
    const reopened = openStore(file);
    expect(reopened.getRun('e')?.id).toBe('e');
    reopened.close();
  });

  it('reports a path it cannot create as io', () => {
    const blocker = temp.file('a-file');
    writeFileSync(blocker, 'x');
    const failure = openFailureOf(join(blocker, 'sub', 'runs.sqlite'));
    expect(failure.appError.code).toBe('io');
    expect(failure.appError.title).toContain(blocker);
  });
});
