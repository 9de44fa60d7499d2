import { toAppError, type ErrorCode } from '../../../shared/errors';
import { parseArgs, UsageError } from './args';
import { deployCommand, deployUsage } from './commands/deploy';
import { labCommand, labUsage } from './commands/lab';
import { cancelCommand, cancelUsage, reportCommand, runsCommand } from './commands/runs';
import { serveCommand } from './commands/serve';
import { planCommand, templateCommand, validateCommand, workbookUsage } from './commands/workbook';
import type { OutputMode } from './progressView';

const usage = `Rackpilot — deploy a planning workbook onto on-site infrastructure.

Usage:
  ${workbookUsage}
  rackpilot serve [--port N]          the web UI on 127.0.0.1 (prints its URL with the launch token)
  ${deployUsage.split('\n').join('\n  ')}
  ${labUsage}
  rackpilot runs [--limit N] [--json] past and active runs
  rackpilot report RUN [--json]       a run's steps, warnings and errors
  ${cancelUsage}       ends an interrupted or paused run; lists what its steps created (it stays)

Data folder: RACKPILOT_HOME, or the desktop app's user-data folder.
Exit codes: 0 ok, 1 failed, 2 could not do what was asked (usage, unreadable input, conflict), 3 cancelled.`;

const valueFlags = new Set(['port', 'targets', 'step-ms', 'log-lines', 'fail-step', 'fail-mode', 'concurrency', 'resume', 'limit', 'lang', 'profile', 'out']);
const booleanFlags = new Set(['json', 'demo', 'lab', 'help', 'force']);

/** Errors the user can fix by asking differently get 2; failures of the work itself get 1. */
const exitCodeByError: Partial<Record<ErrorCode, number>> = {
  invalid_request: 2,
  unknown_channel: 2,
  not_found: 2,
  conflict: 2,
  run_active: 2,
  workbook_unreadable: 2,
  unsupported: 2,
  cancelled: 3,
};

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out.write(`${usage}\n`);
    return command ? 0 : 2;
  }
  try {
    const args = parseArgs(rest, valueFlags, booleanFlags);
    if (args.flags.has('help')) {
      out.write(`${usage}\n`);
      return 0;
    }
    const json = args.flags.has('json');
    const mode: OutputMode = json ? 'json' : out.isTTY ? 'tty' : 'plain';
    switch (command) {
      case 'serve':
        return await serveCommand(args, out);
      case 'deploy':
        return await deployCommand(args, mode, out);
      case 'validate':
        return await validateCommand(args, json, out);
      case 'plan':
        return await planCommand(args, json, out, err);
      case 'template':
        return await templateCommand(args, out);
      case 'lab':
        return await labCommand(args, json, out);
      case 'runs':
        return await runsCommand(args, json, out);
      case 'report':
        return await reportCommand(args, json, out);
      case 'cancel':
        return await cancelCommand(args, json, out);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (cause) {
    if (cause instanceof UsageError) {
      err.write(`rackpilot: ${cause.message}\nTry rackpilot --help.\n`);
      return 2;
    }
    const error = toAppError(cause);
    err.write(`rackpilot: ${error.title}${error.hint ? `\n  ${error.hint}` : ''}${error.detail ? `\n  (${error.detail})` : ''}\n`);
    return exitCodeByError[error.code] ?? 1;
  }
}
