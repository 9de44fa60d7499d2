import { cellKey, keyPosition, parseRange, type CellRange } from './address';
import type { RawSheet, SheetState } from './rawWorkbook';

/** Merges up to this many cells are indexed cell by cell; larger ones (rare) are scanned. */
const INDEXED_MERGE_CELLS = 10_000;
const MAX_INDEXED_MERGE_CELLS = 1_000_000;

/** One sheet's cells, indexed for lookups by address, by row and through merges. */
export class SheetData {
  readonly name: string;
  readonly state: SheetState;
  readonly index: number;
  readonly merges: readonly string[];
  readonly maxRow: number;
  readonly maxCol: number;
  private readonly rowValues = new Map<number, unknown[]>();
  private readonly formulas: Record<number, string>;
  private readonly mergeMasters = new Map<number, number>();
  private readonly largeMerges: CellRange[] = [];
  private readonly columnsByRow = new Map<number, readonly number[]>();
  private readonly rowList: number[] = [];
  private formulaRows: Map<number, number> | null = null;

  constructor(raw: RawSheet, index: number) {
    this.name = raw.name;
    this.state = raw.state === 'hidden' || raw.state === 'veryHidden' ? raw.state : 'visible';
    this.index = index;
    this.formulas = raw.formulas;
    this.merges = raw.merges;
    let maxRow = 0;
    let maxCol = 0;
    for (let at = 0; at + 1 < raw.rows.length; at += 2) {
      const row = raw.rows[at] as number;
      const values = raw.rows[at + 1] as unknown[];
      this.rowValues.set(row, values);
      maxRow = Math.max(maxRow, row);
      maxCol = Math.max(maxCol, values.length);
    }
    for (const key of Object.keys(this.formulas)) {
      const { row, col } = keyPosition(Number(key));
      if (!this.rowValues.has(row)) this.rowValues.set(row, []);
      maxRow = Math.max(maxRow, row);
      maxCol = Math.max(maxCol, col);
    }
    for (const [row, values] of this.rowValues) {
      const columns: number[] = [];
      const width = Math.max(values.length, this.formulaWidth(row));
      for (let col = 1; col <= width; col++) if (!this.isBlank(row, col)) columns.push(col);
      if (columns.length > 0) {
        this.columnsByRow.set(row, columns);
        this.rowList.push(row);
      }
    }
    this.rowList.sort((a, b) => a - b);
    this.indexMerges(raw.merges);
    this.maxRow = maxRow;
    this.maxCol = maxCol;
  }

  /** Formula cells may lie beyond a row's last value (a formula without result). */
  private formulaWidth(row: number): number {
    if (this.formulaRows === null) {
      this.formulaRows = new Map();
      for (const key of Object.keys(this.formulas)) {
        const position = keyPosition(Number(key));
        this.formulaRows.set(position.row, Math.max(this.formulaRows.get(position.row) ?? 0, position.col));
      }
    }
    return this.formulaRows.get(row) ?? 0;
  }

  private isBlank(row: number, col: number): boolean {
    if (this.formulas[cellKey(row, col)] !== undefined) return false;
    const value = this.rowValues.get(row)?.[col - 1];
    return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
  }

  private indexMerges(merges: readonly string[]): void {
    let indexed = 0;
    for (const text of merges) {
      const range = parseRange(text);
      if (!range) continue;
      const size = (range.bottom - range.top + 1) * (range.right - range.left + 1);
      if (size > INDEXED_MERGE_CELLS || indexed + size > MAX_INDEXED_MERGE_CELLS) {
        this.largeMerges.push(range);
        continue;
      }
      indexed += size;
      const master = cellKey(range.top, range.left);
      for (let row = range.top; row <= range.bottom; row++) {
        for (let col = range.left; col <= range.right; col++) {
          if (row !== range.top || col !== range.left) this.mergeMasters.set(cellKey(row, col), master);
        }
      }
    }
  }

  /** The master cell of the merge containing (row, col), or null when the cell is not a merged slave. */
  masterOf(row: number, col: number): { row: number; col: number } | null {
    const master = this.mergeMasters.get(cellKey(row, col));
    if (master !== undefined) return keyPosition(master);
    for (const range of this.largeMerges) {
      const inside = row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
      if (inside && (row !== range.top || col !== range.left)) return { row: range.top, col: range.left };
    }
    return null;
  }

  /** The stored value and formula; `present` is false for cells the file does not contain. */
  raw(row: number, col: number): { present: boolean; value: unknown; formula: string | undefined } {
    const value = this.rowValues.get(row)?.[col - 1];
    const formula = this.formulas[cellKey(row, col)];
    return { present: value !== undefined || formula !== undefined, value, formula };
  }

  /** Rows holding at least one non-blank cell, ascending. */
  rows(): readonly number[] {
    return this.rowList;
  }

  /** Columns of non-blank cells in a row, ascending. */
  columnsIn(row: number): readonly number[] {
    return this.columnsByRow.get(row) ?? [];
  }
}
