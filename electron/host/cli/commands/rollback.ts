import { createInterface } from 'node:readline/promises';
import type { KeptItem, RollbackItem, RollbackOutcome, RollbackPreview } from '../../../../shared/contract/rollbackChannels';
import { stepTitle } from '../../../../shared/i18n/engineText';
import type { CreatedResource, EngineEvent } from '../../../../shared/runModel';
import { createEngineService } from '../../../engine/service/engineService';
import { createLabController } from '../../../hostShared/lab/labController';
import { createMemorySecretStorage } from '../../../hostShared/memorySecretStorage';
import { type ParsedArgs, UsageError } from '../args';
import { enterMissingPasswords } from '../enterPasswords';
import { call } from '../followRun';
import { langOf } from '../options';
import { appVersion, defaultDataDir } from '../paths';
import { rollbackUsage } from '../usage';

export interface RollbackIo {
  out: NodeJS.WriteStream;
  /** Where the confirmation (and a missing password) is read; a terminal only. */
  input: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

function resourceText(resource: CreatedResource): string {
  const where = resource.node ? `${resource.endpoint}/${resource.node}` : resource.endpoint;
  return `${resource.kind} ${resource.id} "${resource.name}" on ${where}`;
}

/** A step and what it made, one line per resource (or the step alone when its artifacts name nothing). */
function itemLines(item: RollbackItem, suffix = ''): string[] {
  const step = `(step ${item.stepId})${suffix}`;
  if (item.resources.length === 0) return [`  ${stepTitle(item, 'en')}  ${step} — nothing recorded as left; checked`];
  return item.resources.map((resource) => `  ${resourceText(resource)}  ${step}`);
}

const keptReason = (item: KeptItem): string => (item.reason === 'adopted' ? ' — found in place, not made by this run' : ' — this step cannot remove it');

function previewText(preview: RollbackPreview): string {
  const lines = [`Run ${preview.runId} is ${preview.state.replace('_', ' ')}.`];
  if (preview.undo.length === 0) lines.push('Its steps made nothing a rollback can remove.');
  else lines.push('Rolling back removes:', ...preview.undo.flatMap((item) => itemLines(item)));
  if (preview.kept.length > 0) lines.push('Stays in place:', ...preview.kept.flatMap((item) => itemLines(item, keptReason(item))));
  return `${lines.join('\n')}\n`;
}

function outcomeText(outcome: RollbackOutcome): string {
  const lines: string[] = [];
  if (outcome.removed.length > 0) lines.push('Removed:', ...outcome.removed.flatMap((item) => itemLines(item)));
  if (outcome.notRemoved.length > 0) lines.push('Could not remove:', ...outcome.notRemoved.flatMap((item) => itemLines(item, ` — ${item.error.title}`)));
  lines.push(outcome.state === 'rolled_back' ? `Run ${outcome.runId} rolled back.` : `Run ${outcome.runId}: the rollback is incomplete; run rackpilot rollback ${outcome.runId} again to retry.`);
  return `${lines.join('\n')}\n`;
}

async function confirmed(io: RollbackIo): Promise<boolean> {
  const prompt = createInterface({ input: io.input, output: io.out });
  try {
    return /^(y|yes)$/i.test((await prompt.question('Remove them? [y/N] ')).trim());
  } finally {
    prompt.close();
  }
}

/**
 * Undoes what a failed, cancelled or interrupted run made, after saying
 * what that is. Asks first unless --yes; away from a terminal --yes is
 * required (nothing is removed on a guess). A succeeded run needs --force.
 * Exit codes: 0 all removed, 1 some could not be, 2 unknown or unfit run.
 */
export async function rollbackCommand(args: ParsedArgs, json: boolean, io: RollbackIo): Promise<number> {
  const runId = args.positionals[0];
  if (!runId) throw new UsageError(`which run? ${rollbackUsage}`);
  const yes = args.flags.has('yes');
  const force = args.flags.has('force');
  if (!yes && !io.input.isTTY) throw new UsageError('rollback removes what the run made and asks first; away from a terminal, confirm with --yes');
  // A rehearsal's lab died with the process that ran it; the rollback starts one of its own (the undos then find nothing left).
  const lab = createLabController();
  const engine = await createEngineService({ dataDir: defaultDataDir(), host: 'cli', version: appVersion(), lab, secretStorage: createMemorySecretStorage() });
  try {
    // The workbook is read again for its secrets, as on resume: a password it leaves empty comes from RACKPILOT_PASSWORD_* or the terminal.
    await enterMissingPasswords(engine, { runId }, { env: io.env, input: io.input, output: io.out, lang: langOf(args) });
    const preview = await call(engine, 'run:rollbackPreview', { runId, force });
    if (!json) io.out.write(previewText(preview));
    if (preview.needsForce && !force) throw new UsageError(`run ${runId} succeeded; roll it back with --force if you mean to remove its deployment`);
    if (!yes && !(await confirmed(io))) {
      if (!json) io.out.write('Nothing was removed.\n');
      return 3;
    }
    const stop = json ? () => undefined : engine.onEvents((events) => io.out.write(progressLines(events)));
    try {
      const outcome = await call(engine, 'run:rollback', { runId, force });
      io.out.write(json ? `${JSON.stringify(outcome)}\n` : outcomeText(outcome));
      return outcome.state === 'rolled_back' ? 0 : 1;
    } finally {
      stop();
    }
  } finally {
    await engine.close();
    await lab.stop();
  }
}

/** One line per undo that starts or settles, as it happens. */
function progressLines(events: readonly EngineEvent[]): string {
  return events
    .flatMap((event) => {
      if (event.type !== 'step.undo' || event.undo.state === 'queued') return [];
      const what = event.undo.state === 'undoing' ? 'undoing' : event.undo.state === 'undone' ? 'undone ' : 'FAILED ';
      return [`  ${what} ${event.stepId}${event.undo.error ? `: ${event.undo.error.title}` : ''}\n`];
    })
    .join('');
}
