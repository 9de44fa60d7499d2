import type { Cell, Workbook, Worksheet } from 'exceljs';
import { runName } from '../../../../shared/i18n/engineText';
import type { Lang } from '../../../../shared/plan/findingCodes';
import type { StepState } from '../../../../shared/runModel';
import { idHeader, resultsText, stepFill } from './resultsText';
import type { ResultItem, RunResults } from './types';

/*
 * The Results sheet: a header block (run id, plan, state, times, counts)
 * and a table with one row per item (VM, image, step) in the order given:
 * status coloured, created IDs in their own columns, times as Excel dates
 * in UTC, and a link back to the plan row the item came from.
 */

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const DURATION_FORMAT = '[h]:mm:ss';
const HEADER_FILL = 'FF1F3864';
const WELL_KNOWN_IDS = ['vmid', 'uuid', 'node'];
const MS_PER_DAY = 86_400_000;

/** `'Sheet'!C15` for a hyperlink location. */
export function sheetLocation(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

export function styleTableHeader(cell: Cell): void {
  cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  cell.alignment = { vertical: 'middle' };
}

export function fillCell(cell: Cell, argb: string): void {
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** A link to a cell of the user's sheets, when that sheet is in the workbook; plain text otherwise. */
export function setCellLink(cell: Cell, sheet: string, address: string, sheets: ReadonlySet<string>): void {
  const text = `${sheet}!${address}`;
  if (!sheets.has(sheet)) {
    cell.value = text;
    return;
  }
  cell.value = { text, hyperlink: `#${sheetLocation(sheet, address)}` };
  cell.font = { color: { argb: 'FF0563C1' }, underline: true };
}

function setTime(cell: Cell, at: number | null): void {
  if (at === null) return;
  cell.value = new Date(at);
  cell.numFmt = DATE_FORMAT;
}

function setDuration(cell: Cell, ms: number | null): void {
  if (ms === null) return;
  cell.value = ms / MS_PER_DAY;
  cell.numFmt = DURATION_FORMAT;
}

/** Created-ID keys in column order: VMID, UUID, node first, then the others alphabetically. */
export function idColumns(items: readonly ResultItem[]): string[] {
  const keys = new Set(items.flatMap((item) => Object.keys(item.createdIds)));
  const known = WELL_KNOWN_IDS.filter((key) => keys.has(key));
  const others = [...keys].filter((key) => !WELL_KNOWN_IDS.includes(key)).sort();
  return [...known, ...others];
}

function countStates(items: readonly ResultItem[], lang: Lang): string {
  const counts = new Map<StepState, number>();
  for (const item of items) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
  return [...counts].map(([state, count]) => `${resultsText[lang].stepStates[state]} ${count}`).join(' · ');
}

function writeHeaderBlock(ws: Worksheet, results: RunResults, lang: Lang): number {
  const text = resultsText[lang];
  const title = ws.getCell('A1');
  title.value = text.resultsTitle;
  title.font = { bold: true, size: 14 };
  const rows: Array<[string, (cell: Cell) => void]> = [
    [text.runId, (cell) => (cell.value = results.runId)],
    [text.plan, (cell) => (cell.value = runName(results, lang))],
    [text.state, (cell) => {
      cell.value = text.runStates[results.state];
      fillCell(cell, stepFill(results.state));
    }],
    [text.started, (cell) => setTime(cell, results.startedAt)],
    [text.ended, (cell) => setTime(cell, results.endedAt)],
    [text.duration, (cell) => setDuration(cell, results.startedAt !== null && results.endedAt !== null ? Math.max(0, results.endedAt - results.startedAt) : null)],
    [text.counts, (cell) => (cell.value = countStates(results.items, lang) || '0')],
  ];
  rows.forEach(([label, write], index) => {
    const row = index + 3;
    ws.getCell(row, 1).value = label;
    ws.getCell(row, 1).font = { bold: true };
    const cell = ws.getCell(row, 2);
    write(cell);
    cell.alignment = { horizontal: 'left' };
  });
  return rows.length + 4;
}

function idValue(value: string): string | number {
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}

export function addResultsSheet(wb: Workbook, name: string, results: RunResults, lang: Lang, userSheets: ReadonlySet<string>): Worksheet {
  const text = resultsText[lang];
  const ws = wb.addWorksheet(name);
  const headerRow = writeHeaderBlock(ws, results, lang) + 1;
  const ids = idColumns(results.items);
  const c = text.columns;
  const headers = [c.kind, c.name, c.target, c.status, ...ids.map((key) => idHeader(lang, key)), c.ips, c.started, c.ended, c.duration, c.error, c.source];
  headers.forEach((header, index) => styleTableHeader(Object.assign(ws.getCell(headerRow, index + 1), { value: header })));
  results.items.forEach((item, index) => {
    const row = ws.getRow(headerRow + 1 + index);
    let col = 1;
    const next = (): Cell => row.getCell(col++);
    next().value = text.kinds[item.kind];
    next().value = item.name;
    next().value = item.target;
    const status = next();
    status.value = text.stepStates[item.status];
    fillCell(status, stepFill(item.status));
    for (const key of ids) {
      const value = item.createdIds[key];
      const cell = next();
      if (value !== undefined) cell.value = idValue(value);
    }
    next().value = item.ips.join(', ') || null;
    setTime(next(), item.startedAt);
    setTime(next(), item.endedAt);
    setDuration(next(), item.durationMs);
    const error = next();
    if (item.error !== null) {
      error.value = item.error;
      error.alignment = { wrapText: true, vertical: 'top' };
    }
    if (item.source) setCellLink(next(), item.source.sheet, item.source.cell, userSheets);
  });
  const widths = [10, 24, 22, 12, ...ids.map((key) => (key === 'uuid' ? 38 : 12)), 28, 20, 20, 10, 60, 18];
  widths.forEach((width, index) => (ws.getColumn(index + 1).width = width));
  ws.getColumn(1).width = Math.max(14, ...[text.runId, text.started, text.ended].map((label) => label.length + 2));
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: headers.length } };
  return ws;
}
