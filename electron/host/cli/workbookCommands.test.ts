import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from './paths';

const dir = mkdtempSync(join(tmpdir(), 'rp-cli-wb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sample = join(projectRoot, 'assets/sample-plan/sample-plan.en.xlsx');

function rackpilot(...args: string[]) {
  const result = spawnSync(process.execPath, [join(projectRoot, 'bin/rackpilot.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, RACKPILOT_HOME: join(dir, 'home') },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('workbook commands of the CLI', () => {
  it('validate --json: the sample plan has no error and exits 0', () => {
    const result = rackpilot('validate', sample, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: Array<Record<string, unknown>>; summary: { errors: number } };
    expect(report.summary.errors).toBe(0);
    for (const finding of report.findings) expect(Object.keys(finding).sort()).toEqual(['cell', 'code', 'hint', 'message', 'severity', 'sheet']);
  });

  it('validate: a file that is not a workbook exits 2 and names the problem', () => {
    const bogus = join(dir, 'notes.xlsx');
    writeFileSync(bogus, 'just some text, not a zip');
    const result = rackpilot('validate', bogus, '--json');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/notes\.xlsx/);
  });

  it('validate: a copy without its ISO next to it exits 1 and points at the image row', () => {
    const copy = join(dir, 'moved.xlsx');
    copyFileSync(sample, copy);
    const result = rackpilot('validate', copy, '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ severity: string; sheet: string | null; cell: string | null }> };
    const errors = report.findings.filter((finding) => finding.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((finding) => finding.sheet === 'Images' && finding.cell !== null)).toBe(true);
  });

  it('template: writes a v1 workbook that validates as having nothing to deploy yet, and never overwrites without --force', () => {
    const template = join(dir, 'template.xlsx');
    expect(rackpilot('template', template, '--lang', 'es').code).toBe(0);
    expect(existsSync(template)).toBe(true);
    expect(rackpilot('template', template).code).toBe(2);
    const result = rackpilot('validate', template, '--json');
    const report = JSON.parse(result.stdout) as { findings: Array<{ code: string }>; summary: { profile: string; errors: number; sheets: number } };
    expect(report.summary.profile).toBe('rackpilot-v1');
    expect(report.findings.map((finding) => finding.code)).toEqual(['plan.nothing_to_deploy']);
    expect(report.summary.sheets).toBeGreaterThan(1);
    expect(result.code).toBe(1);
  });

  it('plan --json: prints every value with its cell and never a secret', () => {
    const result = rackpilot('plan', sample, '--json');
    expect(result.code).toBe(0);
    const { plan } = JSON.parse(result.stdout) as { plan: { vms: Array<Record<string, { value: unknown; source: string | null }>>; endpoints: Array<Record<string, { value: unknown }>> } };
    expect(plan.vms).toHaveLength(10);
    expect(plan.vms[0]!.memoryMiB!.source).toMatch(/^[^!]+![A-Z]+\d+$/);
    expect(result.stdout).not.toContain('lab-placeholder');
    expect(JSON.stringify(plan.endpoints[0]!.password)).toContain('«redacted»');
  });
});
