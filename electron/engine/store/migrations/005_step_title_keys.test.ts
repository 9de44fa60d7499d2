import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { RunRecords } from '../runs';
import { makeTempDir, sampleRun } from '../storeTestKit';
import { migrateTo, userVersion } from './index';

const temp = makeTempDir('migration-005');
afterAll(() => temp.remove());

describe('migration 005 (step title keys)', () => {
  it('keeps the English titles of older steps and the rehearsal mark of older run names, and stores keys from now on', () => {
    const file = temp.file('v4.sqlite');
    const v3 = new Database(file);
    migrateTo(v3, 4);
    v3.exec(`INSERT INTO runs (id, plan_name, environment, state, created_at) VALUES ('old', 'Site (lab rehearsal)', 'lab:pve-lab', 'succeeded', 1)`);
    v3.exec(`INSERT INTO steps (run_id, step_id, ordinal, kind, title, target, deps_json, state) VALUES ('old', 'vm.create:web-01', 0, 'k', 'Create VM web-01', 'web-01', '[]', 'succeeded')`);
    v3.close();

    const db = new Database(file);
    expect(migrateTo(db, 5)).toEqual([5]);
    expect(userVersion(db)).toBe(5);
    // Today's reader needs the later migrations' columns too; they leave what 005 wrote as it was.
    migrateTo(db);
    const records = new RunRecords(db);
    const old = records.getSnapshot('old')!;
    expect(old).toMatchObject({ planName: 'Site', rehearsal: true });
    expect(old.steps[0]).toMatchObject({ title: 'Create VM web-01' });
    expect(old.steps[0]).not.toHaveProperty('titleKey');

    records.createRun(sampleRun('new'), [
      { id: 'vm.create:db-01', kind: 'k', title: 'Create VM db-01', titleKey: 'step.vm.create', titleParams: { name: 'db-01' }, target: 'db-01', deps: [], input: null },
    ]);
    const fresh = records.getSnapshot('new')!;
    expect(fresh.rehearsal).toBe(false);
    expect(fresh.steps[0]).toMatchObject({ title: 'Create VM db-01', titleKey: 'step.vm.create', titleParams: { name: 'db-01' } });
    db.close();
  });
});
