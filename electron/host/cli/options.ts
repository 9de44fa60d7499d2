import { planLangs, type PlanLang } from '../../../shared/plan/model';
import { type ParsedArgs, stringFlag, UsageError } from './args';

/*
 * Options that name something are checked against what exists, so a typo
 * is a usage error (exit 2) rather than an option silently ignored.
 */

const profiles = ['auto', 'rackpilot-v1', 'smartx'] as const;
export type ProfileOption = (typeof profiles)[number];

export function langOf(args: ParsedArgs): PlanLang {
  return oneOf(args, 'lang', planLangs, 'en');
}

export function profileOf(args: ParsedArgs): ProfileOption {
  return oneOf(args, 'profile', profiles, 'auto');
}

export function oneOf<const T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = stringFlag(args, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    const [choices, last] = [allowed.slice(0, -1).join(', '), allowed.at(-1)!];
    throw new UsageError(`--${name} must be ${choices} or ${last} (not "${value}")`, { key: 'cli.usage.oneOf', params: { name, choices, last, value } });
  }
  return value as T;
}

/** What options are refused for: each reason's words for one option and for several. */
const refusals = {
  demoOnly: 'to --demo only',
  workbookOnly: 'to a workbook deploy only',
  newRunOnly: 'to a new run, not to --resume',
} as const;

/** Refuses options that mean nothing for what was asked (`--fail-step` on a workbook deploy). */
export function refuseFlags(args: ParsedArgs, names: readonly string[], why: keyof typeof refusals): void {
  const given = names.filter((name) => args.flags.has(name));
  if (given.length === 0) return;
  const flags = given.map((name) => `--${name}`).join(', ');
  const one = given.length === 1;
  throw new UsageError(`${flags} ${one ? 'applies' : 'apply'} ${refusals[why]}`, { key: `cli.usage.${why}.${one ? 'one' : 'many'}`, params: { flags } });
}

/** `--fail-step` names a step id or the prefix of some (`demo.upload`); anything else is refused, with ids that exist. */
export function checkStepName(name: string, stepIds: readonly string[]): void {
  if (stepIds.some((id) => id.startsWith(name))) return;
  const examples = stepIds.filter((id, index) => index < 4 || id === stepIds.at(-1));
  throw new UsageError(`--fail-step "${name}" matches no step of this plan; ids look like ${examples.join(', ')} (an id or its beginning)`, {
    key: 'cli.usage.failStep',
    params: { name, examples: examples.join(', ') },
  });
}
