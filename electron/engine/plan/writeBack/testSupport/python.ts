import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/*
 * Tests read what Rackpilot writes with openpyxl (Debian's /usr/bin/python3
 * has it; the python3 on PATH may not), so a file is checked by a reader
 * other than the exceljs that wrote it.
 */

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const here = (name: string): string => fileURLToPath(new URL(`./${name}`, import.meta.url));

export interface InspectedCell {
  value: string | number | boolean | null;
  bold: boolean;
  italic: boolean;
  fontColor: string | null;
  fontName: string | null;
  fontSize: number | null;
  fill: string | null;
  numberFormat: string;
  comment: string | null;
  hyperlink: { target: string | null; location: string | null } | null;
}

export interface InspectedValidation {
  type: string;
  sqref: string;
  formula1: string | null;
  formula2: string | null;
  operator: string | null;
  errorStyle: string | null;
  allowBlank: boolean;
}

export interface InspectedSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  freeze: string | null;
  widths: Record<string, number>;
  merged: string[];
  validations: InspectedValidation[];
  cells: Record<string, InspectedCell>;
}

export interface Inspection {
  active: string;
  sheets: InspectedSheet[];
}

export async function inspectXlsx(path: string): Promise<Inspection> {
  const { stdout } = await run(PYTHON, [here('inspectXlsx.py'), path], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as Inspection;
}

export function sheetOf(inspection: Inspection, name: string): InspectedSheet {
  const sheet = inspection.sheets.find((candidate) => candidate.name === name);
  if (!sheet) throw new Error(`No sheet ${name} in ${inspection.sheets.map((one) => one.name).join(', ')}`);
  return sheet;
}

/** The styled v1 workbook of makeStyledWorkbook.py; its password is `STYLED_PASSWORD`. */
export const STYLED_PASSWORD = 'S3cret-Pa55!';

export async function makeStyledWorkbook(out: string): Promise<string> {
  await run(PYTHON, [here('makeStyledWorkbook.py'), out], { timeout: 60_000 });
  return out;
}
