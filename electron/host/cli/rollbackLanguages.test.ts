import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySample, readTable, setCells } from '../../../e2e/support/workbooks';
import { englishLeft } from '../../integration/englishLeft';
import { isYes } from './commands/rollback';
import { cliEntry, runCli } from './cliTestKit';

/*
 * A lab rehearsal of the sample plan whose bastion-01 fits no node (a
 * failed run that made VMs and uploaded an ISO), then read back and rolled
 * back from the CLI in Chinese and Spanish: Rackpilot's words change,
 * names, ids and places do not, and --json does not change at all.
 */
const dir = mkdtempSync(join(tmpdir(), 'rp-cli-langs-'));
const home = join(dir, 'home');
const loopback = { RACKPILOT_NETWORK_SCOPE: 'loopback' };
const cli = (args: string[]) => runCli(home, args, loopback);
let runId = '';
let secondRunId = '';
let startFailedRunId = '';
let vmNames: string[] = [];

/** A failed rehearsal of `workbook`: its run id. */
function failedRehearsal(workbook: string, env: Record<string, string> = {}): string {
  const deploy = runCli(home, ['deploy', workbook, '--lab', '--json'], { ...loopback, ...env });
  expect(deploy.code, deploy.stderr).toBe(1);
  return (JSON.parse(deploy.stdout.split('\n')[0]!) as { runId: string }).runId;
}

beforeAll(async () => {
  const workbook = await copySample(dir, 'site.xlsx');
  const vms = await readTable(workbook, 'VMs', 'Name *');
  vmNames = vms.map((vm) => vm['Name *'] ?? '').filter(Boolean);
  const bastion = vms.findIndex((vm) => vm['Name *'] === 'bastion-01') + 2;
  await setCells(workbook, [['VMs', `G${bastion}`, '900 GiB']]);
  runId = failedRehearsal(workbook);
  secondRunId = failedRehearsal(workbook);
  // Every VM fails to start on every node (so none is left), the ISO stays: a rollback with one thing to remove per step or none.
  startFailedRunId = failedRehearsal(workbook, { RACKPILOT_LAB_FAULTS: JSON.stringify([{ kind: 'taskFails', taskType: 'qmstart', count: 10_000, message: 'start failed (injected)' }]) });
}, 300_000);

