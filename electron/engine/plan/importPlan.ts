import type { Finding } from '../../../shared/plan/findings';
import { countFindings, makeFinding, type Lang } from '../../../shared/plan/findingCodes';
import type { Plan } from '../../../shared/plan/model';
import { detectSmartx, importSmartx } from './smartx';
import { detectV1, importV1, V1_PROFILE } from './v1/importV1';
import type { FileHashCache } from '../transfer/types';
import { validatePlan, validatePlanFiles } from './validate';
import { openWorkbook, type OpenedWorkbook, type SheetInfo, type WorkbookLimits } from './workbook';
import { orderFindings, planRowCount } from './findingOrder';

export { planToJson, type PlanJson } from '../../../shared/plan/planJson';

export const planProfiles = ['rackpilot-v1', 'smartx'] as const;
export type PlanProfile = (typeof planProfiles)[number];
export type ProfileChoice = 'auto' | PlanProfile;

export interface ImportPlanOptions {
  /** `auto` (default) detects the profile from the sheet names. */
  profile?: ProfileChoice;
  lang?: Lang;
  limits?: Partial<WorkbookLimits>;
  /** Hash image files whose SHA-256 is given (default true). */
  verifyChecksums?: boolean;
  /** Digests computed before (the engine's store): a file already hashed at its size and mtime is not read again. */
  hashes?: FileHashCache;
  signal?: AbortSignal;
  /** Endpoint kinds the engine has providers for; each other kind gets a finding. Without it, kinds are not checked. */
  providerKinds?: readonly string[];
}

export interface ImportSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Sheets of the workbook that was read (all of them: an empty sheet was read too). */
  sheets: number;
  /** Rows (entities) read into the plan. */
  rows: number;
}

export interface ImportPlanResult {
  /** Null only when no profile fits the workbook. A plan with error findings must not be deployed. */
  plan: Plan | null;
  findings: Finding[];
  profile: PlanProfile | 'unknown';
  summary: ImportSummary;
}

/** SmartX's sheet names are specific; v1 names are generic, so SmartX wins when both fit. */
export function detectProfile(wb: OpenedWorkbook): PlanProfile | null {
  if (detectSmartx(wb)) return 'smartx';
  if (detectV1(wb).isV1) return V1_PROFILE;
  return null;
}

function readProfile(wb: OpenedWorkbook, profile: PlanProfile, lang: Lang): { plan: Plan; findings: Finding[] } {
  if (profile === 'smartx') return importSmartx(wb, { lang });
  return importV1(wb);
}

/**
 * Merges the profile's findings with validation's: identical findings once,
 * and no validation finding on a cell the reader already marked as an error
 * (a cell that could not be read yields one finding, not a cascade).
 */
function mergeFindings(readFindings: readonly Finding[], validation: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const readErrors = new Set(readFindings.filter((f) => f.severity === 'error' && f.cell !== null).map((f) => `${f.sheet}!${f.cell}`));
  const merged: Finding[] = [];
  for (const finding of readFindings) {
    const key = `${finding.code}|${finding.sheet}|${finding.cell}|${finding.message}`;
    if (!seen.has(key)) (seen.add(key), merged.push(finding));
  }
  for (const finding of validation) {
    const key = `${finding.code}|${finding.sheet}|${finding.cell}|${finding.message}`;
    if (seen.has(key) || (finding.cell !== null && readErrors.has(`${finding.sheet}!${finding.cell}`))) continue;
    seen.add(key);
    merged.push(finding);
  }
  return merged;
}

/** What a profile read from a workbook, with the little validation still needs of the workbook itself. */
type ReadWorkbook =
  | { profile: PlanProfile; plan: Plan; findings: Finding[]; sheets: SheetInfo[] }
  | { profile: null; result: ImportPlanResult };

function readOpenedWorkbook(wb: OpenedWorkbook, lang: Lang, choice: ProfileChoice): ReadWorkbook {
  const profile = choice === 'auto' ? detectProfile(wb) : choice;
  if (profile === null) {
    const sheets = wb.sheets.map((sheet) => sheet.name).join(', ');
    const findings = [makeFinding('workbook.no_profile', null, { sheets }, lang)];
    return { profile: null, result: { plan: null, findings, profile: 'unknown', summary: { ...countFindings(findings), sheets: 0, rows: 0 } } };
  }
  const read = readProfile(wb, profile, lang);
  return { profile, plan: read.plan, findings: read.findings, sheets: wb.sheets };
}

async function validateRead(read: ReadWorkbook, lang: Lang, options: Omit<ImportPlanOptions, 'limits'>): Promise<ImportPlanResult> {
  if (read.profile === null) return read.result;
  const validation = [
    ...validatePlan(read.plan, lang, options.providerKinds ? { providerKinds: options.providerKinds } : {}),
    ...(await validatePlanFiles(read.plan, lang, {
      verifyChecksums: options.verifyChecksums ?? true,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.hashes ? { hashes: options.hashes } : {}),
    })),
  ];
  const findings = orderFindings(mergeFindings(read.findings, validation), read.sheets);
  return { plan: read.plan, findings, profile: read.profile, summary: { ...countFindings(findings), sheets: read.sheets.length, rows: planRowCount(read.plan) } };
}

/** Imports and validates an already opened workbook (the write-back path reuses it). */
export async function importOpenedWorkbook(wb: OpenedWorkbook, options: Omit<ImportPlanOptions, 'limits'> = {}): Promise<ImportPlanResult> {
  const lang = options.lang ?? wb.lang;
  return validateRead(readOpenedWorkbook(wb, lang, options.profile ?? 'auto'), lang, options);
}

/** Opens and reads in a frame of its own, so the workbook's cells can be collected once the plan is read, before validation. */
async function openAndRead(path: string, lang: Lang, options: ImportPlanOptions): Promise<ReadWorkbook> {
  const wb = await openWorkbook(path, { lang, ...(options.limits ? { limits: options.limits } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  return readOpenedWorkbook(wb, lang, options.profile ?? 'auto');
}

/**
 * Reads a planning workbook with the chosen (or detected) profile and
 * validates it. Throws AppFailure `workbook_unreadable` when the file cannot
 * be read at all (the CLI exits with 2); everything else is a finding.
 */
export async function importPlan(path: string, options: ImportPlanOptions = {}): Promise<ImportPlanResult> {
  const lang = options.lang ?? 'en';
  return validateRead(await openAndRead(path, lang, options), lang, options);
}
