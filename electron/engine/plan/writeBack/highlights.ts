import type { Cell, Workbook } from 'exceljs';
import type { Finding } from '../../../../shared/plan/findings';
import { parseRange } from '../workbook';

/*
 * Error findings marked in the user's own sheets: the cell (or every cell
 * of the row range) gets a red fill, and the first cell a note with the
 * message and the hint. A later write-back on the copy first removes what an
 * earlier one added, recognised by the note marker and the exact fill colour
 * (one the Excel palette does not offer, so a user's own red stays).
 */

export const HIGHLIGHT_FILL = 'FFFFC6CD';
export const NOTE_MARKER = '[Rackpilot]';
/** A finding on a huge range (a whole sheet) marks its first cells only. */
const MAX_CELLS_PER_FINDING = 256;

function noteText(cell: Cell): string | null {
  const note = cell.note as unknown;
  if (note === undefined || note === null) return null;
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: Array<{ text?: string }> }).texts ?? [];
  return texts.map((part) => part.text ?? '').join('');
}

/**
 * exceljs shares one style object among all cells read with the same style,
 * so setting `cell.fill` would paint every one of them; give the cell its own.
 */
function setFill(cell: Cell, fill: Cell['fill']): void {
  cell.style = { ...cell.style, fill };
}

/**
 * exceljs has no API to delete a note (setting it to undefined writes an
 * empty one): the note lives in `_comment` and, for a cell read from a file,
 * also in the value's model. A test fails if exceljs changes this.
 */
function removeNote(cell: Cell): void {
  const internal = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
  internal._comment = undefined;
  if (internal._value?.model) delete internal._value.model.comment;
}

function hasOurFill(cell: Cell): boolean {
  const fill = cell.fill as { type?: string; fgColor?: { argb?: string } } | undefined;
  return fill?.type === 'pattern' && fill.fgColor?.argb === HIGHLIGHT_FILL;
}

/** Removes the fills and notes an earlier write-back put on the user's sheets. */
export function clearPreviousHighlights(wb: Workbook): void {
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (hasOurFill(cell)) setFill(cell, { type: 'pattern', pattern: 'none' });
        const text = noteText(cell);
        const at = text === null ? -1 : text.indexOf(NOTE_MARKER);
        if (text === null || at < 0) return;
        const kept = text.slice(0, at).trimEnd();
        if (kept === '') removeNote(cell);
        else cell.note = kept;
      });
    });
  }
}

/** Highlights the cells of error findings that point into sheets of this workbook; returns how many cells were marked. */
export function highlightErrors(wb: Workbook, findings: readonly Finding[]): number {
  const messages = new Map<string, { sheet: string; cell: string; lines: string[] }>();
  for (const finding of findings) {
    if (finding.severity !== 'error' || finding.sheet === null || finding.cell === null) continue;
    const key = `${finding.sheet}\u0000${finding.cell}`;
    const entry = messages.get(key) ?? { sheet: finding.sheet, cell: finding.cell, lines: [] };
    entry.lines.push(`${finding.message}\n→ ${finding.hint}`);
    messages.set(key, entry);
  }
  let marked = 0;
  for (const { sheet, cell, lines } of messages.values()) {
    const ws = wb.getWorksheet(sheet);
    const range = parseRange(cell);
    if (!ws || !range) continue;
    let count = 0;
    for (let row = range.top; row <= range.bottom && count < MAX_CELLS_PER_FINDING; row++) {
      for (let col = range.left; col <= range.right && count < MAX_CELLS_PER_FINDING; col++, count++) {
        setFill(ws.getCell(row, col), { type: 'pattern', pattern: 'solid', fgColor: { argb: HIGHLIGHT_FILL } });
        marked++;
      }
    }
    const first = ws.getCell(range.top, range.left);
    const target = first.isMerged ? first.master : first;
    const existing = noteText(target);
    const ours = `${NOTE_MARKER}\n${lines.join('\n\n')}`;
    target.note = existing === null || existing === '' ? ours : `${existing}\n\n${ours}`;
  }
  return marked;
}
