import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../storeTestKit';
import { migrateTo, userVersion } from './index';

const temp = makeTempDir('migration-002');
afterAll(() => temp.remove());

describe('migration 002 (reservations)', () => {
  it('brings an empty database to version 2', () => {
    const db = new Database(':memory:');
    expect(migrateTo(db, 2)).toEqual([1, 2]);
    expect(userVersion(db)).toBe(2);
    const columns = (db.pragma('table_info(reservations)') as { name: string }[]).map((column) => column.name);
    expect(columns).toEqual(['environment', 'resource_kind', 'value', 'run_id', 'step_id', 'created_at']);
    db.close();
  });

  it('upgrades a version 1 file with data and keeps the data', () => {
    const file = temp.file('v1.sqlite');
    const v1 = new Database(file);
    v1.pragma('journal_mode = WAL');
    migrateTo(v1, 1);
    v1.exec(`
      INSERT INTO runs (id, plan_name, environment, state, created_at, source_json, last_seq) VALUES ('r', 'p', 'e', 'failed', 3, '{"a":1}', 2);
      INSERT INTO steps (run_id, step_id, ordinal, kind, title, target, deps_json, state) VALUES ('r', 's', 0, 'k', 't', 'x', '[]', 'failed');
      INSERT INTO log_lines VALUES ('r', 1, 's', 'error', 4, 'boom');
      INSERT INTO trust_pins (kind, host, port, fingerprint, created_at) VALUES ('tls', 'h', 443, 'f', 5);
    `);
    v1.close();

    const db = new Database(file);
    expect(userVersion(db)).toBe(1);
    expect(migrateTo(db, 2)).toEqual([2]);
    expect(userVersion(db)).toBe(2);
    expect(db.prepare('SELECT id, source_json, last_seq FROM runs').all()).toEqual([{ id: 'r', source_json: '{"a":1}', last_seq: 2 }]);
    expect(db.prepare('SELECT text FROM log_lines').pluck().all()).toEqual(['boom']);
    expect(db.prepare('SELECT count(*) FROM steps').pluck().get()).toBe(1);
    expect(db.prepare('SELECT host FROM trust_pins').pluck().all()).toEqual(['h']);
    db.exec(`INSERT INTO reservations VALUES ('e', 'vmid', '100', 'r', 's', 6)`);
    expect(() => db.exec(`INSERT INTO reservations VALUES ('e', 'vmid', '100', NULL, NULL, 7)`)).toThrow(/UNIQUE/);
    db.close();
  });

});
