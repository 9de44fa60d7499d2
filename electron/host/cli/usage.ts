/** Every command's usage in one light module: `--help` and usage errors must not load the commands themselves. */

export const workbookUsage = `rackpilot validate FILE [--json] [--profile auto|rackpilot-v1|smartx] [--lang en|zh|es]
  rackpilot plan FILE --json [--profile ...]      the normalized plan, every value with its sheet!cell, secrets redacted
  rackpilot template OUT.xlsx [--lang en|zh|es] [--force]   (--lang: the template's language; what the command says follows it too)`;

export const deployUsage = `rackpilot deploy FILE [--lab] [--profile auto|rackpilot-v1|smartx]   (--lab: a fresh lab of this process's own)
rackpilot deploy --demo [--targets N] [--step-ms N] [--fail-step ID] [--fail-mode once|always]
rackpilot deploy --resume RUN
  [--concurrency N] [--lang en|zh|es] [--json]   (--lang: step titles; a bar per running target on a terminal)
  Exit codes: 0 succeeded, 1 failed, 3 cancelled, 2 could not start.`;

export const labUsage = 'rackpilot lab start [--lang en|zh|es] [--json]   the built-in simulators on 127.0.0.1, until Ctrl+C / SIGTERM';

export const cancelUsage = 'rackpilot cancel RUN [--lang en|zh|es] [--json]';

export const rollbackUsage = `rackpilot rollback RUN [--yes] [--force] [--lang en|zh|es] [--json]
  removes what a failed, cancelled or interrupted run made (VMs, then what they were made from), after listing it
  asks first; --yes confirms (required away from a terminal); --force also rolls back a succeeded run
  Exit codes: 0 all removed, 1 some could not be (run it again to retry), 2 unknown or unfit run, 3 declined.`;

export const usage = `Rackpilot — deploy a planning workbook onto on-site infrastructure.

Usage:
  ${workbookUsage}
  rackpilot serve [--port N] [--lang en|zh|es]   the web UI on 127.0.0.1 (prints its URL with the launch token)
  ${deployUsage.split('\n').join('\n  ')}
  ${labUsage}
  rackpilot runs [--limit N] [--lang en|zh|es] [--json]  past and active runs
  rackpilot report RUN [--lang en|zh|es] [--json]       a run's steps, warnings and errors
  ${cancelUsage}       ends an interrupted or paused run; lists what its steps created (it stays)
  ${rollbackUsage.split('\n').join('\n  ')}

--lang says a command's own lines, its errors and usage errors in that language; this help stays English,
and --json output is the same whatever --lang says.
Data folder: RACKPILOT_HOME, or the desktop app's user-data folder.
Exit codes: 0 ok, 1 failed, 2 could not do what was asked (usage, unreadable input, conflict), 3 cancelled.`;
