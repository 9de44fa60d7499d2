import { engineText, sayOr, stepTitle, type EngineTextKey } from '../../../shared/i18n/engineText';
import { stateWord } from '../../../shared/i18n/stateWord';
import type { Lang } from '../../../shared/plan/findingCodes';
import type { RunSnapshot, RunState } from '../../../shared/runModel';

export { stateWord };

/**
 * What the CLI says when a run ends other than well: each failed step with
 * its error, where in the plan (`sheet!cell`) and the hint, then the exact
 * command that goes on from here (`again`: the command line that started
 * the run, null when it is not known). Words in `lang`; ids, cells and
 * commands as they are.
 */
export function outcomeLines(snapshot: RunSnapshot, state: RunState, again: string | null, lang: Lang = 'en'): string[] {
  const failed = snapshot.steps.filter((step) => step.state === 'failed');
  const lines: string[] = [];
  const say = (key: EngineTextKey, params?: Readonly<Record<string, string | number>>) => engineText(lang, key, params);
  if (state === 'failed') {
    lines.push(say('cli.runFailed', { run: snapshot.id, failed: failed.length, total: snapshot.steps.length }));
    for (const step of failed) {
      lines.push(`  ✗ ${stepTitle(step, lang)}  [${step.target}; ${step.id}]`);
      if (!step.error) continue;
      lines.push(`    ${sayOr(lang, step.error.text, step.error.title)}`);
      if (step.error.cell) lines.push(`    ${say('cli.at', { cell: `${step.error.cell.sheet}!${step.error.cell.cell}` })}`);
      if (step.error.hint) lines.push(`    ${sayOr(lang, step.error.hintText, step.error.hint)}`);
      // The detail is what the platform said, in its words.
      if (step.error.detail) lines.push(`    (${step.error.detail.split('\n')[0]})`);
    }
    lines.push(say('cli.wholeReport', { command: `rackpilot report ${snapshot.id}` }));
    if (again) lines.push(say('cli.runAgain', { command: again }));
  } else {
    lines.push(say('cli.runEnded', { run: snapshot.id, state: stateWord(state, lang) }));
    if (state === 'interrupted') lines.push(say('cli.resume', { command: `rackpilot deploy --resume ${snapshot.id}` }));
  }
  return lines;
}

/** A command line as a POSIX shell reads it back: arguments with spaces or quotes are single-quoted. */
export function shellLine(args: readonly string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
