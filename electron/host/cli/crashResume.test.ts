import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../shared/runModel';
import { createEngineService } from '../../engine/service/engineService';
import { call, followRun } from './followRun';
import { projectRoot } from './paths';

const dataDir = mkdtempSync(join(tmpdir(), 'rp-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts a demo deploy in a child process and SIGKILLs it once `enough` steps have succeeded. */
async function deployAndKill(enough: number) {
  const child = spawn(process.execPath, [join(projectRoot, 'bin/rackpilot.mjs'), 'deploy', '--demo', '--json', '--targets', '4', '--step-ms', '400', '--log-lines', '40'], {
    env: { ...process.env, RACKPILOT_HOME: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let runId = '';
  const succeeded: string[] = [];
  const logSeqs: number[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    const message = JSON.parse(line) as EngineEvent | { type: 'run.started'; runId: string };
    if (message.type === 'run.started') runId = message.runId;
    if (message.type === 'step.state' && message.state === 'succeeded') succeeded.push(message.stepId);
    if (message.type === 'log') logSeqs.push(...message.lines.map((logLine) => logLine.seq));
    if (succeeded.length >= enough) {
      child.kill('SIGKILL');
      break;
    }
  }
  await new Promise((resolve) => child.once('exit', resolve));
  return { runId, succeeded, logSeqs };
}

describe('a run survives the engine being killed', () => {
  it('resumes without rerunning succeeded steps and without losing written log lines', async () => {
    const killed = await deployAndKill(3);
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
