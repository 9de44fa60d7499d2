import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Test helpers around makeSmartxWorkbook.py. Debian's python has openpyxl;
 * the `python3` on PATH may be another one without it, so the path is fixed.
 */

const here = dirname(fileURLToPath(import.meta.url));
export const PYTHON = '/usr/bin/python3';
export const GENERATOR = join(here, 'makeSmartxWorkbook.py');
/** The real template, outside the repository (never copied into it). */
export const TEMPLATE = resolve(here, '../../../../../../shared/reference/smartx-planning-workbook-template-v20250820.xlsx');
/** The fixtures' cluster name, written by the generator into 虚拟网络!B3. */
export const FIXTURE_CLUSTER = 'CN-SH-SMTX-Test-Cls02';

export function hasOpenpyxl(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import openpyxl'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
}

/** Writes every variant (or the named ones) into `dir` as `<variant>.xlsx`. */
export function writeFixtures(dir: string, variants: readonly string[] = []): void {
  execFileSync(PYTHON, [GENERATOR, dir, ...variants], { stdio: 'pipe', timeout: 120_000 });
}

/** A copy of `source` with cells changed: `{ '主机规划!I4': null }` empties I4. */
export function editWorkbook(source: string, out: string, cells: Record<string, string | null>): string {
  const assignments = Object.entries(cells).map(([cell, value]) => `${cell}=${value ?? ''}`);
  execFileSync(PYTHON, [GENERATOR, '--edit', source, out, ...assignments], { stdio: 'pipe', timeout: 120_000 });
  return out;
}
