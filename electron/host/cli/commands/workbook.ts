import { existsSync } from 'node:fs';
import type { Finding } from '../../../../shared/plan/findings';
import { importPlan, planToJson } from '../../../engine/plan/importPlan';
import { type ParsedArgs, UsageError } from '../args';
import { langOf, profileOf } from '../options';
import { displayWidth, padToWidth } from '../../../../shared/text/displayWidth';
import { workbookUsage } from '../usage';

/*
 * Workbook commands read files only: they need no engine, no store and no
 * data-folder lock, so they work while the app is open.
 */

function fileOf(args: ParsedArgs, what: string): string {
  const file = args.positionals[0];
  if (!file) throw new UsageError(`which ${what}?\n  ${workbookUsage}`);
  return file;
}

const whereOf = (finding: Finding): string => (finding.sheet ? `${finding.sheet}${finding.cell ? `!${finding.cell}` : ''}` : '(file)');

/**
 * One finding per line in columns (severity, sheet!cell, code, message) and
 * its hint under the message; columns are measured in terminal cells, so
 * Chinese sheet names (two cells a character) line up too.
 */
export function findingLines(findings: readonly Finding[]): string[] {
  const severityWidth = Math.max(0, ...findings.map((finding) => displayWidth(finding.severity)));
  const whereWidth = Math.min(32, Math.max(0, ...findings.map((finding) => displayWidth(whereOf(finding)))));
  const codeWidth = Math.min(40, Math.max(0, ...findings.map((finding) => displayWidth(finding.code))));
  const indent = ' '.repeat(severityWidth + whereWidth + codeWidth + 4);
  return findings.flatMap((finding) => [
    `${padToWidth(finding.severity, severityWidth)} ${padToWidth(whereOf(finding), whereWidth)} ${padToWidth(finding.code, codeWidth)}  ${finding.message}`,
    `${indent}${finding.hint}`,
  ]);
}

/** Exit 0 without error findings, 1 with; an unreadable file throws workbook_unreadable (exit 2). */
export async function validateCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream): Promise<number> {
  // The engine's provider kinds, so validate finds what the UI's Validate finds (an endpoint nothing here deploys).
  const { createProviderRegistry } = await import('../../../engine/providers/registry');
  const providerKinds = createProviderRegistry().kinds;
  const result = await importPlan(fileOf(args, 'workbook'), { profile: profileOf(args), lang: langOf(args), providerKinds });
  const findings = result.findings.map(({ severity, code, sheet, cell, message, hint }) => ({ severity, code, sheet, cell, message, hint }));
  if (json) {
    out.write(`${JSON.stringify({ findings, summary: { profile: result.profile, ...result.summary } })}\n`);
  } else {
    for (const line of findingLines(result.findings)) out.write(`${line}\n`);
    const { errors, warnings, infos, rows } = result.summary;
    out.write(`${result.profile}: ${rows} rows, ${errors} error(s), ${warnings} warning(s), ${infos} note(s)\n`);
  }
  return result.summary.errors > 0 ? 1 : 0;
}

export async function planCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  if (!json) throw new UsageError('rackpilot plan prints JSON: add --json');
  const result = await importPlan(fileOf(args, 'workbook'), { profile: profileOf(args), lang: langOf(args) });
  if (!result.plan) {
    for (const line of findingLines(result.findings)) err.write(`${line}\n`);
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
