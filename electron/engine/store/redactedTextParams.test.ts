import { readFileSync, existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { clauses, say, sentences, text, type TextParam, type TextRef } from '../../../shared/i18n/engineText';
import { Redactor, redactionMarker } from '../util/redactor';
import { openStore } from './openStore';
import type { RunStore } from './runStore';
import { makeTempDir, sampleRun, sampleSteps } from './storeTestKit';

/*
 * Catalogue text keeps a platform's words as parameters (migration 007's
 * text_ref_json), so a secret a platform echoes sits in a TextRef's params,
 * maybe inside a nested TextRef or a list. The store must hide it there as
 * it hides it in the English: in the SQLite file (its WAL included, read as
 * bytes, as anyone who copies the data folder would) and in what it hands back.
 */

const temp = makeTempDir('redacted-text-params');
afterAll(() => temp.remove());

const secret = 'pw-Zq8"Kx/31';
// What would be left of the secret in any form the file could hold it: as it is, JSON-escaped, or cut mid-way.
const fragments = ['Zq8', 'Kx/31', 'Kx\\/31'];

/** The main file and its WAL, as bytes, while the store still has them open. */
function fileBytes(file: string): string {
  return [file, `${file}-wal`]
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('utf8'))
    .join('\n');
}

function expectNoSecret(what: string, said: string): void {
  for (const fragment of fragments) expect(said.includes(fragment), `${what} holds ${fragment}`).toBe(false);
}

/** A TextRef nested `depth` times, the secret at the bottom beside a list: deeper than any real message. */
function nested(depth: number): TextRef {
  let ref: TextParam = clauses([`token ${secret}`, text('error.http.answered', { where: `https://root:${secret}@pve1:8006`, status: 401, method: 'POST', path: '/api2/json/access/ticket' })]);
  for (let level = 0; level < depth; level++) ref = text('error.stepFailed', { step: `vm.clone:web-${level}`, message: [ref] });
  return ref as TextRef;
}

function storeWithSecret(file: string): RunStore {
  const redactor = new Redactor();
  redactor.add(secret);
  const store = openStore(file, { redactor });
  store.createRun(sampleRun('r1'), sampleSteps());
  return store;
}

describe('the store redacts catalogue text parameters', () => {
  const stepError = () =>
    appError('step_failed', text('error.stepFailed', { step: 'vm.clone:web-01', message: sentences(text('error.http.refused', { where: 'pve1:8006', status: 401, method: 'POST', path: `/access/ticket?password=${secret}` }), `PVE said: bad password ${secret}`) }), {
      hint: clauses([text('error.http.refusedHint'), `tried ${secret}`]),
      detail: `body: password=${secret}`,
    });

  it('in a step error, its hint, an event and a log line with nested and list parameters: not in the file, its WAL or what it hands back', () => {
    const file = temp.file('params.sqlite');
    const store = storeWithSecret(file);
    const error = stepError();
    // The English carries the secret too: the test is about the TextRefs beside it.
    expect(JSON.stringify(error.text)).toContain('Zq8');
    expect(JSON.stringify(error.hintText)).toContain('Zq8');
    const events = store.commit('r1', {
      steps: { 'vm.clone:web-01': { state: 'failed', error } },
      events: [{ type: 'step.state', at: 2, stepId: 'vm.clone:web-01', state: 'failed', attempt: 1, error }],
    });
    const lineRef = nested(3);
    const lines = store.appendLogLines([{ runId: 'r1', stepId: 'vm.clone:web-01', level: 'error', at: 3, text: say('en', lineRef), textRef: lineRef }]);

    const onDisk = fileBytes(file);
    // The rows are there (the check reads real bytes), the secret is not.
    expect(onDisk).toContain('error.http.refused');
    expect(onDisk).toContain(redactionMarker);
    expectNoSecret('the SQLite file and its WAL', onDisk);

    expectNoSecret('the events commit hands back', JSON.stringify(events));
    expectNoSecret('the log lines it hands back', JSON.stringify([...lines.values()]));
    const readBack = {
      steps: store.getSteps('r1'),
      events: store.getEventsAfter('r1', 0, 100),
      lines: store.getLogLines('r1', { limit: 100 }).lines,
    };
    expectNoSecret('what it reads back', JSON.stringify(readBack));

    // Redaction keeps the text whole: the keys, the structure and the platform's other words stay, so a reader still says it.
    const stored = readBack.steps.find((step) => step.id === 'vm.clone:web-01')!.error!;
    expect(stored.text?.key).toBe('error.stepFailed');
    expect(say('zh', stored.text!)).toContain(`PVE said: bad password ${redactionMarker}`);
    expect(say('en', stored.hintText!)).toBe(`Check the user name and password or API token.; tried ${redactionMarker}`);
    const line = readBack.lines[0]!;
    expect(line.textRef).toBeDefined();
    expect(say('en', line.textRef!)).toBe(line.text);
    expect(say('zh', line.textRef!)).toContain(`https://root:${redactionMarker}@pve1:8006`);
    store.close();

    // Closed: the WAL is checkpointed into the file, which still holds no secret.
    expectNoSecret('the SQLite file after close', fileBytes(file));
  });

  it('however deep the parameters nest', () => {
    const file = temp.file('deep.sqlite');
    const store = storeWithSecret(file);
    const deep = nested(40);
    const error = appError('step_failed', deep, { hint: deep });
    const events = store.commit('r1', { steps: { 'vm.clone:web-02': { state: 'failed', error } }, events: [{ type: 'step.state', at: 2, stepId: 'vm.clone:web-02', state: 'failed', attempt: 1, error }] });
    const lines = store.appendLogLines([{ runId: 'r1', stepId: null, level: 'warn', at: 3, text: 'deep', textRef: deep }]);
    expectNoSecret('the SQLite file and its WAL', fileBytes(file));
    expectNoSecret('what it hands back', JSON.stringify([events, [...lines.values()]]));
    expectNoSecret('what it reads back', JSON.stringify([store.getSteps('r1'), store.getLogLines('r1', { limit: 10 }).lines]));
    store.close();
    expectNoSecret('the SQLite file after close', fileBytes(file));
  });
});
