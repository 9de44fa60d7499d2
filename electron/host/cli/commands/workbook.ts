import { existsSync } from 'node:fs';
import { engineText } from '../../../../shared/i18n/engineText';
import type { Finding } from '../../../../shared/plan/findings';
import type { PlanLang } from '../../../../shared/plan/model';
import { importPlan, planToJson } from '../../../engine/plan/importPlan';
import { type ParsedArgs, UsageError } from '../args';
import { langOf, profileOf } from '../options';
import { displayWidth, padToWidth } from '../../../../shared/text/displayWidth';
import { workbookUsage } from '../usage';

/*
 * Workbook commands read files only: they need no engine, no store and no
 * data-folder lock, so they work while the app is open.
 */

const whichFile = { workbook: 'cli.usage.whichWorkbook', 'output file': 'cli.usage.whichOutput' } as const;

function fileOf(args: ParsedArgs, what: keyof typeof whichFile): string {
  const file = args.positionals[0];
  if (!file) throw new UsageError(`which ${what}?\n  ${workbookUsage}`, { key: whichFile[what], params: { usage: workbookUsage } });
  return file;
}

const whereOf = (finding: Finding): string => (finding.sheet ? `${finding.sheet}${finding.cell ? `!${finding.cell}` : ''}` : '(file)');

/**
 * One finding per line in columns (severity, sheet!cell, code, message) and
 * its hint under the message; columns are measured in terminal cells, so
 * Chinese sheet names (two cells a character) line up too.
 */
export function findingLines(findings: readonly Finding[], lang: PlanLang = 'en'): string[] {
  const severityOf = (finding: Finding): string => engineText(lang, `cli.severity.${finding.severity}`);
  const severityWidth = Math.max(0, ...findings.map((finding) => displayWidth(severityOf(finding))));
  const whereWidth = Math.min(32, Math.max(0, ...findings.map((finding) => displayWidth(whereOf(finding)))));
  const codeWidth = Math.min(40, Math.max(0, ...findings.map((finding) => displayWidth(finding.code))));
  const indent = ' '.repeat(severityWidth + whereWidth + codeWidth + 4);
  return findings.flatMap((finding) => [
    `${padToWidth(severityOf(finding), severityWidth)} ${padToWidth(whereOf(finding), whereWidth)} ${padToWidth(finding.code, codeWidth)}  ${finding.message}`,
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
    for (const line of findingLines(result.findings, langOf(args))) out.write(`${line}\n`);
    const { errors, warnings, infos, rows } = result.summary;
    out.write(`${engineText(langOf(args), 'cli.validate.summary', { profile: result.profile, rows, errors, warnings, infos })}\n`);
  }
  return result.summary.errors > 0 ? 1 : 0;
}

export async function planCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  if (!json) throw new UsageError('rackpilot plan prints JSON: add --json', { key: 'cli.usage.planJson' });
  const result = await importPlan(fileOf(args, 'workbook'), { profile: profileOf(args), lang: langOf(args) });
  if (!result.plan) {
    for (const line of findingLines(result.findings, langOf(args))) err.write(`${line}\n`);
    return 1;
  }
  out.write(`${JSON.stringify({ plan: planToJson(result.plan), summary: result.summary })}\n`);
  return result.summary.errors > 0 ? 1 : 0;
}

export async function templateCommand(args: ParsedArgs, out: NodeJS.WriteStream): Promise<number> {
  const target = fileOf(args, 'output file');
  const overwrite = args.flags.has('force');
  // --lang is the template's language, and its messages follow it too: one language per command line.
  const lang = langOf(args);
  if (existsSync(target) && !overwrite) throw new UsageError(`${target} exists; add --force to replace it`, { key: 'cli.usage.exists', params: { file: target } });
  // exceljs's writer only for this command: validate and plan do not load it.
  const { writeTemplate } = await import('../../../engine/plan/template/writeTemplate');
  await writeTemplate(target, { lang, overwrite });
  out.write(`${engineText(lang, 'cli.template.wrote', { file: target })}\n`);
  return 0;
}
