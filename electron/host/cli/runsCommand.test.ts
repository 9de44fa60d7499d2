import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../engine/store';
import { sampleRun, sampleSteps } from '../../engine/store/storeTestKit';
import { projectRoot } from './paths';

const home = mkdtempSync(join(tmpdir(), 'rp-cli-runs-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

/* Two finished rehearsals: one that made everything, one that found everything already in the lab. */
beforeAll(() => {
  const store = openStore(join(home, 'rackpilot.db'));
  try {
    const [upload, ...vms] = sampleSteps().map((step) => step.id);
    store.createRun(sampleRun('run-made', { environment: 'lab:pve-lab', createdAt: 1_000 }), sampleSteps());
    store.commit('run-made', { run: { state: 'succeeded', startedAt: 1_000, endedAt: 2_000 }, steps: { [upload!]: { state: 'adopted' }, ...Object.fromEntries(vms.map((id) => [id, { state: 'succeeded' }])) }, events: [] });
    store.createRun(sampleRun('run-found', { environment: 'lab:pve-lab', createdAt: 3_000 }), sampleSteps());
    store.commit('run-found', { run: { state: 'succeeded', startedAt: 3_000, endedAt: 4_000 }, steps: Object.fromEntries(sampleSteps().map((step) => [step.id, { state: 'adopted' }])), events: [] });
  } finally {
    store.close();
  }
});

function rackpilot(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/rackpilot.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, RACKPILOT_HOME: home },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('runs and report tell steps that ran from steps found already done', () => {
  it('runs --json carries both counts for every run', () => {
    const result = rackpilot('runs', '--json');
    expect(result.code, result.stderr).toBe(0);
    const { runs } = JSON.parse(result.stdout) as { runs: Array<{ id: string; stepCounts: Record<string, number> }> };
    const byId = Object.fromEntries(runs.map((run) => [run.id, run.stepCounts]));
    expect(byId['run-made']).toMatchObject({ succeeded: 2, adopted: 1 });
    expect(byId['run-found']).toMatchObject({ succeeded: 0, adopted: 3 });
  });

  it('report --json carries the counts and each step as adopted', () => {
    const result = rackpilot('report', 'run-found', '--json');
    expect(result.code, result.stderr).toBe(0);
    const { run } = JSON.parse(result.stdout) as { run: { stepCounts: Record<string, number>; steps: Array<{ state: string }> } };
    expect(run.stepCounts).toMatchObject({ succeeded: 0, adopted: 3 });
    expect(run.steps.map((step) => step.state)).toEqual(['adopted', 'adopted', 'adopted']);
  });

  it('says in plain words when a run created nothing', () => {
    const listed = rackpilot('runs');
    expect(listed.stdout.split('\n').find((line) => line.startsWith('run-found'))).toContain('Nothing was created: all 3 steps were already done in the lab.');
    expect(listed.stdout.split('\n').find((line) => line.startsWith('run-made'))).not.toContain('Nothing was created');
    expect(rackpilot('report', 'run-made').stdout).toContain('2 of 3 steps ran, 1 already done in the lab.');
  });

  it('says runs and a report in the language of --lang', () => {
    const listed = rackpilot('runs', '--lang', 'zh');
    expect(listed.stdout.split('\n').find((line) => line.startsWith('run-found'))).toContain('未创建任何内容：全部 3 个步骤已在实验环境中完成。');
    const report = rackpilot('report', 'run-made', '--lang', 'es').stdout;
    expect(report).toContain('Se ejecutaron 2 de 3 pasos, 1 ya hechos en el laboratorio.');
    expect(report).not.toContain('steps ran');
  });
});
