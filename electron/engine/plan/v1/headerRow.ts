import { columnLetters } from '../workbook';
import { suggest } from '../suggest';
import type { OpenedWorkbook } from '../workbook';
import type { ColumnDef, SheetDef, SizeUnit } from './columnTypes';
import { columnNames, headerUnit, matchColumn, normalizeHeader, quotedNames } from './columns';

/** How far down a header row is looked for; title and note rows above it are skipped. */
export const HEADER_SEARCH_ROWS = 30;

export interface ColumnBinding {
  column: ColumnDef;
  /** 1-based column number in the sheet. */
  col: number;
  /** Its letters (`C`), to build addresses without converting per cell. */
  letters: string;
  /** The header as written. */
  label: string;
  unit: SizeUnit | null;
}

export interface HeaderMatch {
  row: number;
  bindings: ColumnBinding[];
  firstCol: number;
  lastCol: number;
}

function countMatches(wb: OpenedWorkbook, sheetName: string, def: SheetDef, row: number): { count: number; hasKey: boolean } {
  let count = 0;
  let hasKey = false;
  for (const col of wb.columnsInRow(sheetName, row)) {
    const text = wb.text(sheetName, `${columnLetters(col)}${row}`);
    const column = text === null ? undefined : matchColumn(def.key, text);
    if (!column) continue;
    count++;
    if (column.field === def.keyField) hasKey = true;
  }
  return { count, hasKey };
}

/**
 * The header row is the row, among the first rows with data, that names the
 * key column and the most other known columns. Unknown headers are reported
 * (info), duplicates keep the leftmost (warning), missing required columns
 * are errors.
 */
export function findHeader(wb: OpenedWorkbook, sheetName: string, def: SheetDef): HeaderMatch | null {
  const candidates = wb.rowNumbers(sheetName).slice(0, HEADER_SEARCH_ROWS);
  let best: { row: number; count: number } | null = null;
  for (const row of candidates) {
    const { count, hasKey } = countMatches(wb, sheetName, def, row);
    if (hasKey && count >= Math.min(2, def.columns.length) && (!best || count > best.count)) best = { row, count };
  }
  const lang = wb.lang;
  if (!best) {
    const required = def.columns.filter((column) => column.required).map((column) => `“${column.header[lang]}”`);
    wb.report('header.not_found', sheetName, null, { rows: HEADER_SEARCH_ROWS, required: required.join(', ') });
    return null;
  }

  const bindings: ColumnBinding[] = [];
  const columns = wb.columnsInRow(sheetName, best.row);
  for (const col of columns) {
    const address = `${columnLetters(col)}${best.row}`;
    const label = wb.text(sheetName, address) ?? '';
    const column = matchColumn(def.key, label);
    if (!column) {
      const names = def.columns.flatMap((candidate) => columnNames(candidate));
      const near = suggest(label, names, normalizeHeader);
      const suggestion = near === null ? null : (matchColumn(def.key, near)?.header[lang] ?? near);
      wb.report('header.column_unknown', sheetName, address, { header: label, suggestion });
      continue;
    }
    const taken = bindings.find((binding) => binding.column === column);
    if (taken) {
      wb.report('header.column_duplicate', sheetName, address, { header: label, first: columnLetters(taken.col) });
      continue;
    }
    bindings.push({ column, col, letters: columnLetters(col), label, unit: headerUnit(label) });
  }
  for (const column of def.columns) {
    if (column.required && !bindings.some((binding) => binding.column === column)) {
      wb.report('header.column_missing', sheetName, null, { column: column.header[lang], names: quotedNames(column.header, lang) });
    }
  }
  return { row: best.row, bindings, firstCol: columns[0] ?? 1, lastCol: columns[columns.length - 1] ?? 1 };
}

/**
 * Key/value sheets (the project sheet): a label in any column, its value in
 * the next one. When a label appears twice (a title row "Project" above the
 * table), the first one with a value wins.
 */
export function findLabels(wb: OpenedWorkbook, sheetName: string, def: SheetDef): Array<ColumnBinding & { row: number }> {
  const chosen = new Map<ColumnDef, ColumnBinding & { row: number; hasValue: boolean }>();
  for (const row of wb.rowNumbers(sheetName)) {
    for (const col of wb.columnsInRow(sheetName, row)) {
      const label = wb.text(sheetName, `${columnLetters(col)}${row}`);
      const column = label === null ? undefined : matchColumn(def.key, label);
      if (!column || label === null) continue;
      const hasValue = wb.value(sheetName, `${columnLetters(col + 1)}${row}`) !== null;
      const previous = chosen.get(column);
      if (!previous || (!previous.hasValue && hasValue)) chosen.set(column, { column, col: col + 1, letters: columnLetters(col + 1), label, unit: headerUnit(label), row, hasValue });
      break;
    }
  }
  return [...chosen.values()].map(({ hasValue: _hasValue, ...binding }) => binding);
}
