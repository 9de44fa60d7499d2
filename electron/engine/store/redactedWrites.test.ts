import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { Redactor, redactionMarker } from '../util/redactor';
import { maxLogLineLength } from './runStore';
import { openStore } from './openStore';
import { makeTempDir, sampleRun, sampleSteps } from './storeTestKit';

const temp = makeTempDir('redacted-writes');
afterAll(() => temp.remove());

const secret = 'pw-Zq8"Kx/31';

/** Every table's rows as SQLite has them, so nothing the store wrote escapes the check. */
function everyRow(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[];
    return JSON.stringify(tables.map((table) => db.prepare(`SELECT * FROM "${table}"`).all()));
  } finally {
    db.close();
  }
}

describe('the store redacts what it writes', () => {
  it('hides the secret in run text, step errors, events, log lines and artifacts, and hands back redacted events', () => {
    const file = temp.file('store.sqlite');
    const redactor = new Redactor();
    redactor.add(secret);
    const store = openStore(file, { redactor });
    store.createRun(sampleRun('r1', { planName: `Plan ${secret}` }), sampleSteps());
    const error = appError('step_failed', `login as root with ${secret} refused`, { detail: JSON.stringify({ password: secret }) });
    const events = store.commit('r1', {
      steps: { 'vm.clone:web-01': { state: 'failed', error } },
      events: [{ type: 'step.state', at: 2, stepId: 'vm.clone:web-01', state: 'failed', attempt: 1, error }],
    });
    const lines = store.appendLogLines([{ runId: 'r1', stepId: null, level: 'error', at: 3, text: `curl -u root:${secret} https://pve` }]);
    store.setArtifact('r1', 'vm.clone:web-01', 'answer', { echoed: `token ${encodeURIComponent(secret)}` });
    store.close();

    expect(JSON.stringify(events)).not.toContain('Zq8');
    expect(JSON.stringify(events)).toContain(redactionMarker);
    expect(lines.get('r1')?.[0]?.text).toBe(`curl -u root:${redactionMarker} https://pve`);
    const rows = everyRow(file);
    expect(rows).not.toContain('Zq8');
    expect(rows).toContain(redactionMarker);
  });

  it('cuts a long log line only after redacting it', () => {
    const redactor = new Redactor();
    redactor.add(secret);
    const store = openStore(':memory:', { redactor });
    store.createRun(sampleRun('r2'), sampleSteps());
    const text = `${'x'.repeat(maxLogLineLength - 5)}${secret}${'y'.repeat(100)}`;
    const stored = store.appendLogLines([{ runId: 'r2', stepId: null, level: 'info', at: 1, text }]).get('r2')?.[0]?.text ?? '';
    store.close();
    expect(stored).not.toContain('pw-Z');
    expect(stored).toMatch(/… \(\d+ characters\)$/);
  });
});
