import { existsSync } from 'node:fs';
import type { Finding } from '../../../../shared/plan/findings';
import { planLangs, type PlanLang } from '../../../../shared/plan/model';
import { importPlan, planToJson, type ProfileChoice } from '../../../engine/plan/importPlan';
import { type ParsedArgs, stringFlag, UsageError } from '../args';
import { workbookUsage } from '../usage';

/*
 * Workbook commands read files only: they need no engine, no store and no
 * data-folder lock, so they work while the app is open.
 */

function langOf(args: ParsedArgs): PlanLang {
  const lang = stringFlag(args, 'lang') ?? 'en';
  if (!(planLangs as readonly string[]).includes(lang)) throw new UsageError(`--lang must be one of ${planLangs.join(', ')}`);
  return lang as PlanLang;
}

function profileOf(args: ParsedArgs): ProfileChoice {
  const profile = stringFlag(args, 'profile') ?? 'auto';
  if (!['auto', 'rackpilot-v1', 'smartx'].includes(profile)) throw new UsageError('--profile must be auto, rackpilot-v1 or smartx');
  return profile as ProfileChoice;
}

function fileOf(args: ParsedArgs, what: string): string {
  const file = args.positionals[0];
  if (!file) throw new UsageError(`which ${what}?\n  ${workbookUsage}`);
  return file;
}

export function findingLine(finding: Finding): string {
  const where = finding.sheet ? `${finding.sheet}${finding.cell ? `!${finding.cell}` : ''}` : '(file)';
  return `${finding.severity.padEnd(7)} ${where.padEnd(18)} ${finding.code}  ${finding.message}\n${' '.repeat(27)}${finding.hint}`;
}

/** Exit 0 without error findings, 1 with; an unreadable file throws workbook_unreadable (exit 2). */
export async function validateCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream): Promise<number> {
  const result = await importPlan(fileOf(args, 'workbook'), { profile: profileOf(args), lang: langOf(args) });
  const findings = result.findings.map(({ severity, code, sheet, cell, message, hint }) => ({ severity, code, sheet, cell, message, hint }));
  if (json) {
    out.write(`${JSON.stringify({ findings, summary: { profile: result.profile, ...result.summary } })}\n`);
  } else {
    for (const finding of result.findings) out.write(`${findingLine(finding)}\n`);
    const { errors, warnings, infos, rows } = result.summary;
    out.write(`${result.profile}: ${rows} rows, ${errors} error(s), ${warnings} warning(s), ${infos} note(s)\n`);
  }
  return result.summary.errors > 0 ? 1 : 0;
}

export async function planCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  if (!json) throw new UsageError('rackpilot plan prints JSON: add --json');
  const result = await importPlan(fileOf(args, 'workbook'), { profile: profileOf(args), lang: langOf(args) });
  if (!result.plan) {
    for (const finding of result.findings) err.write(`${findingLine(finding)}\n`);
    return 1;
  }
  out.write(`${JSON.stringify({ plan: planToJson(result.plan), summary: result.summary })}\n`);
  return result.summary.errors > 0 ? 1 : 0;
}

export async function templateCommand(args: ParsedArgs, out: NodeJS.WriteStream): Promise<number> {
  const target = fileOf(args, 'output file');
  const overwrite = args.flags.has('force');
  if (existsSync(target) && !overwrite) throw new UsageError(`${target} exists; add --force to replace it`);
  // exceljs's writer only for this command: validate and plan do not load it.
  const { writeTemplate } = await import('../../../engine/plan/template/writeTemplate');
  await writeTemplate(target, { lang: langOf(args), overwrite });
  out.write(`Wrote ${target}\n`);
  return 0;
}
