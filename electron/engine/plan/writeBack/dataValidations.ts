import type { Worksheet } from 'exceljs';
import { formatAddress, parseAddress } from '../workbook';

/*
 * exceljs 4.4 reads a validation on `B2:B1000` as 999 single-cell entries
 * that share one object, and when writing it sorts the addresses as text
 * (B10 < B100 < B2), so the range comes back as overlapping `B10:B1000` and
 * `B2:B1000`. Before a read workbook is written, the entries are folded back
 * into rectangles: cells sharing a validation object came from one element.
 */

interface Run {
  top: number;
  bottom: number;
}

type Model = Record<string, unknown>;

function runsOf(rows: number[]): Run[] {
  rows.sort((a, b) => a - b);
  const runs: Run[] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && row === last.bottom + 1) last.bottom = row;
    else if (!last || row > last.bottom) runs.push({ top: row, bottom: row });
  }
  return runs;
}

/** Non-overlapping rectangles covering the cells: vertical runs per column, joined across columns with the same run. */
export function rectangles(cells: ReadonlyArray<{ row: number; col: number }>): string[] {
  const byColumn = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const rows = byColumn.get(col);
    if (rows) rows.push(row);
    else byColumn.set(col, [row]);
  }
  const open = new Map<string, { left: number; right: number; run: Run }>();
  const done: string[] = [];
  const close = (rect: { left: number; right: number; run: Run }): void => {
    const from = formatAddress(rect.run.top, rect.left);
    const to = formatAddress(rect.run.bottom, rect.right);
    done.push(from === to ? from : `${from}:${to}`);
  };
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const seen = new Set<string>();
    for (const run of runsOf(byColumn.get(col)!)) {
      const key = `${run.top}:${run.bottom}`;
      seen.add(key);
      const rect = open.get(key);
      if (rect && rect.right === col - 1) rect.right = col;
      else {
        if (rect) close(rect);
        open.set(key, { left: col, right: col, run });
      }
    }
    for (const [key, rect] of open) {
      if (!seen.has(key)) {
        close(rect);
        open.delete(key);
      }
    }
  }
  for (const rect of open.values()) close(rect);
  return done;
}

/** Rewrites a read sheet's validations as one entry per rectangle, which exceljs writes as given. */
export function compactDataValidations(ws: Worksheet): void {
  const holder = (ws as unknown as { dataValidations?: { model?: Model } }).dataValidations;
  const model = holder?.model;
  if (!holder || !model) return;
  const groups = new Map<unknown, Array<{ row: number; col: number }>>();
  const kept: Model = {};
  for (const [address, validation] of Object.entries(model)) {
    if (validation === undefined) continue;
    const cell = parseAddress(address);
    if (!cell) {
      kept[address] = validation;
      continue;
    }
    const group = groups.get(validation);
    if (group) group.push(cell);
    else groups.set(validation, [cell]);
  }
  for (const [validation, cells] of groups) for (const range of rectangles(cells)) kept[range] = validation;
  holder.model = kept;
}
