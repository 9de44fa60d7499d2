import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertWithLibreOffice, makeTempDir, removeDir, toCsv, writeWithOpenpyxl, type SheetSpec } from '../testFixtures/external';
import { openWorkbook } from './openWorkbook';
import { NA_MARKERS, type OpenedWorkbook } from './openedWorkbook';

// Random text: a repeated character would compress like a zip bomb and be refused as one.
const LONG = randomBytes(600 * 1024).toString('hex');

function sheets(): SheetSpec[] {
  return [
    {
      name: 'Main',
      rows: [['title', null, null, '=A1&"-"&B2'], [null, 'x', null, '=Other!A1'], [null, 'merged', null, '=IF(A1="",1,2)'], [], ['five']],
      cells: { A10: 'ten', F1: ' N/A ', G1: 'Example site', H1: '=1/0', I1: 8192, I2: 1.5, J1: '=D1&"!"' },
      merges: ['B3:C4'],
      hyperlinks: { G1: 'https://example.com/' },
    },
    { name: 'Hidden', state: 'hidden', cells: { A1: 'hidden value' } },
    { name: 'Very Hidden', state: 'veryHidden', cells: { A1: 'very hidden value' } },
    { name: 'Other', cells: { A1: 'from other' } },
  ];
}

let dir: string;
let fromOpenpyxl: OpenedWorkbook;
let fromLibreOffice: OpenedWorkbook;
let fromCsv: OpenedWorkbook;

beforeAll(async () => {
  dir = await makeTempDir();
  fromOpenpyxl = await openWorkbook(await writeWithOpenpyxl(sheets(), join(dir, 'openpyxl.xlsx')));
  const loSource = await writeWithOpenpyxl(sheets(), join(dir, 'for-lo.xlsx'));
  await writeFile(join(dir, 'vms.csv'), toCsv([['Name', 'vCPU', 'Memory', 'IP'], ['web-01', 2, '4 GiB', '10.0.0.11'], ['db-01', 8, '16G', '10.0.0.12']]));
  const loDir = join(dir, 'lo');
  fromLibreOffice = await openWorkbook(await convertWithLibreOffice(loSource, loDir));
  fromCsv = await openWorkbook(await convertWithLibreOffice(join(dir, 'vms.csv'), loDir));
}, 180_000);
afterAll(() => removeDir(dir));

describe('a workbook written by openpyxl (formulas without saved results)', () => {
  it('lists sheets with their visibility', () => {
    expect(fromOpenpyxl.sheets.map(({ name, state }) => [name, state])).toEqual([
      ['Main', 'visible'],
      ['Hidden', 'hidden'],
      ['Very Hidden', 'veryHidden'],
      ['Other', 'visible'],
    ]);
    expect(fromOpenpyxl.text('Hidden', 'A1')).toBe('hidden value');
    expect(fromOpenpyxl.text('very hidden', 'A1')).toBe('very hidden value');
  });

  it('evaluates references and concatenation, and marks them as evaluated', () => {
    expect(fromOpenpyxl.cell('Main', 'D1')).toMatchObject({ value: 'title-x', formula: 'A1&"-"&B2', hasCachedValue: false, evaluated: true });
    expect(fromOpenpyxl.value('Main', 'D2')).toBe('from other');
    expect(fromOpenpyxl.value('Main', 'J1')).toBe('title-x!');
  });

  it('reports a formula it cannot evaluate, naming the cell and the formula', () => {
    expect(fromOpenpyxl.cell('Main', 'D3')).toMatchObject({ value: null, hasCachedValue: false });
    const finding = fromOpenpyxl.findings.find((f) => f.code === 'formula.unevaluated' && f.cell === 'D3');
    expect(finding).toMatchObject({ severity: 'error', sheet: 'Main' });
    expect(finding?.message).toContain('IF(A1="",1,2)');
    expect(finding?.message).toContain('IF');
  });

  it('resolves merged cells to their master', () => {
    expect(fromOpenpyxl.cell('Main', 'C4')).toMatchObject({ value: 'merged', master: 'B3', address: 'C4' });
    expect(fromOpenpyxl.cell('Main', 'B3').master).toBeUndefined();
  });

  it('treats N/A as empty only when asked', () => {
    expect(fromOpenpyxl.text('Main', 'F1')).toBe('N/A');
    expect(fromOpenpyxl.value('Main', 'F1', { emptyMarkers: NA_MARKERS })).toBeNull();
  });

  it('flattens hyperlinks to their text', () => {
    expect(fromOpenpyxl.value('Main', 'G1')).toBe('Example site');
  });

  it('lists rows with data, skipping empty ones in the middle', () => {
    expect(fromOpenpyxl.rowNumbers('Main')).toEqual([1, 2, 3, 5, 10]);
    expect(fromOpenpyxl.columnsInRow('Main', 2)).toEqual([2, 4, 9]);
  });

  it('reads unknown sheets and cells as empty', () => {
    expect(fromOpenpyxl.value('Nope', 'A1')).toBeNull();
    expect(fromOpenpyxl.value('Main', 'not-an-address')).toBeNull();
    expect(fromOpenpyxl.text('Main', 'Z99')).toBeNull();
  });
});

