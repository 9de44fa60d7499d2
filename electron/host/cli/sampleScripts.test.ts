import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSnapshot } from '../../../shared/runModel';
import { runCli } from './cliTestKit';
import { projectRoot } from './paths';

const home = mkdtempSync(join(tmpdir(), 'rp-cli-scripts-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const sample = join(projectRoot, 'assets/sample-plan/sample-plan.en.xlsx');

interface ReportJson {
  run: RunSnapshot;
}

describe('the sample plan rehearsed from the CLI', () => {
  it("runs its script on every VM that names it over the lab's SSH, with the script's output in the step's log", async () => {
    const deploy = runCli(home, ['deploy', sample, '--lab', '--json']);
    expect(deploy.code, deploy.stderr).toBe(0);
    const runId = (JSON.parse(deploy.stdout.split('\n')[0]!) as { runId: string }).runId;

    const report = runCli(home, ['report', runId, '--json']);
    expect(report.code, report.stderr).toBe(0);
    const { run } = JSON.parse(report.stdout) as ReportJson;
    const vms = run.steps.filter((step) => step.id.startsWith('vm.create:')).map((step) => step.target).sort();
    const scripts = run.steps.filter((step) => step.kind === 'script');
    // The sample's VMs each name the `hello` script: one succeeded step per VM and script.
    expect(scripts.map((step) => step.id).sort()).toEqual(vms.map((vm) => `script:${vm}/hello`).sort());
    expect(new Set(scripts.map((step) => step.state))).toEqual(new Set(['succeeded']));

    // Its output is in the step's own log lines (the JSON event stream carries them).
    const lines = deploy.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { type: string; lines?: Array<{ stepId: string | null; text: string }> })
      .flatMap((event) => (event.type === 'log' ? (event.lines ?? []) : []));
    for (const step of scripts) {
      const own = lines.filter((line) => line.stepId === step.id).map((line) => line.text);
      expect(own, step.id).toContain('hello from Rackpilot');
    }
  }, 120_000);
});
