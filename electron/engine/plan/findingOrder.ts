import type { Finding } from '../../../shared/plan/findings';
import { entityLists, type Plan } from '../../../shared/plan/model';
import { parseAddress } from './workbook';

/**
 * Findings in reading order: the file first, then sheet by sheet in workbook
 * order, then row by row, column by column. Stable, so findings about the
 * same cell keep the order the checks produced them in.
 */
export function orderFindings(findings: readonly Finding[], sheets: ReadonlyArray<{ name: string; index: number }>): Finding[] {
  const sheetIndex = new Map(sheets.map((sheet) => [sheet.name, sheet.index] as const));
  const rank = (finding: Finding): [number, number, number] => {
    if (finding.sheet === null) return [-1, 0, 0];
    const sheet = sheetIndex.get(finding.sheet) ?? sheets.length;
    const first = finding.cell === null ? null : parseAddress(finding.cell.split(':')[0] ?? '');
    return [sheet, first?.row ?? 0, first?.col ?? 0];
  };
  return findings
    .map((finding, position) => ({ finding, position, key: rank(finding) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.position - b.position)
    .map((entry) => entry.finding);
}

/** How many rows became entities of the plan. */
export function planRowCount(plan: Plan): number {
  return entityLists.reduce((rows, list) => rows + plan[list].length, 0);
}