describe('a workbook written by LibreOffice (formulas with saved results)', () => {
  it('uses the saved results', () => {
    expect(fromLibreOffice.cell('Main', 'D1')).toMatchObject({ value: 'title-x', hasCachedValue: true });
    expect(fromLibreOffice.cell('Main', 'D1').evaluated).toBeUndefined();
    expect(fromLibreOffice.value('Main', 'D3')).toBe(2);
    expect(fromLibreOffice.findings.some((f) => f.code === 'formula.unevaluated')).toBe(false);
  });

  it('reads an Excel error result as empty with a warning', () => {
    expect(fromLibreOffice.cell('Main', 'H1')).toMatchObject({ value: null, error: '#DIV/0!' });
    expect(fromLibreOffice.findings.find((f) => f.code === 'cell.error_value')).toMatchObject({ severity: 'warning', cell: 'H1' });
  });

  it('keeps numbers as numbers and merges and hidden sheets as they were', () => {
    expect(fromLibreOffice.value('Main', 'I1')).toBe(8192);
    expect(fromLibreOffice.text('Main', 'I2')).toBe('1.5');
    expect(fromLibreOffice.cell('Main', 'C3').master).toBe('B3');
    expect(fromLibreOffice.findSheet('Hidden')?.state).toBe('hidden');
  });

  it('reads a CSV converted to xlsx', () => {
    const [sheet] = fromCsv.sheets;
    expect(sheet?.name).toBeTruthy();
    expect(fromCsv.text(sheet!.name, 'A2')).toBe('web-01');
    expect(fromCsv.value(sheet!.name, 'B3')).toBe(8);
    expect(fromCsv.text(sheet!.name, 'C3')).toBe('16G');
  });
});

describe('a workbook written by exceljs', () => {
  it('flattens rich text and hyperlinks, and evaluates shared formulas without results', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('S');
    sheet.getCell('A1').value = { richText: [{ text: 'pve' }, { font: { bold: true }, text: '-01' }] };
    sheet.getCell('A2').value = { text: { richText: [{ text: 'docs' }] }, hyperlink: 'https://example.com' } as unknown as ExcelJS.CellValue;
    sheet.getCell('B1').value = 'n1';
    sheet.getCell('B2').value = 'n2';
    sheet.getCell('C1').value = { formula: 'B1&"-x"' } as ExcelJS.CellFormulaValue;
    sheet.getCell('C2').value = { sharedFormula: 'C1' } as ExcelJS.CellSharedFormulaValue;
    sheet.getCell('D1').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    const path = join(dir, 'exceljs.xlsx');
    await workbook.xlsx.writeFile(path);
    const opened = await openWorkbook(path, { lang: 'es' });
    expect(opened.value('S', 'A1')).toBe('pve-01');
    expect(opened.value('S', 'A2')).toBe('docs');
    expect(opened.value('S', 'C1')).toBe('n1-x');
    expect(opened.cell('S', 'C2')).toMatchObject({ value: 'n2-x', formula: 'B2&"-x"', evaluated: true });
    expect(opened.cell('S', 'D1').error).toBe('#N/A');
    expect(opened.findings[0]?.message).toMatch(/^La celda S!D1 muestra el error de Excel #N\/A/);
  });

  it('cuts strings over 1 MiB characters and says so, once', async () => {
    // Excel, LibreOffice and openpyxl stop at 32,767 characters; only a hostile writer goes further.
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').getCell('E1').value = LONG;
    const path = join(dir, 'long.xlsx');
    await workbook.xlsx.writeFile(path);
    const opened = await openWorkbook(path);
    const cell = opened.cell('S', 'E1');
    expect(cell.truncatedFrom).toBe(LONG.length);
    expect((cell.value as string).length).toBe(1024 * 1024);
    opened.value('S', 'E1');
    expect(opened.findings.filter((f) => f.code === 'cell.truncated' && f.cell === 'E1')).toHaveLength(1);
  });

  it('reports a reference cycle instead of looping', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('S');
    sheet.getCell('A1').value = { formula: 'B1' } as ExcelJS.CellFormulaValue;
    sheet.getCell('B1').value = { formula: 'A1&"x"' } as ExcelJS.CellFormulaValue;
    const path = join(dir, 'cycle.xlsx');
    await workbook.xlsx.writeFile(path);
    const opened = await openWorkbook(path);
    expect(opened.value('S', 'A1')).toBeNull();
    expect(opened.value('S', 'B1')).toBeNull();
    expect(opened.findings.filter((f) => f.code === 'formula.unevaluated').map((f) => f.cell)).toEqual(['A1', 'B1']);
  });
});
