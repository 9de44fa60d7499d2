import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../shared/contract/channels';
import { dispatch } from '../../../shared/contract/dispatch';
import { createEngineService } from './engineService';
import type { EngineService } from './types';

let engine: EngineService | null = null;
let dataDir = '';

afterEach(async () => {
  await engine?.close();
  engine = null;
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(channel: ChannelName, payload: unknown) {
  return dispatch(engine!.handlers, channel, payload);
}

describe('run:results', () => {
  it('gives one item per step of the run, named by its step id, in the step order of run:get', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rp-results-'));
    engine = await createEngineService({ dataDir, host: 'cli', version: 'test' });
    const started = await call('run:start', { source: { kind: 'demo', targets: 2, stepMs: 10, logLinesPerStep: 1 } });
    if (!started.ok) throw new Error(started.error.title);
    const { runId } = started.value as { runId: string };
    let run: { state: string; steps: { id: string; state: string }[] } | null = null;
    for (let i = 0; i < 400; i++) {
      const reply = await call('run:get', { runId });
      if (reply.ok && (reply.value as { state: string }).state === 'succeeded') {
        run = reply.value as typeof run;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(run).not.toBeNull();
    const results = await call('run:results', { runId });
    if (!results.ok) throw new Error(results.error.title);
    const { items } = results.value as { items: { stepId: string; status: string; fields: Record<string, string> }[] };
    expect(items.map((item) => [item.stepId, item.status])).toEqual(run!.steps.map((step) => [step.id, step.state]));
    for (const item of items) expect(Object.values(item.fields).every((value) => typeof value === 'string')).toBe(true);
  });

  it('names the run it does not know', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rp-results-'));
    engine = await createEngineService({ dataDir, host: 'cli', version: 'test' });
    const reply = await call('run:results', { runId: 'no-such-run' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('not_found');
  });
});
