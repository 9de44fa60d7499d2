import type { Database, Statement } from 'better-sqlite3';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { ArtifactEntry } from './records';
import { parseJson, toJson } from './rows';
import { isForeignKeyViolation } from './storeErrors';

/**
 * What steps created (VMIDs, upload sessions, offsets). Written through
 * immediately, outside any batch: the point is that the value is on disk
 * before the call that depends on it.
 */
export class Artifacts {
  private readonly select: Statement<[string, string, string], { value_json: string | null }>;
  private readonly selectRun: Statement<[string], { step_id: string; key: string; value_json: string | null }>;
  private readonly upsert: Statement<[string, string, string, string | null, number]>;
  private readonly remove: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.select = db.prepare('SELECT value_json FROM artifacts WHERE run_id = ? AND step_id = ? AND key = ?');
    this.selectRun = db.prepare('SELECT step_id, key, value_json FROM artifacts WHERE run_id = ? ORDER BY step_id, key');
    this.upsert = db.prepare(
      `INSERT INTO artifacts (run_id, step_id, key, value_json, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run_id, step_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare('DELETE FROM artifacts WHERE run_id = ? AND step_id = ? AND key = ?');
  }

  /** `undefined` when never set; a stored value that no longer parses reads as null. */
  get<T>(runId: string, stepId: string, key: string): T | undefined {
    const row = this.select.get(runId, stepId, key);
    return row === undefined ? undefined : (parseJson(row.value_json) as T);
  }

  /** Setting `undefined` removes the artifact, so `get` answers `undefined` again. */
  set(runId: string, stepId: string, key: string, value: unknown): void {
    if (value === undefined) {
      this.remove.run(runId, stepId, key);
      return;
    }
    const json = toJson(value, `artifact "${key}" of step "${stepId}"`);
    try {
      this.upsert.run(runId, stepId, key, json, Date.now());
    } catch (cause) {
      if (isForeignKeyViolation(cause)) fail('not_found', text('store.runNotFound', { run: runId }));
      throw cause;
    }
  }

  list(runId: string): ArtifactEntry[] {
    return this.selectRun.all(runId).map((row) => ({ stepId: row.step_id, key: row.key, value: parseJson(row.value_json) }));
  }
}
