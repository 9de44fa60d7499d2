import { findingSeverities, type Finding, type FindingSeverity } from '../../../shared/plan/findings';

export interface FindingFilter {
  severities: ReadonlySet<FindingSeverity>;
  /** null: every sheet; '' : findings about the file itself (no sheet). */
  sheet: string | null;
  /** Case-insensitive substring of the code, cell, message or hint. */
  text: string;
}

export const allFindings: FindingFilter = { severities: new Set(findingSeverities), sheet: null, text: '' };

export type SeverityCounts = Record<FindingSeverity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** `Sheet!C5`, the sheet alone, or '' for a finding about the whole file. */
export function findingPlace(finding: Pick<Finding, 'sheet' | 'cell'>): string {
  if (!finding.sheet) return '';
  return finding.cell ? `${finding.sheet}!${finding.cell}` : finding.sheet;
}

/** The sheets findings point at, in the order they first appear. */
export function findingSheets(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((finding) => finding.sheet ?? ''))];
}

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const text = filter.text.trim().toLowerCase();
  return findings.filter((finding) => {
    if (!filter.severities.has(finding.severity)) return false;
    if (filter.sheet !== null && (finding.sheet ?? '') !== filter.sheet) return false;
    if (text === '') return true;
    return [finding.code, findingPlace(finding), finding.message, finding.hint].some((part) => part.toLowerCase().includes(text));
  });
}

const severityRank: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Cell-order for the same sheet (row, then column), so fixing top to bottom follows the list. */
function cellOrder(cell: string | null): [number, number] {
  const match = /^([A-Z]+)(\d+)/.exec(cell ?? '');
  if (!match) return [0, 0];
  const column = [...match[1]!].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
  return [Number(match[2]), column];
}

/** Errors first, then by sheet in workbook order, then by cell. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const sheets = findingSheets(findings);
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => {
      const bySeverity = severityRank[a.finding.severity] - severityRank[b.finding.severity];
      if (bySeverity !== 0) return bySeverity;
      const bySheet = sheets.indexOf(a.finding.sheet ?? '') - sheets.indexOf(b.finding.sheet ?? '');
      if (bySheet !== 0) return bySheet;
      const [rowA, columnA] = cellOrder(a.finding.cell);
      const [rowB, columnB] = cellOrder(b.finding.cell);
      return rowA - rowB || columnA - columnB || a.index - b.index;
    })
    .map(({ finding }) => finding);
}

/**
 * One CSV field: quoted when it holds a separator, quote or line break;
 * text a spreadsheet would run as a formula (= + - @, tab, CR) gets a
 * leading apostrophe, since findings quote cell contents from the workbook.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV (CRLF line ends) with a header row, for Excel and scripts alike. */
export function findingsCsv(findings: readonly Finding[], headers: { severity: string; code: string; place: string; message: string; hint: string }): string {
  const rows = [[headers.severity, headers.code, headers.place, headers.message, headers.hint]];
  for (const finding of findings) rows.push([finding.severity, finding.code, findingPlace(finding), finding.message, finding.hint]);
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Plain text for the clipboard: one finding per line. */
export function findingsText(findings: readonly Finding[]): string {
  return findings.map((finding) => `${finding.severity.toUpperCase()}\t${finding.code}\t${findingPlace(finding) || '-'}\t${finding.message}\t${finding.hint}`).join('\n');
}
