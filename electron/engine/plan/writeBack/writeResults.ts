import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { isLang, type Lang } from '../../../../shared/plan/findingCodes';
import { findingSchema, type Finding } from '../../../../shared/plan/findings';
import { defaultWorkbookLimits } from '../workbook';
import { preflight } from '../workbook/preflight';
import { writeFileAtomic } from './atomicWrite';
import { defaultResultsPath } from './resultsPath';
import { compactDataValidations } from './dataValidations';
import { addFindingsSheet } from './findingsSheet';
import { clearPreviousHighlights, highlightErrors } from './highlights';
import { addResultsSheet } from './resultsSheet';
import { isWriteBackSheet, OWN_SHEET_SUFFIX, resultsText } from './resultsText';
import { runResultsSchema, type RunResults } from './types';
import { finishWorkbookBuffer, prepareWorkbookBuffer } from './xlsxParts';

export { defaultResultsPath };

export interface WriteResultsOptions {
  sourcePath: string;
  /** Default: `defaultResultsPath(sourcePath, results.runId)`. */
  outPath?: string;
  results: RunResults;
  findings: readonly Finding[];
  lang: Lang;
  /** Allow replacing an existing file, the source workbook included. Default false. */
  overwrite?: boolean;
}

async function identity(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    return `${info.dev}:${info.ino}`;
  } catch {
    return null;
  }
}

/** Refuses to replace the source (or any existing file) unless told to. */
async function checkDestination(sourcePath: string, outPath: string, overwrite: boolean): Promise<void> {
  if (overwrite) return;
  const target = await identity(outPath);
  if (resolve(sourcePath) === outPath || (target !== null && target === (await identity(sourcePath)))) {
    fail('conflict', text('host.results.overOriginal', { name: basename(sourcePath) }), {
      hint: text('host.results.overOriginalHint', { copy: basename(defaultResultsPath(sourcePath, 'RUN')) }),
    });
  }
  if (target !== null) {
    fail('conflict', text('host.file.exists', { name: basename(outPath) }), { hint: text('host.file.existsHint') });
  }
}

function parseInput(options: WriteResultsOptions): { results: RunResults; findings: Finding[] } {
  if (!isLang(options.lang)) fail('invalid_request', text('host.results.unknownLang', { lang: String(options.lang) }), { hint: text('host.useLangs') });
  const results = runResultsSchema.safeParse(options.results);
  const findings = z.array(findingSchema).safeParse(options.findings);
  const issue = results.error?.issues[0] ?? findings.error?.issues[0];
  if (!results.success || !findings.success) {
    const where = [results.success ? 'findings' : 'results', ...(issue?.path ?? [])].join('.');
    // zod's message stays as zod said it.
    fail('invalid_request', text('host.results.malformed', { where, issue: issue?.message ?? 'invalid' }));
  }
  return { results: results.data, findings: findings.data };
}

async function loadWorkbook(sourcePath: string): Promise<ExcelJS.Workbook> {
  await preflight(sourcePath, defaultWorkbookLimits);
  const source = await readFile(sourcePath);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((await prepareWorkbookBuffer(source, basename(sourcePath))) as unknown as ExcelJS.Buffer);
  } catch (cause) {
    fail('workbook_unreadable', text('host.results.unreadable', { name: basename(sourcePath) }), {
      hint: text('host.results.unreadableHint'),
      detail: cause instanceof Error ? cause.message : String(cause),
    });
  }
  return wb;
}

/** The sheet name, or with a suffix when the user has a sheet of that name (Excel compares names case-insensitively). */
function freeName(wb: ExcelJS.Workbook, name: string): string {
  const taken = new Set(wb.worksheets.map((ws) => ws.name.toLowerCase()));
  if (!taken.has(name.toLowerCase())) return name;
  let candidate = `${name}${OWN_SHEET_SUFFIX}`;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name}${OWN_SHEET_SUFFIX.replace(')', ` ${n})`)}`;
  return candidate;
}

/** Makes `ws` the sheet Excel opens on, and the only selected tab (two selected tabs would group them). */
function activate(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): void {
  for (const sheet of wb.worksheets) {
    // exceljs leaves `views` undefined for a sheet read without a <sheetViews> element.
    for (const view of sheet.views ?? []) (view as { tabSelected?: boolean }).tabSelected = sheet === ws;
  }
  const index = wb.worksheets.indexOf(ws);
  // Like sheets, a workbook read without <bookViews> has no `views`.
  const view = (wb.views as ExcelJS.WorkbookView[] | undefined)?.[0];
  if (view) view.activeTab = index;
  else wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: index, visibility: 'visible' }];
}

/**
 * Writes a copy of the workbook with the run's results: a `Results` sheet,
 * a `Findings` sheet with links to the cells, and error cells highlighted in
 * the user's sheets, which otherwise stay as they were. Sheets of an earlier
 * write-back are replaced. The file is written next to its final name and
 * renamed into place; the source is never replaced unless `overwrite`.
 */
export async function writeResults(options: WriteResultsOptions): Promise<{ outPath: string }> {
  const { results, findings } = parseInput(options);
  const { lang } = options;
  const sourcePath = resolve(options.sourcePath);
  const outPath = resolve(options.outPath ?? defaultResultsPath(sourcePath, results.runId));
  await checkDestination(sourcePath, outPath, options.overwrite ?? false);
  const wb = await loadWorkbook(sourcePath);

  for (const ws of [...wb.worksheets]) if (isWriteBackSheet(ws.name, ws.getCell('A1').value)) wb.removeWorksheet(ws.id);
  clearPreviousHighlights(wb);
  wb.worksheets.forEach(compactDataValidations);
  const userSheets = new Set(wb.worksheets.map((ws) => ws.name));
  highlightErrors(wb, findings);
  const text = resultsText[lang];
  const resultsSheet = addResultsSheet(wb, freeName(wb, text.resultsSheet), results, lang, userSheets);
  addFindingsSheet(wb, freeName(wb, text.findingsSheet), findings, lang, userSheets);
  activate(wb, resultsSheet);
  // Formulas written by tools that store no result (openpyxl) get one when the copy is opened.
  wb.calcProperties.fullCalcOnLoad = true;

  const data = await finishWorkbookBuffer(await wb.xlsx.writeBuffer(), basename(outPath));
  await writeFileAtomic(outPath, data);
  return { outPath };
}
