import type { FindingCode, FindingParams } from '../../../../shared/plan/findingCodes';
import { Secret } from '../../../../shared/plan/secret';
import { normalizeFingerprint, normalizeSha256 } from '../formats';
import { suggest } from '../suggest';
import { NA_MARKERS, textOf, valueOf, type CellData, type OpenedWorkbook } from '../workbook';
import type { ColumnDef, ColumnType, SizeUnit } from './columnTypes';
import { parseBool, parseDecimal, parseDuration, parseSize, splitList } from './units';

/** Words meaning "every VM" in a run-on list. */
const ALL_WORDS = new Set(['all', '*', '全部', '所有', 'todos', 'todas']);

export interface CellContext {
  wb: OpenedWorkbook;
  sheet: string;
  /** The header as written in the workbook, used in messages. */
  label: string;
  /** A unit named in the header, overriding a size column's bare unit. */
  headerUnit: SizeUnit | null;
}

/** `empty`: nothing in the cell; `invalid`: a finding was reported; otherwise the typed value. */
export type CellOutcome = { kind: 'empty' } | { kind: 'invalid' } | { kind: 'value'; value: unknown };

const empty: CellOutcome = { kind: 'empty' };
const invalid: CellOutcome = { kind: 'invalid' };
const ok = (value: unknown): CellOutcome => ({ kind: 'value', value });

function problem(context: CellContext, address: string, code: FindingCode, params: FindingParams): CellOutcome {
  context.wb.report(code, context.sheet, address, { field: context.label, ...params });
  return invalid;
}

function parseInt(context: CellContext, address: string, raw: string | number): CellOutcome {
  const number = typeof raw === 'number' ? raw : /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : parseDecimal(raw);
  if (number === null || !Number.isFinite(number)) return problem(context, address, 'value.not_number', { value: String(raw) });
  if (!Number.isInteger(number)) return problem(context, address, 'value.not_integer', { value: number });
  return ok(number);
}

function matchEnum(type: Extract<ColumnType, { kind: 'enum' }>, text: string): string | null {
  const folded = text.normalize('NFKC').trim().toLowerCase();
  const direct = type.values.find((value) => value === folded) ?? type.aliases?.[folded];
  if (direct) return direct;
  if (!type.prefix) return null;
  const candidates = [...type.values, ...Object.keys(type.aliases ?? {})].sort((a, b) => b.length - a.length);
  const hit = candidates.find((candidate) => folded.startsWith(candidate) && !/[a-z]/.test(folded[candidate.length] ?? ''));
  return hit === undefined ? null : (type.values.find((value) => value === hit) ?? type.aliases?.[hit] ?? null);
}

const naOptions = { emptyMarkers: NA_MARKERS };

/** Reads one cell (from `wb.cell`/`cellAt`) as the column's type; problems become findings on the workbook, never exceptions. */
export function parseCell(context: CellContext, cell: CellData, column: ColumnDef): CellOutcome {
  const address = cell.address;
  // The reader has already reported a formula it could not evaluate; "required" on top would say it twice.
  if (cell.formula !== undefined && !cell.hasCachedValue && !cell.evaluated) return invalid;
  const raw = valueOf(cell, naOptions);
  if (raw === null) return empty;
  const text = textOf(cell, naOptions) ?? '';
  const type = column.type;
  switch (type.kind) {
    case 'string':
      if (type.maxLength !== undefined && text.length > type.maxLength) return problem(context, address, 'value.too_long', { max: type.maxLength });
      return ok(text);
    case 'text':
      return ok(typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').replace(/\s+$/, '') : text);
    case 'ip':
    case 'cidr':
      return ok(text);
    case 'fingerprint':
      return ok(normalizeFingerprint(text) ?? text);
    case 'sha256':
      return ok(normalizeSha256(text) ?? text);
    case 'int':
      return typeof raw === 'boolean' || raw instanceof Date ? problem(context, address, 'value.not_number', { value: text }) : parseInt(context, address, raw);
    case 'size': {
      const source = typeof raw === 'number' ? raw : text;
      const size = parseSize(source, context.headerUnit ?? type.bareUnit, type.unit, type.round);
      return size === null ? problem(context, address, 'value.bad_size', { value: text, bareUnit: context.headerUnit ?? type.bareUnit }) : ok(size);
    }
    case 'duration': {
      const seconds = typeof raw === 'number' || typeof raw === 'string' ? parseDuration(raw) : null;
      return seconds === null ? problem(context, address, 'value.not_number', { value: text }) : ok(seconds);
    }
    case 'bool': {
      const flag = typeof raw === 'number' || typeof raw === 'string' || typeof raw === 'boolean' ? parseBool(raw) : null;
      return flag === null ? problem(context, address, 'value.bad_bool', { value: text }) : ok(flag);
    }
    case 'enum': {
      const value = matchEnum(type, text);
      if (value !== null) return ok(value);
      const suggestion = suggest(text, [...type.values, ...Object.keys(type.aliases ?? {})]);
      const mapped = suggestion === null ? null : (type.aliases?.[suggestion] ?? suggestion);
      return problem(context, address, 'value.not_in_list', { value: text, allowed: type.values.join(', '), suggestion: mapped });
    }
    case 'list':
      return ok(splitList(text));
    case 'secret':
      return ok(new Secret(typeof raw === 'string' ? raw.trim() : text));
    case 'ref': {
      if (!type.list) return ok(text);
      const items = splitList(text);
      if (type.allowAll && items.length === 1 && ALL_WORDS.has(items[0]!.toLowerCase())) return ok('all');
      return ok(items);
    }
  }
}

/** The value a column takes when its cell is empty or invalid. */
export function fallbackValue(column: ColumnDef): unknown {
  if (column.default !== undefined) return Array.isArray(column.default) ? [...column.default] : column.default;
  if (column.type.kind === 'list' || (column.type.kind === 'ref' && column.type.list)) return [];
  if (column.required && (column.type.kind === 'int' || column.type.kind === 'size')) return 0;
  if (column.required && column.type.kind !== 'secret') return '';
  return null;
}
