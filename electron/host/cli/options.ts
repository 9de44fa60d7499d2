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
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)} (not "${value}")`);
  return value as T;
}

/** Refuses options that mean nothing for what was asked (`--fail-step` on a workbook deploy). */
export function refuseFlags(args: ParsedArgs, names: readonly string[], why: string): void {
  const given = names.filter((name) => args.flags.has(name));
  if (given.length > 0) throw new UsageError(`${given.map((name) => `--${name}`).join(', ')} ${given.length === 1 ? 'applies' : 'apply'} ${why}`);
}

/** `--fail-step` names a step id or the prefix of some (`demo.upload`); anything else is refused, with ids that exist. */
export function checkStepName(name: string, stepIds: readonly string[]): void {
  if (stepIds.some((id) => id.startsWith(name))) return;
  const examples = stepIds.filter((id, index) => index < 4 || id === stepIds.at(-1));
  throw new UsageError(`--fail-step "${name}" matches no step of this plan; ids look like ${examples.join(', ')} (an id or its beginning)`);
}
