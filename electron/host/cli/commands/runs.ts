import { engineText, runName, sayOr, stepTitle, text, say } from '../../../../shared/i18n/engineText';
import { stateWord } from '../../../../shared/i18n/stateWord';
import type { Lang } from '../../../../shared/plan/findingCodes';
import { padToWidth } from '../../../../shared/text/displayWidth';
import { formatDuration } from '../../../../shared/format';
import type { RunSummary } from '../../../../shared/runModel';
import { describeOutcome, stepOutcome } from '../../../../shared/runOutcome';
import { createEngineService } from '../../../engine/service/engineService';
import type { EngineService } from '../../../engine/service/types';
import { intFlag, type ParsedArgs, UsageError } from '../args';
import { langOf } from '../options';
import { cancelUsage } from '../usage';
import { call } from '../followRun';
import { appVersion, defaultDataDir } from '../paths';
import { resourceText, stepMark } from '../resourceWords';

async function withEngine<T>(work: (engine: EngineService) => Promise<T>): Promise<T> {
  const engine = await createEngineService({ dataDir: defaultDataDir(), host: 'cli', version: appVersion() });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}

function summaryRow(run: RunSummary, lang: Lang): string {
  const took = run.startedAt && run.endedAt ? formatDuration(run.endedAt - run.startedAt, lang) : '';
  const counts = Object.entries(run.stepCounts)
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${stateWord(state, lang)}`);
  const countsText = engineText(lang, 'cli.runs.counts', { counts: text('text.commas', { items: counts }) });
  const row = [run.id, padToWidth(stateWord(run.state, lang), 11), new Date(run.createdAt).toISOString().slice(0, 19).replace('T', ' '), padToWidth(took, 12), runName(run, lang), countsText].join('  ');
  return stepOutcome(run.stepCounts).nothingMade ? `${row}  ${describeOutcome(run, lang)}` : row;
}

export async function runsCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream): Promise<number> {
  const runs = await withEngine((engine) => call(engine, 'run:list', { limit: intFlag(args, 'limit', 20, 1, 1000) }));
  if (json) out.write(`${JSON.stringify({ runs })}\n`);
  else if (runs.length === 0) out.write(`${say(langOf(args), text('outcome.cli.noRuns'))}\n`);
  else for (const run of runs) out.write(`${summaryRow(run, langOf(args))}\n`);
  return 0;
}

/** A run's steps and its warnings and errors, for a terminal or as JSON. */
export async function reportCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream): Promise<number> {
  const runId = args.positionals[0];
  if (!runId) throw new UsageError('which run? rackpilot report RUN [--json]', { key: 'cli.usage.whichRun', params: { usage: 'rackpilot report RUN [--json]' } });
  const { snapshot, problems } = await withEngine(async (engine) => ({
    snapshot: await call(engine, 'run:get', { runId }),
    problems: await call(engine, 'run:logs', { runId, minLevel: 'warn', limit: 1000 }),
  }));
  if (json) {
    out.write(`${JSON.stringify({ run: snapshot, problems: problems.lines })}\n`);
    return 0;
  }
  const lang = langOf(args);
  out.write(`${summaryRow(snapshot, lang)}\n${describeOutcome(snapshot, lang)}\n\n`);
  for (const step of snapshot.steps) {
    const took = step.startedAt && step.endedAt ? formatDuration(step.endedAt - step.startedAt, lang) : '';
    out.write(`  ${padToWidth(stateWord(step.state, lang), 10)} ${padToWidth(stepTitle(step, lang), 32)} ${step.id.padEnd(40)} ${took}${step.error ? `  ${sayOr(lang, step.error.text, step.error.title)}` : ''}\n`);
  }
  if (problems.lines.length > 0) {
    out.write(`\n${say(lang, text('outcome.cli.problems'))}\n`);
    for (const line of problems.lines) out.write(`  ${engineText(lang, line.level === 'error' ? 'cli.level.error' : 'cli.level.warn', { text: sayOr(lang, line.textRef, line.text) })}\n`);
  }
  return 0;
}

/** Ends an interrupted run so its environment takes new runs; prints what its steps created, which stays. */
export async function cancelCommand(args: ParsedArgs, json: boolean, out: NodeJS.WriteStream): Promise<number> {
  const runId = args.positionals[0];
  if (!runId) throw new UsageError(`which run? ${cancelUsage}`, { key: 'cli.usage.whichRun', params: { usage: cancelUsage } });
  const lang = langOf(args);
  const { resources } = await withEngine((engine) => call(engine, 'run:cancel', { runId }));
  if (json) {
    out.write(`${JSON.stringify({ runId, state: 'cancelled', resources })}\n`);
    return 0;
  }
  out.write(`${engineText(lang, 'cli.cancel.done', { run: runId })}\n`);
  if (resources.length === 0) out.write(`${engineText(lang, 'cli.cancel.nothing')}\n`);
  else out.write(`${engineText(lang, 'cli.cancel.stays')}\n${resources.map((resource) => `  ${resourceText(resource, lang)}  ${stepMark(resource.stepId, lang)}`).join('\n')}\n`);
  return 0;
}
