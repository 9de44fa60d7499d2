import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { isLang, type Lang } from '../../../../shared/plan/findingCodes';
import { writeFileAtomic } from '../writeBack/atomicWrite';
import { finishWorkbookBuffer } from '../writeBack/xlsxParts';
import { addPlanSheets, type PlanSheetsContent } from './planSheets';
import { addReadmeSheet } from './readmeSheet';

export interface WriteTemplateOptions {
  lang: Lang;
  /** Replace an existing file at `outPath` (default: refuse with `conflict`). */
  overwrite?: boolean;
}

/** A workbook in the v1 format: the instructions sheet, then the plan sheets with `content`. */
export async function buildPlanWorkbook(lang: Lang, content: PlanSheetsContent, date: Date = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rackpilot';
  wb.lastModifiedBy = 'Rackpilot';
  wb.created = date;
  wb.modified = date;
  addReadmeSheet(wb, lang);
  addPlanSheets(wb, lang, content);
  return finishWorkbookBuffer(await wb.xlsx.writeBuffer(), 'template');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes an empty Rackpilot plan (format v1) for people to fill in: an
 * instructions sheet, one sheet per entity with headers in `lang`, a note on
 * every header, greyed example rows the importer skips (their names start
 * with `#`), and drop-downs/ranges for closed lists and whole numbers.
 */
export async function writeTemplate(outPath: string, options: WriteTemplateOptions): Promise<void> {
  if (!isLang(options.lang)) fail('invalid_request', text('host.template.unknownLang', { lang: String(options.lang) }), { hint: text('host.useLangs') });
  if (!options.overwrite && (await exists(outPath))) {
    fail('conflict', text('host.file.exists', { name: basename(outPath) }), { hint: text('host.file.existsHint') });
  }
  const data = await buildPlanWorkbook(options.lang, { examples: true });
  await writeFileAtomic(outPath, data);
}
