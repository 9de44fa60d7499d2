import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../storeTestKit';
import { storeApplicationId } from './001_initial';
import { migrateTo, userVersion } from './index';

const temp = makeTempDir('migration-001');
afterAll(() => temp.remove());

const tables = (db: Database.Database) =>
  db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
const columns = (db: Database.Database, table: string) =>
  (db.pragma(`table_info(${table})`) as { name: string }[]).map((column) => column.name);

describe('migration 001 (initial)', () => {
  it('brings an empty database to version 1 with the run tables', () => {
    const db = new Database(temp.file('empty.sqlite'));
    db.pragma('foreign_keys = ON');
    expect(migrateTo(db, 1)).toEqual([1]);
    expect(userVersion(db)).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(storeApplicationId);
    expect(tables(db)).toEqual(['artifacts', 'events', 'log_lines', 'runs', 'steps', 'trust_pins']);
    expect(columns(db, 'runs')).toEqual([
      'id', 'plan_name', 'environment', 'state', 'created_at', 'started_at', 'ended_at', 'source_json', 'error_json', 'last_seq',
    ]);
    expect(columns(db, 'log_lines')).toEqual(['run_id', 'seq', 'step_id', 'level', 'at', 'text']);
    expect(migrateTo(db, 1)).toEqual([]);
    db.close();
  });

  it('enforces the keys the store relies on', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrateTo(db, 1);
    expect(() => db.exec(`INSERT INTO log_lines VALUES ('ghost', 1, NULL, 'info', 0, 'x')`)).toThrow(/FOREIGN KEY/);
    db.exec(`INSERT INTO runs (id, plan_name, environment, state, created_at) VALUES ('r', 'p', 'e', 'pending', 0)`);
    db.exec(`INSERT INTO events VALUES ('r', 1, 'run.state', '{}', 0)`);
    expect(() => db.exec(`INSERT INTO events VALUES ('r', 1, 'run.state', '{}', 0)`)).toThrow(/UNIQUE|PRIMARY/);
    db.exec(`INSERT INTO trust_pins (kind, host, port, fingerprint, created_at) VALUES ('tls', 'h', 1, 'f', 0)`);
    expect(() => db.exec(`INSERT INTO trust_pins (kind, host, port, fingerprint, created_at) VALUES ('tls', 'h', 1, 'f', 0)`)).toThrow(/UNIQUE/);
    expect(() => db.exec(`INSERT INTO trust_pins (kind, host, port, fingerprint, created_at) VALUES ('ftp', 'h', 1, 'f', 0)`)).toThrow(/CHECK/);
    db.close();
  });

  it('rolls back completely when it fails halfway', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE artifacts (x)'); // collides with a table 001 creates after others
    expect(() => migrateTo(db, 1)).toThrow(/artifacts/);
    expect(userVersion(db)).toBe(0);
    expect(tables(db)).toEqual(['artifacts']);
    db.close();
  });
});
