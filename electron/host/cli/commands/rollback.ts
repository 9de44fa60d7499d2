import { createInterface } from 'node:readline/promises';
import type { KeptItem, RollbackItem, RollbackOutcome, RollbackPreview } from '../../../../shared/contract/rollbackChannels';
import { engineText, sayOr, stepTitle } from '../../../../shared/i18n/engineText';
import { stateWord } from '../../../../shared/i18n/stateWord';
import type { Lang } from '../../../../shared/plan/findingCodes';
import type { EngineEvent } from '../../../../shared/runModel';
import { displayWidth, padToWidth } from '../../../../shared/text/displayWidth';
import { createEngineService } from '../../../engine/service/engineService';
import { createLabController } from '../../../hostShared/lab/labController';
import { createMemorySecretStorage } from '../../../hostShared/memorySecretStorage';
import { type ParsedArgs, UsageError } from '../args';
import { enterMissingPasswords } from '../enterPasswords';
import { call } from '../followRun';
import { langOf } from '../options';
import { appVersion, defaultDataDir } from '../paths';
import { resourceText, stepMark } from '../resourceWords';
import { rollbackUsage } from '../usage';

export interface RollbackIo {
  out: NodeJS.WriteStream;
  /** Where the confirmation (and a missing password) is read; a terminal only. */
  input: NodeJS.ReadStream;
  env: NodeJS.ProcessEnv;
}

/** A step and what it made, one line per resource (or the step alone when its artifacts name nothing). */
function itemLines(item: RollbackItem, lang: Lang, why?: string): string[] {
  const step = `${stepMark(item.stepId, lang)}${why ? ` — ${why}` : ''}`;
  if (item.resources.length === 0) return [`  ${stepTitle(item, lang)}  ${step} — ${engineText(lang, 'cli.rollback.nothingLeft')}`];
  return item.resources.map((resource) => `  ${resourceText(resource, lang)}  ${step}`);
}

const keptReason = (item: KeptItem, lang: Lang): string => engineText(lang, item.reason === 'adopted' ? 'cli.rollback.adopted' : 'cli.rollback.cannotRemove');

function previewText(preview: RollbackPreview, lang: Lang): string {
  const lines = [engineText(lang, 'cli.rollback.runIs', { run: preview.runId, state: stateWord(preview.state, lang) })];
  if (preview.undo.length === 0) lines.push(engineText(lang, 'cli.rollback.nothing'));
  else lines.push(engineText(lang, 'cli.rollback.removes'), ...preview.undo.flatMap((item) => itemLines(item, lang)));
  if (preview.kept.length > 0) lines.push(engineText(lang, 'cli.rollback.stays'), ...preview.kept.flatMap((item) => itemLines(item, lang, keptReason(item, lang))));
  return `${lines.join('\n')}\n`;
}

function outcomeText(outcome: RollbackOutcome, lang: Lang): string {
  const lines: string[] = [];
  if (outcome.removed.length > 0) lines.push(engineText(lang, 'cli.rollback.removed'), ...outcome.removed.flatMap((item) => itemLines(item, lang)));
  if (outcome.notRemoved.length > 0) {
    lines.push(engineText(lang, 'cli.rollback.notRemoved'), ...outcome.notRemoved.flatMap((item) => itemLines(item, lang, sayOr(lang, item.error.text, item.error.title))));
  }
  const run = outcome.runId;
  lines.push(outcome.state === 'rolled_back' ? engineText(lang, 'cli.rollback.done', { run }) : engineText(lang, 'cli.rollback.incomplete', { run, command: `rackpilot rollback ${run}` }));
  return `${lines.join('\n')}\n`;
}

/** What answers yes besides y/yes: the reader's own word for it. */
const yesWords: Readonly<Record<Lang, readonly string[]>> = { en: [], zh: ['是', '是的', '好', '确定'], es: ['s', 'si', 'sí'] };

export function isYes(answer: string, lang: Lang): boolean {
  const word = answer.trim().toLowerCase();
  return word === 'y' || word === 'yes' || yesWords[lang].includes(word);
}

async function confirmed(io: RollbackIo, lang: Lang): Promise<boolean> {
  const prompt = createInterface({ input: io.input, output: io.out });
  try {
    return isYes(await prompt.question(`${engineText(lang, 'cli.rollback.confirm')} `), lang);
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
  if (!runId) throw new UsageError(`which run? ${rollbackUsage}`, { key: 'cli.usage.whichRun', params: { usage: rollbackUsage } });
  const lang = langOf(args);
  const yes = args.flags.has('yes');
  const force = args.flags.has('force');
  if (!yes && !io.input.isTTY) {
    throw new UsageError('rollback removes what the run made and asks first; away from a terminal, confirm with --yes', { key: 'cli.usage.confirmYes' });
  }
  // A rehearsal's lab died with the process that ran it; the rollback starts one of its own (the undos then find nothing left).
  const lab = createLabController();
  const engine = await createEngineService({ dataDir: defaultDataDir(), host: 'cli', version: appVersion(), lab, secretStorage: createMemorySecretStorage() });
  try {
    // The workbook is read again for its secrets, as on resume: a password it leaves empty comes from RACKPILOT_PASSWORD_* or the terminal.
    await enterMissingPasswords(engine, { runId }, { env: io.env, input: io.input, output: io.out, lang });
    const preview = await call(engine, 'run:rollbackPreview', { runId, force });
    if (!json) io.out.write(previewText(preview, lang));
    if (preview.needsForce && !force) {
      throw new UsageError(`run ${runId} succeeded; roll it back with --force if you mean to remove its deployment`, { key: 'cli.usage.needsForce', params: { run: runId } });
    }
    if (!yes && !(await confirmed(io, lang))) {
      if (!json) io.out.write(`${engineText(lang, 'cli.rollback.declined')}\n`);
      return 3;
    }
    const stop = json ? () => undefined : engine.onEvents((events) => io.out.write(progressLines(events, lang)));
    try {
      const outcome = await call(engine, 'run:rollback', { runId, force });
      io.out.write(json ? `${JSON.stringify(outcome)}\n` : outcomeText(outcome, lang));
      return outcome.state === 'rolled_back' ? 0 : 1;
    } finally {
      stop();
    }
  } finally {
    await engine.close();
    await lab.stop();
  }
}

const undoWords = { undoing: 'cli.undo.undoing', undone: 'cli.undo.undone', failed: 'cli.undo.failed' } as const;

/** One line per undo that starts or settles, as it happens; the state words padded alike so the step ids line up. */
function progressLines(events: readonly EngineEvent[], lang: Lang): string {
  const width = Math.max(...Object.values(undoWords).map((key) => displayWidth(engineText(lang, key))));
  return events
    .flatMap((event) => {
      if (event.type !== 'step.undo' || event.undo.state === 'queued') return [];
      const what = engineText(lang, event.undo.state === 'undoing' ? undoWords.undoing : event.undo.state === 'undone' ? undoWords.undone : undoWords.failed);
      const error = event.undo.error ? `: ${sayOr(lang, event.undo.error.text, event.undo.error.title)}` : '';
      return [`  ${padToWidth(what, width)} ${event.stepId}${error}\n`];
    })
    .join('');
}
