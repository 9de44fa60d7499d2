import type { Finding } from '../../../../shared/plan/findings';
import { makeFinding, type FindingCode, type FindingParams, type Lang } from '../../../../shared/plan/findingCodes';
import { formatAddress, parseAddress } from './address';
import { formatGeneralNumber, normalizeRaw, type CellValue } from './cellValue';
import { evaluateFormula, FormulaUnsupported, type UnsupportedReason } from './formula';
import { describeReason } from './formulaReasons';
import type { WorkbookLimits } from './limits';
import type { RawWorkbook, SheetState } from './rawWorkbook';
import { SheetData } from './sheetData';

export type { CellValue } from './cellValue';

export interface SheetInfo {
  name: string;
  /** Position in the workbook, from 0. */
  index: number;
  state: SheetState;
  /** Last row and column holding a cell (1-based), 0 for an empty sheet. */
  maxRow: number;
  maxCol: number;
}

export interface CellData {
  /** The address asked for, normalized (`C15`). */
  address: string;
  value: CellValue;
  /** Formula text without `=`, when the cell (or its merge master) holds one. */
  formula?: string;
  /** False only for a formula cell saved without its result. */
  hasCachedValue: boolean;
  /** The value was computed by Rackpilot's evaluator, not read from the file. */
  evaluated?: boolean;
  /** Master cell of the merged range this cell belongs to; its value is the master's. */
  master?: string;
  /** Excel error shown in the cell (`#N/A`); value is null then. */
  error?: string;
  /** Original length of a string that was cut to the limit. */
  truncatedFrom?: number;
}

export interface ReadOptions {
  /** Texts that mean "nothing here" for this read (compared trimmed, case-insensitively), e.g. NA_MARKERS. */
  emptyMarkers?: readonly string[];
}

/** What people write in planning workbooks for "not applicable". Profiles opt in per read. */
export const NA_MARKERS: readonly string[] = ['n/a', 'na', '-', '—', '无', '/'];

const EMPTY: Readonly<CellData> = { address: '', value: null, hasCachedValue: true };

/**
 * The cells of a workbook after the parser worker has copied them out.
 * Reads never throw: unknown sheets and cells read as empty. Problems found
 * while reading a cell (unevaluable formula, error value, truncated text) are
 * added once to `findings`, in the workbook's language, for the cells a
 * profile actually reads.
 */
export class OpenedWorkbook {
  readonly path: string;
  readonly lang: Lang;
  readonly findings: Finding[] = [];
  private readonly sheetList: SheetData[];
  private readonly byName = new Map<string, SheetData>();
  private readonly byFolded = new Map<string, SheetData>();
  private readonly evaluated = new Map<string, CellData>();
  private readonly evaluating = new Set<string>();
  /** Cells whose formula could not be evaluated; formulas referring to them fail for the same reason. */
  private readonly failures = new Map<string, UnsupportedReason>();
  private readonly reported = new Set<string>();

  constructor(path: string, raw: RawWorkbook, private readonly limits: Pick<WorkbookLimits, 'maxStringChars'>, lang: Lang = 'en') {
    this.path = path;
    this.lang = lang;
    this.sheetList = raw.sheets.map((sheet, index) => new SheetData(sheet, index));
    for (const sheet of this.sheetList) {
      this.byName.set(sheet.name, sheet);
      if (!this.byFolded.has(foldSheetName(sheet.name))) this.byFolded.set(foldSheetName(sheet.name), sheet);
    }
  }

  get sheets(): SheetInfo[] {
    return this.sheetList.map(({ name, index, state, maxRow, maxCol }) => ({ name, index, state, maxRow, maxCol }));
  }

  /** Exact name first, then ignoring case, surrounding spaces and full-width forms (as Excel does for references). */
  findSheet(name: string): SheetInfo | undefined {
    const sheet = this.byName.get(name) ?? this.byFolded.get(foldSheetName(name));
    return sheet && this.sheets[sheet.index];
  }

  cell(sheetName: string, address: string): CellData {
    const position = parseAddress(address);
    if (!position) return { ...EMPTY, address };
    return this.cellAt(sheetName, position.row, position.col);
  }

  /** `cell()` by row and column numbers (1-based), for loops over rows. */
  cellAt(sheetName: string, row: number, col: number, address: string = formatAddress(row, col)): CellData {
    const sheet = this.sheetData(sheetName);
    if (!sheet) return { ...EMPTY, address };
    const master = sheet.masterOf(row, col);
    const result = master ? this.readCell(sheet, master.row, master.col, address) : this.readCell(sheet, row, col, address);
    if (master) result.master = formatAddress(master.row, master.col);
    return result;
  }

  value(sheet: string, address: string, options: ReadOptions = {}): CellValue {
    return valueOf(this.cell(sheet, address), options);
  }

  /** The value as trimmed text: numbers in Excel's General format, dates as ISO, null when empty. */
  text(sheet: string, address: string, options: ReadOptions = {}): string | null {
    return textOf(this.cell(sheet, address), options);
  }

  /** Row numbers with at least one non-blank cell, ascending. */
  rowNumbers(sheet: string): readonly number[] {
    return this.sheetData(sheet)?.rows() ?? [];
  }

