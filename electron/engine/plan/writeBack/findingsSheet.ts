import type { Workbook, Worksheet } from 'exceljs';
import type { Lang } from '../../../../shared/plan/findingCodes';
import type { Finding, FindingSeverity } from '../../../../shared/plan/findings';
import { resultsText, statusFills } from './resultsText';
import { fillCell, setCellLink, styleTableHeader } from './resultsSheet';

/*
 * The Findings sheet: the validation findings as a filterable table, in the
 * order given (the importer's reading order), each cell reference a link to
 * the cell in the user's sheet.
 */

const severityFill: Record<FindingSeverity, string> = {
  error: statusFills.bad,
  warning: statusFills.busy,
  info: statusFills.idle,
};

export function addFindingsSheet(wb: Workbook, name: string, findings: readonly Finding[], lang: Lang, userSheets: ReadonlySet<string>): Worksheet {
  const text = resultsText[lang];
  const ws = wb.addWorksheet(name);
  const columns = text.findingColumns;
  [columns.severity, columns.code, columns.cell, columns.message, columns.hint].forEach((header, index) =>
    styleTableHeader(Object.assign(ws.getCell(1, index + 1), { value: header })),
  );
  findings.forEach((finding, index) => {
    const row = ws.getRow(index + 2);
    const severity = row.getCell(1);
    severity.value = text.severities[finding.severity];
    fillCell(severity, severityFill[finding.severity]);
    row.getCell(2).value = finding.code;
    if (finding.sheet !== null) {
      const cell = row.getCell(3);
      if (finding.cell === null) cell.value = finding.sheet;
      else setCellLink(cell, finding.sheet, finding.cell, userSheets);
    }
    row.getCell(4).value = finding.message;
    row.getCell(5).value = finding.hint;
    row.getCell(4).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
  });
  if (findings.length === 0) ws.getCell('A2').value = text.noFindings;
  [12, 26, 18, 80, 60].forEach((width, index) => (ws.getColumn(index + 1).width = width));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 5 } };
  return ws;
}
