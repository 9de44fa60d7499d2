import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import type { EngineTextKey, TextParams } from '../../../shared/i18n/engineText';

/** Flags (`--json`, `--port 0`, `--lang=zh`) and positionals, with no surprises: unknown flags are errors. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

/** A usage error's words in the catalogue, so `--lang` says it; a type-only import keeps the catalogue out of `--help`'s start. */
export interface UsageText {
  key: EngineTextKey;
  params?: TextParams;
}

/** The English message (what scripts and logs read) and, when Rackpilot's own words, its catalogue text for the reader's language. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly text?: UsageText,
  ) {
    super(message);
  }
}

/** Node's parser does the parsing; its messages are rewritten into the CLI's one-line usage errors. */
function usageErrorOf(cause: unknown): UsageError {
  const { code, message } = cause as { code?: string; message?: string };
  const option = /'(-{1,2}[^' <=]+)/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option ${option}`, { key: 'cli.usage.unknownOption', params: { option } });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(message ?? '')
      ? new UsageError(`${option} takes no value`, { key: 'cli.usage.takesNoValue', params: { option } })
      : new UsageError(`${option} needs a value`, { key: 'cli.usage.needsValue', params: { option } });
  }
  // Node's own words for a case the CLI does not know: they stay English.
  return new UsageError(message ?? String(cause));
}

export function parseArgs(argv: string[], valueFlags: ReadonlySet<string>, booleanFlags: ReadonlySet<string>): ParsedArgs {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const name of valueFlags) options[name] = { type: 'string' };
  for (const name of booleanFlags) options[name] = { type: 'boolean' };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseNodeArgs({ args: argv, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (cause) {
    throw usageErrorOf(cause);
  }
  const flags = new Map<string, string | true>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value !== undefined && value !== false) flags.set(name, value);
  }
  return { positionals: parsed.positionals, flags };
}

export function intFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = args.flags.get(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw === true || raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`, { key: 'cli.usage.wholeNumber', params: { name, min, max } });
  }
  return value;
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const raw = args.flags.get(name);
  return typeof raw === 'string' ? raw : undefined;
}
