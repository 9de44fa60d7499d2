import type { FindingSeverity, Finding } from '../../../../shared/plan/findings';
import type { FindingParams, FindingWhere, Lang } from '../../../../shared/plan/findingCodes';
import type { CellRef } from '../../../../shared/plan/model';
import { Secret } from '../../../../shared/plan/secret';
import { formatAddress, NA_MARKERS, type CellValue, type OpenedWorkbook } from '../workbook';
import { makeSmartxFinding, type SmartxCode } from './smartxCodes';

/** What people write in the template for "not applicable" (the reader's list plus the template's `---`). */
export const SMARTX_NA: readonly string[] = [...NA_MARKERS, '--', '---', 'none', '不涉及', '暂无'];

/** A read cell: its text (null when empty or not applicable) and where to point a finding about it. */
export interface Read {
  text: string | null;
  value: CellValue;
  ref: CellRef;
}

/**
 * Shared state of one import: the workbook, the UI language and the
 * findings so far. Cell reads resolve merges and formulas through the
 * reader and point at the cell a person would edit (a merge's top-left).
 */
export class ImportContext {
  readonly findings: Finding[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly wb: OpenedWorkbook,
    readonly lang: Lang,
  ) {}

  /** The sheet's real name (the workbook may spell it with other width or case), or null when absent. */
  sheetName(name: string): string | null {
    return this.wb.findSheet(name)?.name ?? null;
  }

  read(sheet: string, row: number, col: number): Read {
    const address = formatAddress(row, col);
    const cell = this.wb.cell(sheet, address);
    const value = this.wb.value(sheet, address, { emptyMarkers: SMARTX_NA });
    const text = this.wb.text(sheet, address, { emptyMarkers: SMARTX_NA });
    return { text, value, ref: { sheet, cell: cell.master ?? address } };
  }

  /** The raw trimmed text, N/A included; for labels and note detection. */
  label(sheet: string, row: number, col: number): string {
    return this.wb.text(sheet, formatAddress(row, col)) ?? '';
  }

  secret(read: Read): Secret | null {
    // Passwords are taken as typed, spaces included; only an empty cell means "no password".
    if (read.text === null) return null;
    return new Secret(typeof read.value === 'string' ? read.value : read.text);
  }

  add(code: SmartxCode, where: FindingWhere, params: FindingParams = {}, severity?: FindingSeverity): void {
    const key = `${code}|${where?.sheet ?? ''}|${where?.cell ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const options = severity ? { severity } : {};
    this.findings.push(makeSmartxFinding(code, where, params, this.lang, options));
  }

  /** `value.required` for an empty cell; returns whether the value is there. */
  require(read: Read, field: string, severity?: FindingSeverity): read is Read & { text: string } {
    if (read.text !== null) return true;
    this.add('value.required', read.ref, { field }, severity);
    return false;
  }
}

export function refText(ref: CellRef): string {
  return `${ref.sheet}!${ref.cell}`;
}
