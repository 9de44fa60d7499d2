import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const script = join(root, 'e2e/support/xlsx.py');
const python = '/usr/bin/python3';

/** Copies the bundled sample plan (and the ISO it names) into `dir`; returns the workbook's path. */
export async function copySample(dir: string, name = 'site.xlsx'): Promise<string> {
  const target = join(dir, name);
  await cp(join(root, 'assets/sample-plan/sample-plan.en.xlsx'), target);
  await cp(join(root, 'assets/sample-plan/images'), join(dir, 'images'), { recursive: true });
  return target;
}

export type CellValue = string | number | null;

/** Writes cells with openpyxl, as if the user had fixed the workbook in Excel and saved it. */
export async function setCells(path: string, cells: [sheet: string, cell: string, value: CellValue][]): Promise<void> {
  const args = cells.flatMap(([sheet, cell, value]) => [sheet, cell, value === null ? '=none' : typeof value === 'number' ? `=int:${value}` : value]);
  await run(python, [script, 'set', path, ...args]);
}

/** The rows of a table in a sheet, as header -> text, starting below the row whose first cell is `firstHeader`. */
export async function readTable(path: string, sheet: string, firstHeader: string): Promise<Record<string, string | null>[]> {
  const { stdout } = await run(python, [script, 'table', path, sheet, firstHeader]);
  return JSON.parse(stdout) as Record<string, string | null>[];
}

/** Copies another bundled sample (`sample-openstack.en.xlsx`, `sample-vsphere.en.xlsx`) and the images folder into `dir`. */
export async function copyPlatformSample(dir: string, sample: string, name: string): Promise<string> {
  const target = join(dir, name);
  await cp(join(root, 'assets/sample-plan', sample), target);
  await cp(join(root, 'assets/sample-plan/images'), join(dir, 'images'), { recursive: true });
  return target;
}
