import type { CellRef } from '../errors';
import type { RowCells } from './model';

/*
 * `src` of a table row without one CellRef object (and one address string)
 * per value: a row keeps a bit per field that has a source, and the CellRef
 * is made when asked for, from the row number and the sheet's column
 * letters. A hundred thousand VM rows hold a hundred thousand small objects
 * instead of over a million. To its readers it is a plain `Sources` object:
 * `src.ip`, `'ip' in src`, `Object.keys/values/entries(src)`, assignment and
 * `delete` behave as they would on one.
 */

/** What the rows of one sheet share: the fields in bit order. */
export interface RowSourceLayout {
  readonly fields: readonly string[];
  readonly bitOf: ReadonlyMap<string, number>;
}

/** Rows with more bound fields than bits in a small integer keep plain `src` objects. */
export const MAX_COMPACT_FIELDS = 30;

interface RowSourceState {
  readonly layout: RowSourceLayout;
  readonly cells: RowCells<Record<string, unknown>>;
  readonly mask: number;
  /** Sources assigned after the row was read (rare), by field; undefined = deleted. */
  edits: Map<string, CellRef | undefined> | null;
}

export function rowSourceLayout(fields: readonly string[]): RowSourceLayout {
  const unique = [...new Set(fields)];
  if (unique.length > MAX_COMPACT_FIELDS) throw new RangeError(`at most ${MAX_COMPACT_FIELDS} fields per compact row, not ${unique.length}`);
  return { fields: unique, bitOf: new Map(unique.map((field, bit) => [field, bit])) };
}

function refOf(state: RowSourceState, key: string | symbol): CellRef | undefined {
  if (typeof key !== 'string') return undefined;
  if (state.edits?.has(key)) return state.edits.get(key);
  const bit = state.layout.bitOf.get(key);
  if (bit === undefined || (state.mask & (1 << bit)) === 0) return undefined;
  const letters = state.cells.columns[key];
  return letters === undefined ? undefined : { sheet: state.cells.sheet, cell: `${letters}${state.cells.row}` };
}

function keysOf(state: RowSourceState): string[] {
  const keys = state.layout.fields.filter((field) => refOf(state, field) !== undefined);
  for (const [field, ref] of state.edits ?? []) if (ref !== undefined && !keys.includes(field)) keys.push(field);
  return keys;
}

function edit(state: RowSourceState, key: string | symbol, ref: CellRef | undefined): boolean {
  if (typeof key !== 'string') return false;
  (state.edits ??= new Map()).set(key, ref);
  return true;
}

const handler: ProxyHandler<RowSourceState> = {
  get: (state, key) => refOf(state, key),
  has: (state, key) => refOf(state, key) !== undefined,
  ownKeys: (state) => keysOf(state),
  getOwnPropertyDescriptor: (state, key) => {
    const value = refOf(state, key);
    return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
  },
  set: (state, key, value: CellRef | undefined) => edit(state, key, value),
  defineProperty: (state, key, descriptor) => edit(state, key, descriptor.value as CellRef | undefined),
  deleteProperty: (state, key) => edit(state, key, undefined),
};

/** The sources of one row: `filled` has bit `layout.bitOf(field)` set for each field read from its cell. */
export function rowSources<T>(layout: RowSourceLayout, cells: RowCells<T>, filled: number): { [K in keyof T]?: CellRef } {
  const state: RowSourceState = { layout, cells: cells as RowCells<Record<string, unknown>>, mask: filled, edits: null };
  return new Proxy(state, handler) as unknown as { [K in keyof T]?: CellRef };
}