/** `rackpilot ARGS` on a pseudo-terminal (util-linux's `script`, which passes its exit code on with -e), `typed` as the answer. */
function onTerminal(args: string[], typed: string) {
  const command = [process.execPath, cliEntry, ...args].map((arg) => `'${arg}'`).join(' ');
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...loopback, RACKPILOT_HOME: home }, input: typed, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout };
}
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Names the plan and the platform give (VMs, the run, the ISO, the lab's endpoint): they stay as they are in every language. */
const names = (): string[] => [runId, ...vmNames, 'tools.iso', 'pve-lab', 'Rackpilot sample site'];

describe('a failed lab rehearsal read in three languages', () => {
  it('--json of runs and report is byte-identical whatever --lang says', () => {
    for (const command of [['runs', '--json'], ['report', runId, '--json']]) {
      const [english, chinese, spanish] = ['en', 'zh', 'es'].map((lang) => cli([...command, '--lang', lang]));
      expect(english!.code).toBe(0);
      expect(chinese!.stdout).toBe(english!.stdout);
      expect(spanish!.stdout).toBe(english!.stdout);
      expect(cli(command).stdout).toBe(english!.stdout);
    }
  });

  it('runs and report in Chinese leave no English sentence; the run and step names stay', () => {
    const listed = cli(['runs', '--lang', 'zh']);
    expect(listed.stdout).toContain(runId);
    expect(listed.stdout).toContain('失败');
    const report = cli(['report', runId, '--lang', 'zh']);
    expect(report.stdout).toContain('bastion-01');
    // Durations too: `4秒`, not `4 sec`.
    expect(`${listed.stdout}${report.stdout}`).not.toMatch(/\d (ms|sec|min)\b/);
    expect(report.stdout).toMatch(/\d+秒/);
    // The platform's own words inside a step's error (what the lab answered) stay as it said them.
    expect(englishLeft(`${listed.stdout}${report.stdout}`, names())).toEqual([]);
  });

  it('runs in Spanish', () => {
    const listed = cli(['runs', '--lang', 'es']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split('\n').find((line) => line.startsWith(runId))).toContain('fallido');
  });

  it('rollback --lang zh lists and removes in Chinese, names and places as they are', () => {
    const rollback = cli(['rollback', runId, '--lang', 'zh', '--yes']);
    expect(rollback.code, rollback.stderr).toBe(0);
    const said = rollback.stdout;
    expect(said).toMatch(new RegExp(`^运行 ${runId}：失败。$`, 'm'));
    expect(said).toMatch(/^回滚将删除：$/m);
    expect(said).toMatch(/^ {2}镜像 local:iso\/tools\.iso“tools\.iso”，位于 pve-lab\/pve1 {2}（步骤 image\.upload:/m);
    for (const name of vmNames.filter((name) => name !== 'bastion-01')) expect(said).toMatch(new RegExp(`虚拟机 \\d+“${name}”，位于 pve-lab/pve\\d {2}（步骤 vm\\.create:${name}）`));
    expect(said).toMatch(/^ {2}已撤销 vm\.create:web-01$/m);
    expect(said).toMatch(/^已删除：$/m);
    expect(said).toMatch(new RegExp(`^运行 ${runId} 已回滚。$`, 'm'));
    expect(said).not.toMatch(/Rolling back|Removed:|rolled back|undone/);
    expect(englishLeft(said, names())).toEqual([]);
  });

  it('rollback --json --lang zh is the JSON it always was: stored English titles, no Chinese, the same keys', () => {
    const rollback = cli(['rollback', secondRunId, '--lang', 'zh', '--yes', '--json']);
    expect(rollback.code, rollback.stderr).toBe(0);
    const lines = rollback.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(rollback.stdout).not.toMatch(/\p{Script=Han}/u);
    const outcome = JSON.parse(lines[0]!) as { runId: string; state: string; removed: Array<{ stepId: string; title: string }>; notRemoved: unknown[] };
    expect(Object.keys(outcome).sort()).toEqual(['kept', 'notRemoved', 'removed', 'runId', 'state']);
    expect(outcome).toMatchObject({ runId: secondRunId, state: 'rolled_back', notRemoved: [] });
    expect(outcome.removed.find((item) => item.stepId === 'vm.create:web-01')?.title).toBe('Create VM web-01');
  });

  it('a second rollback of a rolled-back run is refused alike in either language: the error on stderr, stdout empty', () => {
    const english = cli(['rollback', runId, '--yes', '--json']);
    const chinese = cli(['rollback', runId, '--yes', '--json', '--lang', 'zh']);
    expect(english.code).toBe(2);
    expect(chinese.code).toBe(2);
    expect(chinese.stdout).toBe('');
    expect(english.stdout).toBe('');
    expect(chinese.stderr).toMatch(/\p{Script=Han}/u);
  });

  it('a usage error of rollback speaks --lang: which run, and away from a terminal --yes', () => {
    const noYes = cli(['rollback', runId, '--lang', 'zh']);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toBe('rackpilot: 回滚会删除运行创建的内容，并会先询问；不在终端上时，请用 --yes 确认\n请运行 rackpilot --help 查看用法。\n');
    const noRun = cli(['rollback', '--lang', 'es']);
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toMatch(/^rackpilot: ¿qué ejecución\? rackpilot rollback RUN/);
    expect(noRun.stderr).toMatch(/Pruebe rackpilot --help\.\n$/);
  });
});

describe.skipIf(!existsSync('/usr/bin/script'))('rollback on a terminal', () => {
  it("asks in the reader's language; no is no (exit 3), and the reader's own yes confirms", () => {
    const declined = onTerminal(['rollback', startFailedRunId, '--lang', 'zh'], 'n\n');
    expect(declined.code).toBe(3);
    expect(declined.stdout).toContain('删除它们吗？[是/否，默认否]');
    expect(declined.stdout).toMatch(/ {2}创建虚拟机 web-01 {2}（步骤 vm\.create:web-01） — 没有记录留下的内容；已检查/);
    expect(declined.stdout).toMatch(/^未删除任何内容。\r?$/m);
    const confirmed = onTerminal(['rollback', startFailedRunId, '--lang', 'es'], 'sí\n');
    expect(confirmed.code).toBe(0);
    expect(confirmed.stdout).toContain('¿Eliminarlos? [s/N]');
    expect(confirmed.stdout).toMatch(/^ {2}deshecho {4}image\.upload:pve-lab\/pve1\/local\/tools\.iso\r?$/m);
    expect(confirmed.stdout).toMatch(new RegExp(`^Ejecución ${startFailedRunId} revertida\\.\\r?$`, 'm'));
  });
});

describe('the rollback prompt', () => {
  it("takes y/yes in every language and the reader's own yes, and nothing else", () => {
    for (const lang of ['en', 'zh', 'es'] as const) for (const answer of ['y', 'YES', ' yes ']) expect(isYes(answer, lang), `${lang} ${answer}`).toBe(true);
    for (const answer of ['是', '是的', '确定']) expect(isYes(answer, 'zh')).toBe(true);
    for (const answer of ['s', 'sí', 'Si']) expect(isYes(answer, 'es')).toBe(true);
    for (const answer of ['', 'n', 'no', '否', 'maybe']) for (const lang of ['en', 'zh', 'es'] as const) expect(isYes(answer, lang)).toBe(false);
    expect(isYes('是', 'en')).toBe(false);
    expect(isYes('sí', 'zh')).toBe(false);
  });
});
