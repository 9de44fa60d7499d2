import { stepTitle } from '../../../shared/i18n/engineText';
import type { Lang } from '../../../shared/plan/findingCodes';
import type { RunSnapshot, RunState } from '../../../shared/runModel';

/**
 * What the CLI says when a run ends other than well: each failed step with
 * its error, where in the plan (`sheet!cell`) and the hint, then the exact
 * command that goes on from here (`again`: the command line that started
 * the run, null when it is not known).
 */
export function outcomeLines(snapshot: RunSnapshot, state: RunState, again: string | null, lang: Lang = 'en'): string[] {
  const failed = snapshot.steps.filter((step) => step.state === 'failed');
  const lines: string[] = [];
  if (state === 'failed') {
    lines.push(`Run ${snapshot.id} failed: ${failed.length} of ${snapshot.steps.length} steps failed.`);
    for (const step of failed) {
      lines.push(`  ✗ ${stepTitle(step, lang)}  [${step.target}; ${step.id}]`);
      if (!step.error) continue;
      lines.push(`    ${step.error.title}`);
      if (step.error.cell) lines.push(`    at ${step.error.cell.sheet}!${step.error.cell.cell}`);
      if (step.error.hint) lines.push(`    ${step.error.hint}`);
      if (step.error.detail) lines.push(`    (${step.error.detail.split('\n')[0]})`);
    }
    lines.push(`The whole report: rackpilot report ${snapshot.id}`);
    if (again) lines.push(`Run it again once fixed (steps already done are found in place, not redone): ${again}`);
  } else if (state === 'cancelled' || state === 'interrupted') {
    lines.push(`Run ${snapshot.id} ${state}.`);
    if (state === 'interrupted') lines.push(`Resume it (steps already done are not run again): rackpilot deploy --resume ${snapshot.id}`);
  } else {
    lines.push(`Run ${snapshot.id} ${state}.`);
  }
  return lines;
}

/** A command line as a POSIX shell reads it back: arguments with spaces or quotes are single-quoted. */
export function shellLine(args: readonly string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
