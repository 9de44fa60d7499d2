import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEntry } from './cliTestKit';

const dir = mkdtempSync(join(tmpdir(), 'rp-cli-deploy-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, RACKPILOT_HOME: join(dir, 'home'), RACKPILOT_NETWORK_SCOPE: 'loopback' };
const demo = ['deploy', '--demo', '--targets', '2', '--step-ms', '200', '--log-lines', '1'];

/** As in a pipe: stdout is not a terminal. */
function inPipe(args: string[]) {
  const result = spawnSync(process.execPath, [cliEntry, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** In a pseudo-terminal, with util-linux's `script` (the child's exit code is passed on with -e). */
function inTerminal(args: string[]) {
  const command = [process.execPath, cliEntry, ...args].map((arg) => `'${arg}'`).join(' ');
  const result = spawnSync('script', ['-qfec', command, '/dev/null'], { env: { ...env, COLUMNS: '100' }, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout };
}

describe('rackpilot deploy output', () => {
  it('in a pipe: plain lines with step titles, then each failed step with its error and hint, and the command to run it again', () => {
    const result = inPipe([...demo, '--fail-step', 'demo.upload:vm-02', '--lang', 'zh']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('\x1b[');
    expect(result.stdout).toMatch(/^准备 \[site-a\/vm-01\]：成功，用时 /m);
    // Rackpilot's own log lines and frame words are Chinese too: no English sentence is left in the output.
    expect(result.stdout).toMatch(/^错误：上传镜像 按演示计划的要求失败$/m);
    expect(result.stdout.split('\n').filter((line) => /\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b/.test(line) && !line.includes('rackpilot '))).toEqual([]);
    expect(result.stdout).not.toMatch(/^step /m);
    const summary = result.stdout.slice(result.stdout.indexOf(' 失败：7 个步骤中有 1 个失败。'));
    expect(summary).not.toBe('');
    expect(summary).toContain('✗ 上传镜像  [site-b/vm-02; demo.upload:vm-02]');
    expect(summary).toContain('演示故障：demo.upload:vm-02');
    expect(summary).toContain('重试该步骤即可继续');
    expect(summary).toMatch(/rackpilot report \S+/);
    expect(summary).toContain('rackpilot deploy --demo --targets 2 --step-ms 200 --log-lines 1 --fail-step demo.upload:vm-02 --lang zh');
  });

  it.skipIf(!existsSync('/usr/bin/script'))('on a terminal: one bar per running target, named by title, redrawn in place', () => {
    const result = inTerminal([...demo, '--lang', 'es']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\x1b\[\d+F\x1b\[J/);
    expect(result.stdout).toMatch(/ {2}site-a\/vm-01 [█░]{12} Subir la imagen/);
    expect(result.stdout).toMatch(/ {2}site-b\/vm-02 [█░]{12} /);
    expect(result.stdout).not.toContain('demo.upload:');
    expect(result.stdout).toContain(': correcto.');
  });

  it('refuses options that name nothing that exists, or that do not apply, with exit 2 and what would do', () => {
    const unknownStep = inPipe([...demo, '--fail-step', 'demo.uplaod']);
    expect(unknownStep.code).toBe(2);
    expect(unknownStep.stderr).toContain('--fail-step "demo.uplaod" matches no step');
    expect(unknownStep.stderr).toContain('demo.upload:vm-01');
    expect(inPipe([...demo, '--fail-mode', 'twice']).stderr).toContain('--fail-mode must be once or always');
    expect(inPipe([...demo, '--lang', 'fr']).code).toBe(2);
    expect(inPipe([...demo, '--profile', 'smartx']).stderr).toContain('--profile applies to a workbook deploy only');
    expect(inPipe(['deploy', 'plan.xlsx', '--targets', '3']).stderr).toContain('--targets applies to --demo only');
  });
});
