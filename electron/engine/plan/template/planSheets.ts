import type { Cell, Workbook, Worksheet } from 'exceljs';
import type { Lang } from '../../../../shared/plan/findingCodes';
import { sheetDef, v1Sheets } from '../v1/columns';
import type { ColumnDef, SheetDef, SheetKey } from '../v1/columnTypes';
import { templateText } from './templateText';
import { columnValidation } from './validations';
import { exampleValue, headerNote, type CellInput, type NoteText } from './headerNote';

/*
 * The v1 plan sheets, written from v1/columns.ts: one per entity, headers in
 * the chosen language with a note each, drop-downs and ranges, and either
 * example rows (the template) or data rows (the sample plan).
 */

export type { CellInput };
/** One row by model field (`{ name: 'web-01', vcpu: 2 }`). */
export type RowInput = Readonly<Record<string, CellInput>>;

export interface PlanSheetsContent {
  /** Commented example rows (name starting with `#`), greyed. */
  examples: boolean;
  /** Data rows per table sheet. */
  rows?: Partial<Record<SheetKey, readonly RowInput[]>>;
  /** Values of the project sheet by field. */
  project?: RowInput;
}

/** Data validation covers this many rows below the header, or more when the data is longer. */
const VALIDATED_ROWS = 1000;
export const COMMENT_PREFIX = '# ';
/** Points per line of 11-point text. */
const LINE_HEIGHT = 15;

const HEADER_FILL = 'FF1F3864';
const HEADER_FONT = 'FFFFFFFF';
const EXAMPLE_FILL = 'FFF2F2F2';
const EXAMPLE_FONT = 'FF7F7F7F';

/** Width in Excel character units: CJK characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function setNote(cell: Cell, note: NoteText): void {
  cell.note = { texts: [{ text: note.title, font: { bold: true, size: 9 } }, { text: `\n${note.body}`, font: { size: 9 } }] };
}

function styleHeader(cell: Cell): void {
  cell.font = { bold: true, color: { argb: HEADER_FONT } };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  cell.alignment = { vertical: 'middle', wrapText: true };
}

function styleExample(cell: Cell): void {
  cell.font = { italic: true, color: { argb: EXAMPLE_FONT } };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: EXAMPLE_FILL } };
}

/** Booleans are written as the sheet's yes/no words, which the drop-down offers. */
function writeValue(cell: Cell, input: CellInput | undefined, lang: Lang): void {
  const value = typeof input === 'boolean' ? (input ? templateText[lang].yes : templateText[lang].no) : input;
  if (value === null || value === undefined) return;
  cell.value = value;
  if (typeof value === 'string' && value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
}

function validate(ws: Worksheet, def: SheetDef, column: ColumnDef, col: string, firstRow: number, lastRow: number, lang: Lang): void {
  const validation = columnValidation(def.key, column, lang);
  // exceljs types `dataValidations` only on the model; the worksheet has it at runtime.
  if (validation) (ws as unknown as { dataValidations: { add(range: string, value: unknown): void } }).dataValidations.add(`${col}${firstRow}:${col}${lastRow}`, validation);
}

function addTableSheet(wb: Workbook, def: SheetDef, lang: Lang, content: PlanSheetsContent): void {
  const ws = wb.addWorksheet(def.name[lang], { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const rows = content.rows?.[def.key] ?? [];
  const sheetName = (key: string): string => sheetDef(key as SheetKey).name[lang];
  def.columns.forEach((column, index) => {
    const cell = ws.getCell(1, index + 1);
    cell.value = column.required ? `${column.header[lang]} *` : column.header[lang];
    styleHeader(cell);
    setNote(cell, headerNote(column, lang, sheetName));
  });
  ws.getRow(1).height = 30;
  let next = 2;
  if (content.examples) {
    def.columns.forEach((column, index) => {
      const cell = ws.getCell(next, index + 1);
      const value = exampleValue(column, lang);
      writeValue(cell, column.field === def.keyField && value !== null ? `${COMMENT_PREFIX}${value}` : value, lang);
      styleExample(cell);
      if (column.field === def.keyField) cell.note = templateText[lang].exampleRow;
    });
    next++;
  }
  for (const row of rows) {
    def.columns.forEach((column, index) => writeValue(ws.getCell(next, index + 1), row[column.field], lang));
    // Excel does not grow a row for wrapped text it did not lay out itself.
    const lines = Math.max(1, ...Object.values(row).map((value) => (typeof value === 'string' ? value.split('\n').length : 1)));
    if (lines > 1) ws.getRow(next).height = LINE_HEIGHT * lines;
    next++;
  }
  const lastRow = Math.max(VALIDATED_ROWS, next + VALIDATED_ROWS / 2);
  def.columns.forEach((column, index) => {
    const col = ws.getColumn(index + 1);
    validate(ws, def, column, col.letter, 2, lastRow, lang);
    const samples = [String(ws.getCell(1, index + 1).value ?? ''), ...rows.slice(0, 50).map((row) => String(row[column.field] ?? '').split('\n')[0] ?? '')];
    if (content.examples) samples.push(String(exampleValue(column, lang) ?? ''));
    col.width = Math.min(48, Math.max(10, ...samples.map((text) => displayWidth(text) + 2)));
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: def.columns.length } };
}

/** Labels in column A, values in B, examples in C (greyed, never read). */
function addKeyValueSheet(wb: Workbook, def: SheetDef, lang: Lang, content: PlanSheetsContent): void {
  const text = templateText[lang];
  const ws = wb.addWorksheet(def.name[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  text.keyValueHeaders.forEach((header, index) => styleHeader(Object.assign(ws.getCell(1, index + 1), { value: header })));
  const sheetName = (key: string): string => sheetDef(key as SheetKey).name[lang];
  def.columns.forEach((column, index) => {
    const row = index + 2;
    const label = ws.getCell(row, 1);
    label.value = column.required ? `${column.header[lang]} *` : column.header[lang];
    label.font = { bold: true };
    setNote(label, headerNote(column, lang, sheetName));
    writeValue(ws.getCell(row, 2), content.project?.[column.field], lang);
    validate(ws, def, column, 'B', row, row, lang);
    if (content.examples) {
      const example = ws.getCell(row, 3);
      writeValue(example, exampleValue(column, lang), lang);
      styleExample(example);
    }
  });
  ws.getColumn(1).width = Math.max(16, ...def.columns.map((column) => displayWidth(column.header[lang]) + 4));
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 32;
}

/** Adds every v1 sheet, in the format's order. */
export function addPlanSheets(wb: Workbook, lang: Lang, content: PlanSheetsContent): void {
  for (const def of v1Sheets) {
    if (def.layout === 'keyValue') addKeyValueSheet(wb, def, lang, content);
    else addTableSheet(wb, def, lang, content);
  }
}
