import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { EventLog } from '../eventLog';
import { RunRecords } from '../runs';
import { makeTempDir, sampleRun } from '../storeTestKit';
import { latestVersion, migrateTo, migrations, userVersion } from './index';

const temp = makeTempDir('migration-006');
afterAll(() => temp.remove());

describe('migration 006 (step undo)', () => {
  it('reads older steps as untouched by a rollback and keeps what a rollback records from now on', () => {
    const file = temp.file('v5.sqlite');
    const v5 = new Database(file);
    migrateTo(v5, 5);
    v5.exec(`INSERT INTO runs (id, plan_name, environment, state, created_at) VALUES ('old', 'Site', 'proxmox:pve1', 'failed', 1)`);
    v5.exec(`INSERT INTO steps (run_id, step_id, ordinal, kind, title, target, deps_json, state, attempt) VALUES ('old', 'vm.create:web-01', 0, 'k', 'Create VM web-01', 'web-01', '[]', 'succeeded', 1)`);
    v5.close();

    const db = new Database(file);
    expect(migrateTo(db, 6)).toEqual([6]);
    expect(userVersion(db)).toBe(6);
    const records = new RunRecords(db);
    expect(records.getSteps('old')[0]).not.toHaveProperty('undo');

    const undo = { state: 'failed' as const, attempt: 2, error: { code: 'network' as const, title: 'No answer.', retryable: true } };
    new EventLog(db).commit('old', { steps: { 'vm.create:web-01': { undo } }, events: [{ type: 'step.undo', at: 2, stepId: 'vm.create:web-01', undo }] });
    expect(records.getSteps('old')[0]).toMatchObject({ state: 'succeeded', attempt: 1, undo });
    records.createRun(sampleRun('new'), [{ id: 's', kind: 'k', title: 'S', target: 't', deps: [], input: null }]);
    expect(records.getSteps('new')[0]).not.toHaveProperty('undo');
    db.close();
  });

  it('comes after 005, and versions are numbered 1..N in order', () => {
    expect(migrations.map((migration) => migration.version)).toEqual(migrations.map((_, index) => index + 1));
    expect(latestVersion).toBeGreaterThanOrEqual(6);
    expect(new Set(migrations.map((migration) => migration.name)).size).toBe(migrations.length);
  });
});
