/** What the parser worker sends back: cells copied out of the sheets' XML, nothing interpreted yet. */
export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface RawSheet {
  name: string;
  state: SheetState;
  /** `A1:B2` ranges. */
  merges: string[];
  /**
   * Flat pairs `rowNumber, values` in row order; `values[col - 1]` holds
   * the value in exceljs's shapes: primitives (rich text flattened to its
   * text), Date, `{error}`, a formula's cached result; undefined for no cell
   * or no result.
   */
  rows: Array<number | unknown[]>;
  /** Formula text (without `=`) by `cellKey(row, col)`. */
  formulas: Record<number, string>;
}

export interface RawWorkbook {
  sheets: RawSheet[];
}

export type WorkerReply = { ok: true; sheets: RawSheet[] } | { ok: false; message: string };
