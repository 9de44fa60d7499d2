import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LogLines } from '../logLines';
import { RunRecords } from '../runs';
import { makeTempDir, sampleRun } from '../storeTestKit';
import { latestVersion, migrateTo, userVersion } from './index';

const temp = makeTempDir('migration-007');
afterAll(() => temp.remove());

describe('migration 007 (log text references)', () => {
  it('keeps older lines as they were said, and stores the catalogue text of new ones next to their English', () => {
    const file = temp.file('v6.sqlite');
    const v6 = new Database(file);
    migrateTo(v6, 6);
    new RunRecords(v6).createRun(sampleRun('old'), []);
    v6.exec(`INSERT INTO log_lines (run_id, seq, step_id, level, at, text) VALUES ('old', 1000, NULL, 'info', 1, 'Skipped by the user.')`);
    v6.close();

    const db = new Database(file);
    expect(migrateTo(db, 7)).toEqual([7]);
    expect(userVersion(db)).toBe(7);
    const logs = new LogLines(db);
    const [old] = logs.query('old', { limit: 100 }).lines;
    expect(old).toMatchObject({ text: 'Skipped by the user.' });
    expect(old).not.toHaveProperty('textRef');

    const ref = { key: 'log.retrying', params: { attempt: 2, error: { key: 'error.demoFailure', params: { step: 'demo.upload:vm-02' } }, delay: '300 ms' } };
    logs.append([{ runId: 'old', stepId: null, level: 'warn', at: 2, text: 'Attempt 2 failed: ...', textRef: ref }]);
    db.exec(`INSERT INTO log_lines (run_id, seq, step_id, level, at, text, text_ref_json) VALUES ('old', 2000, NULL, 'info', 3, 'kept', '{"not":"a ref"}')`);
    const lines = logs.query('old', { limit: 100 }).lines;
    expect(lines.find((line) => line.at === 2)).toMatchObject({ text: 'Attempt 2 failed: ...', textRef: ref });
    expect(lines.at(-1)).toMatchObject({ text: 'kept' });
    expect(lines.at(-1)).not.toHaveProperty('textRef');
    db.close();
  });

  it('is the last migration', () => {
    expect(latestVersion).toBe(7);
  });
});
