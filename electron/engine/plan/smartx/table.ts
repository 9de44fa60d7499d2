import { columnLetters, parseRange, type CellRange } from '../workbook';
import type { ImportContext } from './context';

/*
 * Tables of the SmartX workbook as a person finds them: a header row
 * somewhere near the top (found by its words, so inserted columns do not
 * matter), data rows below it, ended by a notes row, a summary row or the
 * next table's header. Label/value pairs (`集群VIP | 10.0.20.10`) are found by
 * the label, the value sitting right after the label's merged range.
 */

export interface ColumnSpec<F extends string> {
  field: F;
  /** Header texts, compared without spaces, case or width differences. */
  names: readonly string[];
  /** A following column headed just `密码`/`password` holds this field's password. */
  passwordField?: F;
}

export interface Table<F extends string> {
  sheet: string;
  headerRow: number;
  columns: Partial<Record<F, number>>;
  firstCol: number;
  lastCol: number;
  /** The header row's extent, label scans stay inside it. */
  span: ColumnSpan;
}

const PASSWORD_HEADERS = new Set(['密码', '口令', 'password', 'contraseña']);
const NOTE_PREFIXES = ['请注意', '注意', '说明', '注：', '注:', '备注', '当有其他', 'note'];

export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/[:：]$/, '');
}

/** The first row (from `fromRow`) whose headers include every required field; null and a finding otherwise. */
export function findTable<F extends string>(
  ctx: ImportContext,
  sheet: string,
  specs: readonly ColumnSpec<F>[],
  required: readonly F[],
  fromRow = 1,
  scanRows = 15,
): Table<F> | null {
  const byName = new Map<string, ColumnSpec<F>>();
  for (const spec of specs) for (const name of spec.names) byName.set(normalizeHeader(name), spec);
  for (const row of ctx.wb.rowNumbers(sheet)) {
    if (row < fromRow) continue;
    if (row >= fromRow + scanRows) break;
    const columns: Partial<Record<F, number>> = {};
    let previous: ColumnSpec<F> | undefined;
    for (const col of ctx.wb.columnsInRow(sheet, row)) {
      const header = normalizeHeader(ctx.label(sheet, row, col));
      const spec = byName.get(header);
      const field = spec?.field ?? (PASSWORD_HEADERS.has(header) ? previous?.passwordField : undefined);
      if (field !== undefined && columns[field] === undefined) columns[field] = col;
      previous = spec;
    }
    if (required.every((field) => columns[field] !== undefined)) {
      const used = Object.values(columns) as number[];
      const firstCol = Math.min(...used);
      const lastCol = Math.max(...used);
      return { sheet, headerRow: row, columns, firstCol, lastCol, span: { first: firstCol, last: lastCol } };
    }
  }
  const names = required.map((field) => specs.find((spec) => spec.field === field)?.names[0] ?? field);
  ctx.add('header.not_found', { sheet, cell: null }, { rows: scanRows, required: names.join(', ') });
  return null;
}

export function mergeAt(ctx: ImportContext, sheet: string, row: number, col: number): CellRange | null {
  for (const text of ctx.wb.merges(sheet)) {
    const range = parseRange(text);
    if (range && row >= range.top && row <= range.bottom && col >= range.left && col <= range.right) return range;
  }
  return null;
}

/** A row a person reads as a remark: starts like one, or is one wide merged block of text. */
export function isNoteRow(ctx: ImportContext, sheet: string, row: number, span?: ColumnSpan): boolean {
  const columns = columnsWithin(ctx, sheet, row, span);
  const first = columns[0];
  if (first === undefined) return false;
  const text = normalizeHeader(ctx.label(sheet, row, first));
  if (NOTE_PREFIXES.some((prefix) => text.startsWith(normalizeHeader(prefix)))) return true;
  const merge = mergeAt(ctx, sheet, row, first);
  return columns.length === 1 && merge !== null && merge.right - merge.left >= 4;
}

/** Rows with content after the header, up to (not including) the first row `isEnd` accepts. */
export function dataRows(ctx: ImportContext, sheet: string, headerRow: number, isEnd: (row: number) => boolean): number[] {
  const rows: number[] = [];
  for (const row of ctx.wb.rowNumbers(sheet)) {
    if (row <= headerRow) continue;
    if (isEnd(row)) break;
    rows.push(row);
  }
  return rows;
}

/**
 * Columns to look at when scanning for labels. Reading a cell evaluates its
 * formula (and reports it when that fails), so scans stay inside the table:
 * the template's helper formulas right of it (`主机规划!R3`) are not ours to judge.
 */
export interface ColumnSpan {
  first: number;
  last: number;
}

export function columnsWithin(ctx: ImportContext, sheet: string, row: number, span?: ColumnSpan): readonly number[] {
  const columns = ctx.wb.columnsInRow(sheet, row);
  return span ? columns.filter((col) => col >= span.first && col <= span.last) : columns;
}

/** Whether any cell of the row (merged areas included) carries one of the labels. */
export function rowHasLabel(ctx: ImportContext, sheet: string, row: number, labels: readonly string[], span?: ColumnSpan): boolean {
  const wanted = new Set(labels.map(normalizeHeader));
  return columnsWithin(ctx, sheet, row, span).some((col) => wanted.has(normalizeHeader(ctx.label(sheet, row, col))));
}

export interface LabelHit {
  row: number;
  col: number;
  /** First column after the label's merged range: where its value sits. */
  valueCol: number;
}

/** Finds a label in the given rows (`集群VIP`), or a label with an inline value (`版本:6.2.0P4`). */
export function findLabel(
  ctx: ImportContext,
  sheet: string,
  rows: readonly number[],
  labels: readonly string[],
  span?: ColumnSpan,
): LabelHit | null {
  const wanted = labels.map(normalizeHeader);
  for (const row of rows) {
    for (const col of columnsWithin(ctx, sheet, row, span)) {
      const text = normalizeHeader(ctx.label(sheet, row, col));
      if (!wanted.includes(text)) continue;
      const merge = mergeAt(ctx, sheet, row, col);
      return { row, col, valueCol: (merge?.right ?? col) + 1 };
    }
  }
  return null;
}

/** `版本:6.2.0P4` -> `6.2.0P4` when the text starts with one of the labels. */
export function inlineValue(text: string, labels: readonly string[]): string | null {
  for (const label of labels) {
    const match = new RegExp(`^\\s*${label}\\s*[:：]\\s*(.*)$`, 'i').exec(text.normalize('NFKC'));
    if (match) return match[1]?.trim() || null;
  }
  return null;
}

export function cellName(col: number, row: number): string {
  return `${columnLetters(col)}${row}`;
}
