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
    if (!run) throw new UsageError(`unknown command "${command}"`);
    const json = args.flags.has('json');
    return await run({ args, json, mode: json ? 'json' : out.isTTY ? 'tty' : 'plain', out, err });
  } catch (cause) {
    if (cause instanceof UsageError) {
      err.write(`rackpilot: ${cause.message}\nTry rackpilot --help.\n`);
      return 2;
    }
    // Loaded only here: shared/errors pulls in zod, which `--help` does not need.
    const [{ toAppError }, { sayOr }] = await Promise.all([import('../../../shared/errors'), import('../../../shared/i18n/engineText')]);
    const error = toAppError(cause);
    const lang = args ? await errorLang(args) : 'en';
    const title = sayOr(lang, error.text, error.title);
    const hint = error.hint === undefined ? undefined : sayOr(lang, error.hintText, error.hint);
    err.write(`rackpilot: ${title}${hint ? `\n  ${hint}` : ''}${error.detail ? `\n  (${error.detail})` : ''}\n`);
    return exitCodeByError[error.code] ?? 1;
  }
}

/** The language the command was asked to speak (`--lang`), so its error reads like the rest of its output; English when `--lang` is itself wrong. */
async function errorLang(args: ParsedArgs): Promise<PlanLang> {
  const { langOf } = await import('./options');
  try {
    return langOf(args);
  } catch {
    return 'en';
  }
}
