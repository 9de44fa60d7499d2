/** A1-style addresses. Excel's grid is at most 1,048,576 rows by 16,384 columns (XFD). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface CellPosition {
  row: number;
  col: number;
}

const addressPattern = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function columnIndex(letters: string): number {
  let index = 0;
  for (const char of letters.toUpperCase()) index = index * 26 + (char.charCodeAt(0) - 64);
  return index;
}

export function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** `C15` (also `$C$15`, `c15`) -> {row: 15, col: 3}; null when it is not an address inside the grid. */
export function parseAddress(address: string): CellPosition | null {
  const match = addressPattern.exec(address.trim());
  if (!match) return null;
  const col = columnIndex(match[1]!);
  const row = Number(match[2]);
  if (row < 1 || row > MAX_ROWS || col < 1 || col > MAX_COLS) return null;
  return { row, col };
}

export function formatAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** One number per cell, for maps: row-major so sorting keys sorts cells in reading order. */
export function cellKey(row: number, col: number): number {
  return row * (MAX_COLS + 1) + col;
}

export function keyPosition(key: number): CellPosition {
  return { row: Math.floor(key / (MAX_COLS + 1)), col: key % (MAX_COLS + 1) };
}

export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `A1:B2` (or a single `A1`) -> its corners; null when malformed. */
export function parseRange(range: string): CellRange | null {
  const bare = range.includes('!') ? range.slice(range.lastIndexOf('!') + 1) : range;
  const [from, to = from] = bare.split(':');
  const start = parseAddress(from ?? '');
  const end = parseAddress(to ?? '');
  if (!start || !end) return null;
  return {
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
}

/** `A7:K7`: how findings point at a whole row. */
export function rowRange(row: number, firstCol: number, lastCol: number): string {
  return `${formatAddress(row, firstCol)}:${formatAddress(row, Math.max(firstCol, lastCol))}`;
}
