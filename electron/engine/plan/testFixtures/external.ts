import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/*
 * Workbooks written by programs other than exceljs: Debian's openpyxl
 * (through /usr/bin/python3, which has it) and LibreOffice. Tests call these
 * in beforeAll; LibreOffice takes seconds to start.
 */

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));
export const PYTHON = '/usr/bin/python3';

export interface SheetSpec {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  rows?: unknown[][];
  cells?: Record<string, unknown>;
  merges?: string[];
  hyperlinks?: Record<string, string>;
}

export async function makeTempDir(prefix = 'rackpilot-plan-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** Writes `out` with openpyxl; formulas (`=...`) are stored without a cached result. */
export async function writeWithOpenpyxl(sheets: SheetSpec[], out: string): Promise<string> {
  const specPath = `${out}.spec.json`;
  await writeFile(specPath, JSON.stringify({ sheets }));
  await run(PYTHON, [join(here, 'openpyxlWorkbook.py'), specPath, out], { timeout: 60_000 });
  return out;
}

/** Many workbooks in one Python start (a corpus of fifty takes a second, not ten). */
export async function writeManyWithOpenpyxl(items: Array<{ sheets: SheetSpec[]; out: string }>, batchPath: string): Promise<void> {
  await writeFile(batchPath, JSON.stringify({ workbooks: items }));
  await run(PYTHON, [join(here, 'openpyxlWorkbook.py'), batchPath], { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
}

/**
 * Converts with LibreOffice (`.csv` through the CSV filter: comma, double quote, UTF-8, from line 1).
 * LibreOffice recalculates formulas, so its output has cached results. One start converts many files.
 */
export async function convertManyWithLibreOffice(inputs: string[], outDir: string): Promise<string[]> {
  const home = join(outDir, '.lo-home');
  await mkdir(home, { recursive: true });
  const args = ['--headless', '--convert-to', 'xlsx'];
  if (inputs.some((input) => extname(input).toLowerCase() === '.csv')) args.push('--infilter=CSV:44,34,76,1');
  args.push('--outdir', outDir, ...inputs);
  await run('soffice', args, { timeout: 180_000, env: { ...process.env, HOME: home } });
  const names = await readdir(outDir);
  return inputs.map((input) => {
    const produced = `${basename(input, extname(input))}.xlsx`;
    if (!names.includes(produced)) throw new Error(`LibreOffice did not write ${produced}`);
    return join(outDir, produced);
  });
}

export async function convertWithLibreOffice(input: string, outDir: string): Promise<string> {
  const [produced] = await convertManyWithLibreOffice([input], outDir);
  return produced!;
}

/** Excel-style CSV text from rows. */
export function toCsv(rows: unknown[][]): string {
  const quote = (value: unknown): string => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(quote).join(',')).join('\n') + '\n';
}
