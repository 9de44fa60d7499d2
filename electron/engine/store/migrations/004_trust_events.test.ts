import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../storeTestKit';
import { migrateTo, userVersion } from './index';

const temp = makeTempDir('migration-004');
afterAll(() => temp.remove());

describe('migration 004 (trust events)', () => {
  it('upgrades a version 3 file with pins, keeps them and adds trust_events', () => {
    const file = temp.file('v3.sqlite');
    const v3 = new Database(file);
    v3.pragma('journal_mode = WAL');
    migrateTo(v3, 3);
    v3.exec(`INSERT INTO trust_pins (kind, host, port, fingerprint, subject, created_at) VALUES ('tls', 'pve1', 8006, 'AB', NULL, 1)`);
    v3.close();

    const db = new Database(file);
    expect(migrateTo(db, 4)).toEqual([4]);
    expect(userVersion(db)).toBe(4);
    expect(db.prepare('SELECT fingerprint FROM trust_pins').pluck().all()).toEqual(['AB']);
    const columns = (db.pragma('table_info(trust_events)') as { name: string }[]).map((column) => column.name);
    expect(columns).toEqual(['id', 'at', 'action', 'kind', 'host', 'port', 'removed', 'added']);
    expect(() => db.exec(`INSERT INTO trust_events (at, action, kind, host, port) VALUES (1, 'trusted', 'tls', 'h', 1)`)).toThrow(/CHECK/);
    db.close();
  });

});
