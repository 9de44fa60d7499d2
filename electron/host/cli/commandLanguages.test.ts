import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { openStore } from '../../engine/store';
import { englishLeft } from '../../integration/englishLeft';
import { cliEntry, deployAndKill, runCli } from './cliTestKit';
import { projectRoot } from './paths';

/*
 * cancel, lab start, template, validate and the usage errors of the real
 * CLI with --lang: Rackpilot's words in the reader's language, names, ids
 * and paths as they are, and --json the same whatever --lang says.
 */
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'rp-cli-cmd-langs-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const loopback = { RACKPILOT_NETWORK_SCOPE: 'loopback' };
const sample = join(projectRoot, 'assets/sample-plan/sample-plan.en.xlsx');

/** A run that was running when its process died, having made an image and a VM that stay: the next engine finds it interrupted. */
function interruptedRunWithResources(dataDir: string, runId: string): void {
  const store = openStore(join(dataDir, 'rackpilot.db'));
  const upload = { endpoint: 'pve1', node: 'pve-a', storage: 'local', remoteName: 'ubuntu.iso', file: 'u.iso', sha256: null, image: 'ubuntu', cells: {} };
  store.createRun({ id: runId, planName: 'Site', environment: 'site', source: { kind: 'demo' }, createdAt: 1 }, [
    { id: 'image.upload:pve1/pve-a/local/ubuntu.iso', kind: 'proxmox.image.upload', title: 'Upload', target: 'pve1/pve-a/local', deps: [], input: upload },
    { id: 'vm.create:web-01', kind: 'proxmox.vm.create', title: 'Create web-01', target: 'pve1', deps: [], input: { endpoint: 'pve1', name: 'web-01' } },
  ]);
  store.commit(runId, { run: { state: 'running', startedAt: 2 }, events: [{ type: 'run.state', at: 2, state: 'running', error: null }] });
  store.setArtifact(runId, 'image.upload:pve1/pve-a/local/ubuntu.iso', 'upload:pve-a', { volid: 'local:iso/ubuntu.iso', size: 1, mtimeMs: 1, sha256: 'ab', phase: 'uploaded' });
  store.setArtifact(runId, 'vm.create:web-01', 'vm', { vmid: 101, node: 'pve-b', template: 9000, phase: 'configured' });
  store.close();
}

describe('rackpilot cancel --lang', () => {
  it('lists what stays behind in Chinese and Spanish, ids, names and places as they are', () => {
    const dataDir = tempDir();
    interruptedRunWithResources(dataDir, 'run-zh');
    interruptedRunWithResources(dataDir, 'run-es');
    const chinese = runCli(dataDir, ['cancel', 'run-zh', '--lang', 'zh'], loopback);
    expect(chinese.code, chinese.stderr).toBe(0);
    expect(chinese.stdout).toBe(
      [
        '运行 run-zh 已取消。',
        '它的步骤创建的内容保留原处（不会删除任何内容）：',
        '  镜像 local:iso/ubuntu.iso“ubuntu.iso”，位于 pve1/pve-a  （步骤 image.upload:pve1/pve-a/local/ubuntu.iso）',
        '  虚拟机 101“web-01”，位于 pve1/pve-b  （步骤 vm.create:web-01）',
        '',
      ].join('\n'),
    );
    expect(englishLeft(chinese.stdout)).toEqual([]);
    const spanish = runCli(dataDir, ['cancel', 'run-es', '--lang', 'es'], loopback);
    expect(spanish.stdout).toContain('Lo que crearon sus pasos se queda en su sitio (no se elimina nada):\n  Imagen local:iso/ubuntu.iso «ubuntu.iso» en pve1/pve-a  (paso image.upload:');
    expect(spanish.stdout).toContain('  VM 101 «web-01» en pve1/pve-b  (paso vm.create:web-01)');
  });

  it('--json is byte-identical in every language (two like runs, told apart only by their id)', () => {
    const dataDir = tempDir();
    const said = (['en', 'zh', 'es'] as const).map((lang) => {
      interruptedRunWithResources(dataDir, `run-${lang}`);
      const cancelled = runCli(dataDir, ['cancel', `run-${lang}`, '--json', '--lang', lang], loopback);
      expect(cancelled.code, cancelled.stderr).toBe(0);
      return cancelled.stdout.replace(`run-${lang}`, 'RUN');
    });
    expect(said[1]).toBe(said[0]);
    expect(said[2]).toBe(said[0]);
    expect(said[0]).toContain('"kind":"vm","id":"101","name":"web-01"');
  });

  it('an interrupted demo run that made nothing: said so in Chinese; an unknown run is refused in Chinese', async () => {
    const dataDir = tempDir();
    const killed = await deployAndKill(dataDir, 2);
    const cancelled = runCli(dataDir, ['cancel', killed.runId, '--lang', 'zh'], loopback);
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toBe(`运行 ${killed.runId} 已取消。\n它的步骤没有创建任何会留下的内容。\n`);
    const unknown = runCli(dataDir, ['cancel', 'no-such-run', '--lang', 'zh'], loopback);
    expect(unknown.code).toBe(2);
    expect(englishLeft(unknown.stderr, ['no-such-run'])).toEqual([]);
  }, 60_000);
});

