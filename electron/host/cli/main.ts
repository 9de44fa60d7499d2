import type { ErrorCode } from '../../../shared/errors';
import type { PlanLang } from '../../../shared/plan/model';
import { type ParsedArgs, parseArgs, UsageError } from './args';
import type { OutputMode } from './progressView';
import { usage } from './usage';

const valueFlags = new Set(['port', 'targets', 'step-ms', 'log-lines', 'fail-step', 'fail-mode', 'concurrency', 'resume', 'limit', 'lang', 'profile', 'out']);
const booleanFlags = new Set(['json', 'demo', 'lab', 'help', 'force', 'yes']);

/** Errors the user can fix by asking differently get 2; failures of the work itself get 1. */
const exitCodeByError: Partial<Record<ErrorCode, number>> = {
  invalid_request: 2,
  unknown_channel: 2,
  not_found: 2,
  conflict: 2,
  run_active: 2,
  workbook_unreadable: 2,
  unsupported: 2,
  secret_required: 2,
  cancelled: 3,
};

interface CommandContext {
  args: ParsedArgs;
  mode: OutputMode;
  json: boolean;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
}

/*
 * Each command is imported when it runs: `--help` and `runs` must not load
 * exceljs, the lab or the engine's providers (each import costs start-up time).
 */
const commands: Record<string, (context: CommandContext) => Promise<number>> = {
  serve: async ({ args, out }) => (await import('./commands/serve')).serveCommand(args, out),
  deploy: async ({ args, mode, out }) => (await import('./commands/deploy')).deployCommand(args, mode, out),
  validate: async ({ args, json, out }) => (await import('./commands/workbook')).validateCommand(args, json, out),
  plan: async ({ args, json, out, err }) => (await import('./commands/workbook')).planCommand(args, json, out, err),
  template: async ({ args, out }) => (await import('./commands/workbook')).templateCommand(args, out),
  lab: async ({ args, json, out }) => (await import('./commands/lab')).labCommand(args, json, out),
  runs: async ({ args, json, out }) => (await import('./commands/runs')).runsCommand(args, json, out),
  report: async ({ args, json, out }) => (await import('./commands/runs')).reportCommand(args, json, out),
  cancel: async ({ args, json, out }) => (await import('./commands/runs')).cancelCommand(args, json, out),
  rollback: async ({ args, json, out }) => (await import('./commands/rollback')).rollbackCommand(args, json, { out, input: process.stdin, env: process.env }),
};

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out.write(`${usage}\n`);
    return command ? 0 : 2;
  }
  let args: ParsedArgs | undefined;
  try {
    args = parseArgs(rest, valueFlags, booleanFlags);
    if (args.flags.has('help')) {
      out.write(`${usage}\n`);
      return 0;
    }
    const run = Object.hasOwn(commands, command) ? commands[command] : undefined;
    if (!run) throw new UsageError(`unknown command "${command}"`, { key: 'cli.usage.unknownCommand', params: { command } });
    const json = args.flags.has('json');
    return await run({ args, json, mode: json ? 'json' : out.isTTY ? 'tty' : 'plain', out, err });
  } catch (cause) {
    // The catalogue is loaded only here: `--help` does not need it, nor shared/errors (which pulls in zod).
    const { sayOr } = await import('../../../shared/i18n/engineText');
    const lang = await errorLang(args, rest);
    if (cause instanceof UsageError) {
      err.write(`rackpilot: ${sayOr(lang, cause.text, cause.message)}\n${sayOr(lang, { key: 'cli.usage.tryHelp' }, 'Try rackpilot --help.')}\n`);
      return 2;
    }
    const { toAppError } = await import('../../../shared/errors');
    const error = toAppError(cause);
    const title = sayOr(lang, error.text, error.title);
    const hint = error.hint === undefined ? undefined : sayOr(lang, error.hintText, error.hint);
    err.write(`rackpilot: ${title}${hint ? `\n  ${hint}` : ''}${error.detail ? `\n  (${error.detail})` : ''}\n`);
    return exitCodeByError[error.code] ?? 1;
  }
}

/**
 * The language the command was asked to speak (`--lang`), so its error reads
 * like the rest of its output; English when `--lang` is itself wrong. When
 * the options did not parse (an unknown option), `--lang` is looked for in
 * the words as typed.
 */
async function errorLang(args: ParsedArgs | undefined, argv: readonly string[]): Promise<PlanLang> {
  const { langOf } = await import('./options');
  try {
    return langOf(args ?? { positionals: [], flags: langFlagIn(argv) });
  } catch {
    return 'en';
  }
}

/** `--lang zh` or `--lang=zh` among unparsed words (the last one wins, as in the parser); nothing after `--`, where words are positionals. */
function langFlagIn(argv: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  for (let index = 0; index < end; index += 1) {
    const word = argv[index]!;
    if (word === '--lang' && index + 1 < end) flags.set('lang', argv[index + 1]!);
    else if (word.startsWith('--lang=')) flags.set('lang', word.slice('--lang='.length));
  }
  return flags;
}
