import type { Finding, FindingSeverity } from './findings';
import { spacedValue } from '../i18n/chineseSpacing';
import { openstackCodes } from './findingCatalogue/openstack';
import { planCodes } from './findingCatalogue/plan';
import { valueCodes } from './findingCatalogue/values';
import { vsphereCodes } from './findingCatalogue/vsphere';
import { workbookCodes } from './findingCatalogue/workbook';
import type { FindingCatalogue, FindingText } from './findingCatalogue/types';
import { planLangs, type PlanLang } from './model';

export type { FindingCatalogue, FindingCodeEntry, FindingText } from './findingCatalogue/types';
export { defineFindingCodes } from './findingCatalogue/types';

/** The UI languages findings are written in. */
export const findingLangs = planLangs;
export type Lang = PlanLang;

/**
 * Every finding code Rackpilot's own readers and validators emit. Codes are
 * stable (scripts and tests match on them); messages may be reworded.
 * A profile with codes of its own builds a catalogue with
 * `defineFindingCodes` and a maker with `createFindingMaker`.
 */
export const findingCodes = { ...workbookCodes, ...valueCodes, ...planCodes, ...vsphereCodes, ...openstackCodes } satisfies FindingCatalogue;
export type FindingCode = keyof typeof findingCodes;

export type FindingParams = Record<string, string | number | null | undefined>;
/** A cell (`C15`), a row range (`A7:K7`), a sheet (cell null) or the whole file (null). */
export type FindingWhere = { sheet: string | null; cell: string | null } | null;

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (findingLangs as readonly string[]).includes(value);
}

/** `{name}` placeholders; unknown ones stay visible so a missing parameter is noticed, not hidden. */
export function fillTemplate(template: string, params: FindingParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string, offset: number) => {
    const value = params[key];
    return value === undefined || value === null ? whole : spacedValue(template, offset, whole.length, String(value));
  });
}

function pickHint(text: FindingText, params: FindingParams): string {
  const [, hint, hintIf] = text;
  if (hintIf) {
    for (const [param, alternative] of Object.entries(hintIf)) {
      const value = params[param];
      if (value !== undefined && value !== null && value !== '') return alternative;
    }
  }
  return hint;
}

/** `Sheet!C15`, `Sheet`, or an empty string; what `{at}` expands to. */
export function formatWhere(where: FindingWhere): string {
  if (!where || where.sheet === null) return '';
  return where.cell === null ? where.sheet : `${where.sheet}!${where.cell}`;
}

export function createFindingMaker<C extends FindingCatalogue>(catalogue: C) {
  return function make(
    code: keyof C & string,
    where: FindingWhere,
    params: FindingParams = {},
    lang: Lang = 'en',
    options: { severity?: FindingSeverity } = {},
  ): Finding {
    const entry = catalogue[code];
    if (!entry) throw new Error(`Unknown finding code ${code}`);
    const all: FindingParams = { sheet: where?.sheet ?? null, cell: where?.cell ?? null, at: formatWhere(where), ...params };
    const text = entry[lang] ?? entry.en;
    return {
      severity: options.severity ?? entry.severity,
      code,
      sheet: where?.sheet ?? null,
      cell: where?.cell ?? null,
      message: fillTemplate(text[0], all),
      hint: fillTemplate(pickHint(text, all), all),
    };
  };
}

/** A finding from the built-in catalogue, in `lang` (English by default). */
export const makeFinding = createFindingMaker(findingCodes);

/** Counts per severity, as importPlan's summary reports them. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}