  /** Column numbers (1-based) of non-blank cells in a row, ascending. */
  columnsInRow(sheet: string, row: number): readonly number[] {
    return this.sheetData(sheet)?.columnsIn(row) ?? [];
  }

  /** Merged ranges of a sheet (`A1:B2`). */
  merges(sheet: string): readonly string[] {
    return this.sheetData(sheet)?.merges ?? [];
  }

  /** Adds a finding unless the same one (code, place and message) was already reported. */
  report(code: FindingCode, sheet: string | null, cell: string | null, params: FindingParams = {}): void {
    const finding = makeFinding(code, { sheet, cell }, params, this.lang);
    const key = `${code}|${sheet ?? ''}|${cell ?? ''}|${finding.message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.findings.push(finding);
  }

  private sheetData(name: string): SheetData | undefined {
    return this.byName.get(name) ?? this.byFolded.get(foldSheetName(name));
  }

  /** A fresh CellData (callers may add to it); the common case, a plain value, allocates one object. */
  private readCell(sheet: SheetData, row: number, col: number, address: string): CellData {
    const raw = sheet.raw(row, col);
    if (!raw.present) return { address, value: null, hasCachedValue: true };
    const stored = raw.value;
    if (raw.formula === undefined && (typeof stored === 'number' || typeof stored === 'boolean' || (typeof stored === 'string' && stored.length <= this.limits.maxStringChars))) {
      return { address, value: typeof stored === 'number' && !Number.isFinite(stored) ? null : stored, hasCachedValue: true };
    }
    const own = formatAddress(row, col);
    if (raw.formula !== undefined && stored === undefined) return { ...this.evaluateCell(sheet, own, raw.formula), address };
    const { value, error } = normalizeRaw(stored);
    const data: CellData = { address, value, hasCachedValue: true };
    if (raw.formula !== undefined) data.formula = raw.formula;
    if (error !== undefined) {
      data.error = error;
      this.report('cell.error_value', sheet.name, own, { value: error });
    }
    return this.truncate(sheet.name, own, data);
  }

  private evaluateCell(sheet: SheetData, address: string, formula: string): Omit<CellData, 'address'> {
    const key = `${sheet.name}!${address}`;
    const known = this.evaluated.get(key);
    if (known) return known;
    if (this.evaluating.has(key)) throw new FormulaUnsupported({ kind: 'cycle' });
    this.evaluating.add(key);
    let data: CellData;
    try {
      const value = evaluateFormula(formula, {
        lookup: (sheetName, ref) => {
          const target = sheetName === null ? sheet : this.sheetData(sheetName);
          if (!target) throw new FormulaUnsupported({ kind: 'sheet', name: sheetName ?? '' });
          const referenced = this.cell(target.name, ref);
          const failure = this.failures.get(`${target.name}!${referenced.master ?? referenced.address}`);
          if (failure) throw new FormulaUnsupported(failure);
          return referenced.value;
        },
      });
      data = { address, value, formula, hasCachedValue: false, evaluated: true };
    } catch (cause) {
      if (!(cause instanceof FormulaUnsupported)) throw cause;
      // A cycle surfaces in the innermost cell; every cell on it is reported by its own read.
      if (this.evaluating.size > 1 && cause.reason.kind === 'cycle') {
        this.evaluating.delete(key);
        throw cause;
      }
      this.failures.set(key, cause.reason);
      this.report('formula.unevaluated', sheet.name, address, { formula, reason: describeReason(cause.reason, this.lang) });
      data = { address, value: null, formula, hasCachedValue: false };
    } finally {
      this.evaluating.delete(key);
    }
    const truncated = this.truncate(sheet.name, address, data) as CellData;
    this.evaluated.set(key, truncated);
    return truncated;
  }

  private truncate<T extends Omit<CellData, 'address'>>(sheet: string, address: string, data: T): T {
    const limit = this.limits.maxStringChars;
    if (typeof data.value !== 'string' || data.value.length <= limit) return data;
    this.report('cell.truncated', sheet, address, { length: data.value.length, limit });
    return { ...data, value: data.value.slice(0, limit), truncatedFrom: data.value.length };
  }
}

function foldSheetName(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase();
}

const foldedMarkers = new WeakMap<readonly string[], { set: Set<string>; longest: number }>();

function isMarker(trimmed: string, markers: readonly string[] | undefined): boolean {
  if (!markers || markers.length === 0) return false;
  let folded = foldedMarkers.get(markers);
  if (!folded) {
    const set = new Set(markers.map((marker) => marker.normalize('NFKC').toLowerCase()));
    folded = { set, longest: Math.max(...[...set].map((marker) => marker.length)) };
    foldedMarkers.set(markers, folded);
  }
  // Markers are short; most values are longer and need no folding.
  return trimmed.length <= folded.longest && folded.set.has(trimmed.normalize('NFKC').toLowerCase());
}

/** A cell's value with blank text and empty markers read as null. */
export function valueOf(cell: CellData, options: ReadOptions = {}): CellValue {
  const value = cell.value;
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (trimmed === '' || isMarker(trimmed, options.emptyMarkers)) return null;
  return value;
}

/** A cell's value as trimmed text: numbers in Excel's General format, dates as ISO, null when empty. */
export function textOf(cell: CellData, options: ReadOptions = {}): string | null {
  const value = valueOf(cell, options);
  if (value === null) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return formatGeneralNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const iso = value.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}