describe('rackpilot lab start --lang zh', () => {
  it("says where each simulator is and how to stop it in Chinese; URLs, users and fingerprints as they are, a simulator's reason in the lab's words", async () => {
    const child = spawn(process.execPath, [cliEntry, 'lab', 'start', '--lang', 'zh'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...loopback, RACKPILOT_HOME: tempDir() } });
    onTestFinished(() => void child.kill('SIGKILL'));
    const lines: string[] = [];
    for await (const line of createInterface({ input: child.stdout })) {
      lines.push(line);
      if (line === '按 Ctrl+C 停止模拟环境。') break;
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const said = lines.join('\n');
    expect(said).toMatch(/^proxmox 模拟环境：https:\/\/127\.0\.0\.1:\d+$/m);
    expect(said).toMatch(/^ {2}用户 \S+ {2}密码 \S+$/m);
    expect(said).toMatch(/^ {2}证书 SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$/m);
    expect(said).toMatch(/^ {2}故障注入：https?:\/\/127\.0\.0\.1:\d+\S*（Bearer \S+）$/m);
    const reasons = lines.flatMap((line) => /模拟环境：未启动。(.*)$/.exec(line)?.[1] ?? []);
    expect(englishLeft(said, reasons)).toEqual([]);
  }, 60_000);
});

describe('workbook commands with --lang', () => {
  it("template: the workbook's language, and its line about what it wrote too; refuses to overwrite in that language", () => {
    const dir = tempDir();
    const target = join(dir, 'plan template.xlsx');
    const wrote = runCli(dir, ['template', target, '--lang', 'zh'], loopback);
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(wrote.stdout).toBe(`已写入 ${target}\n`);
    const again = runCli(dir, ['template', target, '--lang', 'es'], loopback);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`rackpilot: ${target} ya existe; añada --force para sustituirlo\nPruebe rackpilot --help.\n`);
    expect(runCli(dir, ['template', target], loopback).stderr).toContain(`${target} exists; add --force to replace it`);
  });

  it('validate: the summary and the severity column in Chinese', () => {
    const result = runCli(tempDir(), ['validate', sample, '--lang', 'zh'], loopback);
    const summary = result.stdout.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/^rackpilot-v1：\d+ 行，\d+ 个错误，\d+ 个警告，\d+ 条提示$/);
    expect(result.stdout).not.toMatch(/^(error|warning|info) /m);
  });
});

describe('usage errors with --lang', () => {
  const said = (args: string[]) => runCli(tempDir(), args, loopback);

  it('an unknown option, a missing value and an unknown command are said in --lang, even when the options did not parse', () => {
    expect(said(['runs', '--bogus', '--lang', 'zh']).stderr).toBe('rackpilot: 未知选项 --bogus\n请运行 rackpilot --help 查看用法。\n');
    expect(said(['runs', '--lang=es', '--limit']).stderr).toBe('rackpilot: --limit necesita un valor\nPruebe rackpilot --help.\n');
    expect(said(['runs', '--lang', 'zh', '--limit', '0']).stderr).toBe('rackpilot: --limit 必须是 1 到 1000 之间的整数\n请运行 rackpilot --help 查看用法。\n');
    expect(said(['frobnicate', '--lang', 'zh']).stderr).toBe('rackpilot: 未知命令“frobnicate”\n请运行 rackpilot --help 查看用法。\n');
    expect(said(['deploy', '--demo', '--lang', 'zh', '--profile', 'smartx']).stderr).toContain('rackpilot: --profile 仅适用于工作簿部署\n');
    expect(said(['deploy', '--demo', '--lang', 'zh', '--fail-step', 'nope']).stderr).toMatch(/^rackpilot: --fail-step“nope”与此计划的任何步骤都不匹配；步骤 ID 形如 demo\./);
  });

  it('stay English without --lang, or when --lang is itself wrong (named in English), or when --lang comes after --', () => {
    expect(said(['runs', '--bogus']).stderr).toBe('rackpilot: unknown option --bogus\nTry rackpilot --help.\n');
    const wrongLang = said(['runs', '--lang', 'fr']);
    expect(wrongLang.code).toBe(2);
    expect(wrongLang.stderr).toBe('rackpilot: --lang must be en, zh or es (not "fr")\nTry rackpilot --help.\n');
    expect(said(['runs', '--bogus', '--lang', 'fr']).stderr).toBe('rackpilot: unknown option --bogus\nTry rackpilot --help.\n');
    expect(said(['frobnicate', '--', '--lang', 'zh']).stderr).toBe('rackpilot: unknown command "frobnicate"\nTry rackpilot --help.\n');
  });

  it('--help stays English whatever --lang says', () => {
    const help = said(['runs', '--help', '--lang', 'zh']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Rackpilot — deploy a planning workbook/);
    expect(help.stdout).not.toMatch(/\p{Script=Han}/u);
  });
});
