import type { Workbook } from 'exceljs';
import { fillTemplate, type Lang } from '../../../../shared/plan/findingCodes';
import { V1_FORMAT_VERSION, v1Sheets } from '../v1/columns';
import { templateText } from './templateText';

/** Quotes a sheet name for a reference (`'Jump hosts'!A1`). */
export function sheetRef(name: string, cell = 'A1'): string {
  return `'${name.replace(/'/g, "''")}'!${cell}`;
}

/**
 * The first sheet a person sees: what the workbook is, the sheets (each
 * name links to its sheet), and the rules that matter when filling it in.
 * Its name is one the importer passes over quietly.
 */
export function addReadmeSheet(wb: Workbook, lang: Lang): void {
  const text = templateText[lang];
  const ws = wb.addWorksheet(text.readmeSheet, { properties: { tabColor: { argb: 'FF1F3864' } } });
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 100;
  ws.getColumn(3).width = 14;
  const title = ws.getCell('A1');
  title.value = fillTemplate(text.title, { version: V1_FORMAT_VERSION });
  title.font = { bold: true, size: 16 };
  let row = 3;
  const paragraph = (value: string, bullet?: string): void => {
    if (bullet !== undefined) Object.assign(ws.getCell(row, 1), { value: bullet, alignment: { horizontal: 'right', vertical: 'top' } });
    const cell = ws.getCell(row, 2);
    cell.value = value;
    cell.alignment = { wrapText: true, vertical: 'top' };
    row++;
  };
  const heading = (value: string): void => {
    row++;
    const cell = ws.getCell(row, 1);
    cell.value = value;
    cell.font = { bold: true, size: 13 };
    row++;
  };
  for (const line of text.intro) paragraph(line);

  heading(text.sheetsHeading);
  text.sheetColumns.forEach((label, index) => Object.assign(ws.getCell(row, index + 1), { value: label, font: { bold: true } }));
  row++;
  for (const def of v1Sheets) {
    const name = def.name[lang];
    ws.getCell(row, 1).value = { text: name, hyperlink: `#${sheetRef(name)}` };
    ws.getCell(row, 1).font = { color: { argb: 'FF0563C1' }, underline: true };
    paragraph(def.help[lang]);
    ws.getCell(row - 1, 3).value = def.required ? text.required : text.optional;
  }

  heading(text.rulesHeading);
  for (const rule of text.rules) paragraph(rule, '•');
}
