import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngineService } from '../../engine/service/engineService';
import { call, followRun } from './followRun';
import { deployAndKill } from './cliTestKit';

const dataDir = mkdtempSync(join(tmpdir(), 'rp-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a run survives the engine being killed', () => {
  it('resumes without rerunning succeeded steps and without losing written log lines', async () => {
    const killed = await deployAndKill(dataDir, 3);
    expect(killed.runId).not.toBe('');

    const engine = await createEngineService({ dataDir, host: 'cli', version: 'test' });
    try {
      const before = await call(engine, 'run:get', { runId: killed.runId });
      expect(before.state).toBe('interrupted');
      const storedSeqs = new Set((await call(engine, 'run:logs', { runId: killed.runId, limit: 50_000 })).lines.map((line) => line.seq));
      const lost = killed.logSeqs.filter((seq) => !storedSeqs.has(seq));
      expect(lost).toEqual([]);

      const rerun: string[] = [];
      await call(engine, 'run:resume', { runId: killed.runId });
      const final = await followRun(engine, killed.runId, (_snapshot, events) => {
        for (const event of events) {
          if (event.type === 'step.state' && event.state === 'running' && killed.succeeded.includes(event.stepId)) rerun.push(event.stepId);
        }
      });
      expect(final).toBe('succeeded');
      expect(rerun).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
