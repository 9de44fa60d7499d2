import type { CellRef, RowCells, Sources } from '../../../../shared/plan/model';
import { MAX_COMPACT_FIELDS, rowSourceLayout, rowSources, type RowSourceLayout } from '../../../../shared/plan/rowSources';
import { NA_MARKERS, rowRange, textOf, valueOf, type OpenedWorkbook } from '../workbook';
import type { SheetDef } from './columnTypes';
import { findLabels, type ColumnBinding, type HeaderMatch } from './headerRow';
import { fallbackValue, parseCell, type CellContext } from './parseCell';

/** One row as read: typed values by model field, where each came from, and the whole row. */
export interface RowRecord {
  fields: Record<string, unknown>;
  src: Sources<Record<string, unknown>>;
  /** Every bound column's cell in this row, filled or not (table sheets only). */
  cells?: RowCells<Record<string, unknown>>;
  origin: CellRef;
  row: number;
}

const contexts = new WeakMap<ColumnBinding, CellContext>();

/** One parse context per column, not per cell. */
function contextOf(wb: OpenedWorkbook, sheet: string, binding: ColumnBinding): CellContext {
  let context = contexts.get(binding);
  if (!context) contexts.set(binding, (context = { wb, sheet, label: binding.label, headerUnit: binding.unit }));
  return context;
}

/** A binding with its own row (key/value sheets) reads there; table bindings read the row being imported. */
type Binding = ColumnBinding & { row?: number };

/**
 * Fallbacks per sheet, computed once: rows start as a spread of it (one object
 * shape), lists are copied. The template already holds the slots the entity
 * adds (`src`, `origin`, `cells`): adding them to the copy later would turn
 * each row into a dictionary-mode object, several times larger.
 */
const fallbacks = new WeakMap<SheetDef, { template: Record<string, unknown>; lists: string[] }>();

function freshFields(def: SheetDef): Record<string, unknown> {
  let known = fallbacks.get(def);
  if (!known) {
    const values = Object.fromEntries(def.columns.map((column) => [column.field, fallbackValue(column)]));
    const template = { ...values, src: null, origin: null, ...(def.layout === 'table' ? { cells: null } : {}) };
    known = { template, lists: Object.keys(values).filter((field) => Array.isArray(values[field])) };
    fallbacks.set(def, known);
  }
  const fields = { ...known.template };
  for (const field of known.lists) fields[field] = [...(fields[field] as unknown[])];
  return fields;
}

/** What every row read with the same table bindings shares: column letters by field, and the bit of each field in a row's sources. */
interface TableLayout {
  columns: Record<string, string>;
  sources: RowSourceLayout | null;
}

const tableLayouts = new WeakMap<readonly Binding[], TableLayout>();

function tableLayoutOf(bindings: readonly Binding[]): TableLayout {
  let layout = tableLayouts.get(bindings);
  if (!layout) {
    const fields = bindings.map((binding) => binding.column.field);
    layout = {
      columns: Object.fromEntries(bindings.map((binding) => [binding.column.field, binding.letters])),
      sources: fields.length <= MAX_COMPACT_FIELDS ? rowSourceLayout(fields) : null,
    };
    tableLayouts.set(bindings, layout);
  }
  return layout;
}

function readBindings(wb: OpenedWorkbook, sheetName: string, def: SheetDef, row: number, bindings: readonly Binding[], origin: CellRef): RowRecord {
  const fields = freshFields(def);
  const ownRows = bindings.some((binding) => binding.row !== undefined);
  const table = ownRows ? null : tableLayoutOf(bindings);
  const compact = table?.sources ?? null;
  const src: Record<string, CellRef> = {};
  let filled = 0;
  for (const binding of bindings) {
    const cellRow = binding.row ?? row;
    const address = `${binding.letters}${cellRow}`;
    const cell = wb.cellAt(sheetName, cellRow, binding.col, address);
    const outcome = parseCell(contextOf(wb, sheetName, binding), cell, binding.column);
    const field = binding.column.field;
    if (outcome.kind === 'value') fields[field] = outcome.value;
    if (outcome.kind === 'empty' && binding.column.required) {
      wb.report('value.required', sheetName, address, { field: binding.label });
    }
    // An empty optional cell is a default, so it has no source; a required or invalid one points at the cell to fix.
    if (outcome.kind === 'empty' && !binding.column.required) continue;
    if (compact) filled |= 1 << compact.bitOf.get(field)!;
    else src[field] = { sheet: sheetName, cell: address };
  }
  if (!table) return { fields, src, origin, row };
  const cells = { sheet: sheetName, row, columns: table.columns };
  return { fields, src: compact ? rowSources(compact, cells, filled) : src, cells, origin, row };
}

/** Rows below the header whose key cell is filled; `#` in front of the key makes a row a comment. */
export function readTable(wb: OpenedWorkbook, sheetName: string, def: SheetDef, header: HeaderMatch): RowRecord[] {
  const keyBinding = header.bindings.find((binding) => binding.column.field === def.keyField);
  if (!keyBinding) return [];
  const records: RowRecord[] = [];
  for (const row of wb.rowNumbers(sheetName)) {
    if (row <= header.row) continue;
    const key = textOf(wb.cellAt(sheetName, row, keyBinding.col), { emptyMarkers: NA_MARKERS });
    if (key === null) {
      const hasValues = header.bindings.some((binding) => valueOf(wb.cellAt(sheetName, row, binding.col), { emptyMarkers: NA_MARKERS }) !== null);
      if (hasValues) wb.report('row.no_key', sheetName, rowRange(row, header.firstCol, header.lastCol), { row, column: keyBinding.label });
      continue;
    }
    if (key.startsWith('#')) continue;
    const origin = { sheet: sheetName, cell: rowRange(row, header.firstCol, header.lastCol) };
    records.push(readBindings(wb, sheetName, def, row, header.bindings, origin));
  }
  return records;
}

/** The single record of a key/value sheet; required labels that are absent are reported at the sheet. */
export function readKeyValue(wb: OpenedWorkbook, sheetName: string, def: SheetDef): RowRecord {
  const labels = findLabels(wb, sheetName, def);
  const firstRow = labels.length > 0 ? Math.min(...labels.map((label) => label.row)) : 1;
  const record = readBindings(wb, sheetName, def, firstRow, labels, { sheet: sheetName, cell: `A${firstRow}` });
  for (const column of def.columns) {
    if (column.required && !labels.some((label) => label.column === column)) {
      wb.report('header.column_missing', sheetName, null, { column: column.header[wb.lang], names: `“${column.header[wb.lang]}”` });
    }
  }
  return record;
}

