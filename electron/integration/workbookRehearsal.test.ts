import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../shared/contract/dispatch';
import { describeOutcome } from '../../shared/runOutcome';
import { createLabController } from '../hostShared/lab/labController';
import { useSampleRehearsal } from './sampleRehearsalKit';

const lab = createLabController();
const { dir, engine, value } = useSampleRehearsal(lab, 'rp-rehearsal-');

async function settle(runId: string) {
  for (let i = 0; i < 600; i++) {
    const run = await value('run:get', { runId });
    if (['succeeded', 'failed', 'cancelled'].includes(run.state)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the rehearsal did not finish');
}

describe('rehearsing the sample plan on the lab', () => {
  it('deploys every VM, then writes the results back into a copy of the workbook', async () => {
    const workbook = join(dir, 'site', 'sample-plan.en.xlsx');
    const { runId } = await value('run:start', { source: { kind: 'workbook', path: workbook, lab: true } });
    const run = await settle(runId);
    const failed = run.steps.filter((step: any) => step.state !== 'succeeded').map((step: any) => `${step.id}: ${step.error?.title}`);
    expect(failed).toEqual([]);
    expect(run.steps.filter((step: any) => step.id.startsWith('vm.create:'))).toHaveLength(10);
    expect(run.steps.filter((step: any) => step.kind === 'script').map((step: any) => step.id)).toContain('script:web-01/hello');
    expect(run.steps.filter((step: any) => step.kind === 'script')).toHaveLength(10);

    const logs = await value('run:logs', { runId, limit: 50_000 });
    const helloLines = logs.lines.filter((line: any) => line.stepId === 'script:db-02/hello').map((line: any) => line.text);
    expect(helloLines).toEqual(expect.arrayContaining(['hello from Rackpilot', 'the VM answers over SSH']));
    expect(JSON.stringify(logs)).not.toContain('lab-placeholder');

    const { path } = await value('plan:writeResults', { runId });
    expect(path).toBe(join(dir, 'site', `sample-plan.en.results-${runId}.xlsx`));
    const script = [
      'import openpyxl, sys, json',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'ws = wb["Results"]',
      'rows = [[c.value for c in r] for r in ws.iter_rows()]',
      'print(json.dumps({"sheets": wb.sheetnames, "rows": rows}, default=str))',
    ].join('\n');
    const read = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' })) as { sheets: string[]; rows: unknown[][] };
    expect(read.sheets).toEqual(expect.arrayContaining(['VMs', 'Results', 'Findings']));
    const text = JSON.stringify(read.rows);
    expect(text).toContain(runId);
    for (const vm of ['web-01', 'db-02', 'win-app-02']) expect(text).toContain(vm);
    const vmRows = read.rows.filter((row) => row.some((cell) => typeof cell === 'string' && /^(web|db|app|win-app|mon|bastion)-0\d$/.test(cell)));
    // One row per VM and one per VM's script (the sample's VMs each run hello).
    expect(vmRows).toHaveLength(20);
  });

  it('rehearses again on a fresh lab, never under a running rehearsal, and adopts everything when asked to continue in it', async () => {
    const source = { kind: 'workbook', path: join(dir, 'site', 'sample-plan.en.xlsx'), lab: true };
    // Whatever ran before, the lab now holds every VM of the plan.
    expect((await settle((await value('run:start', { source, labMode: 'continue' })).runId)).state).toBe('succeeded');

    const { runId } = await value('run:start', { source });
    const refused = await dispatch(engine().handlers, 'run:start', { source });
    expect(refused).toMatchObject({ ok: false, error: { code: 'run_active' } });

    const fresh = await settle(runId);
    expect(fresh.steps.filter((step: any) => step.state !== 'succeeded').map((step: any) => `${step.id}: ${step.state}`)).toEqual([]);
    expect(fresh.steps.filter((step: any) => step.id.startsWith('vm.create:'))).toHaveLength(10);

    const continued = await settle((await value('run:start', { source, labMode: 'continue' })).runId);
    expect(continued.state).toBe('succeeded');
    // Scripts cannot tell whether they have had their effect: they run again, everything else is adopted.
    expect(continued.stepCounts).toMatchObject({ adopted: 11, succeeded: 10 });
    const [listed] = await value('run:list', { limit: 1 });
    expect(listed.id).toBe(continued.id);
    expect(describeOutcome(listed)).not.toContain('Nothing was created');
  });

  it('takes a lab mode only for a lab rehearsal', async () => {
    const source = { kind: 'workbook', path: join(dir, 'site', 'sample-plan.en.xlsx') };
    expect(await dispatch(engine().handlers, 'run:start', { source, labMode: 'fresh' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
