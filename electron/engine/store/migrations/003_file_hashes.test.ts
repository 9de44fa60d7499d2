import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../storeTestKit';
import { migrateTo, userVersion } from './index';

const temp = makeTempDir('migration-003');
afterAll(() => temp.remove());

describe('migration 003 (file hashes)', () => {
  it('upgrades a version 2 file with data, keeps the data and adds file_hashes', () => {
    const file = temp.file('v2.sqlite');
    const v2 = new Database(file);
    v2.pragma('journal_mode = WAL');
    migrateTo(v2, 2);
    v2.exec(`INSERT INTO reservations VALUES ('e', 'vmid', '100', 'r', 's', 6)`);
    v2.close();

    const db = new Database(file);
    expect(migrateTo(db, 3)).toEqual([3]);
    expect(userVersion(db)).toBe(3);
    expect(db.prepare('SELECT value FROM reservations').pluck().all()).toEqual(['100']);
    const columns = (db.pragma('table_info(file_hashes)') as { name: string }[]).map((column) => column.name);
    expect(columns).toEqual(['path', 'algorithm', 'size', 'mtime_ms', 'digest', 'hashed_at']);
    db.exec(`INSERT INTO file_hashes VALUES ('/a.iso', 'sha256', 1, 2.5, 'ab', 3)`);
    expect(() => db.exec(`INSERT INTO file_hashes VALUES ('/a.iso', 'sha256', 9, 9, 'cd', 9)`)).toThrow(/UNIQUE/);
    db.close();
  });
});
