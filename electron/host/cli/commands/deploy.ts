import { engineText } from '../../../../shared/i18n/engineText';
import { resolve } from 'node:path';
import { defaultStepConcurrency, type RunSnapshot, type RunState } from '../../../../shared/runModel';
import { createEngineService } from '../../../engine/service/engineService';
import { createLabController, type LabFaults } from '../../../hostShared/lab/labController';
import { createMemorySecretStorage } from '../../../hostShared/memorySecretStorage';
import { buildDemoGraph } from '../../../engine/demo/demoPlan';
import { intFlag, type ParsedArgs, stringFlag, UsageError } from '../args';
import { deployUsage } from '../usage';
import { enterMissingPasswords } from '../enterPasswords';
import { call, followRun } from '../followRun';
import { checkStepName, langOf, oneOf, profileOf, refuseFlags } from '../options';
import { appVersion, defaultDataDir, samplePlanDir } from '../paths';
import { LiveArea, liveLines, plainLines, type OutputMode } from '../progressView';
import { outcomeLines, shellLine } from '../runOutcome';

export const exitCodeFor: Record<RunState, number> = {
  succeeded: 0,
  failed: 1,
  cancelled: 3,
  interrupted: 3,
  pending: 1,
  running: 1,
  paused: 1,
  rolling_back: 1,
  rolled_back: 3,
  rollback_failed: 1,
};

/**
 * RACKPILOT_LAB_FAULTS: a JSON array of lab faults (the shapes of the lab's
 * admin API) in force in this process's lab, for drills and tests that need
 * a rehearsal to fail in a chosen way.
 */
function labFaultsFromEnv(env: NodeJS.ProcessEnv = process.env): LabFaults | undefined {
  const text = env.RACKPILOT_LAB_FAULTS;
  if (!text) return undefined;
  try {
    const faults = JSON.parse(text) as unknown;
    if (Array.isArray(faults)) return faults as LabFaults;
  } catch {
    // Reported below with the same words as any other shape.
  }
  throw new UsageError('RACKPILOT_LAB_FAULTS must be a JSON array of lab faults', { key: 'cli.usage.labFaults' });
}

const demoFlags = ['targets', 'step-ms', 'log-lines', 'fail-step', 'fail-mode'];
const workbookFlags = ['lab', 'profile'];

/** The run:start request the options ask for; every option is checked before the engine opens. */
function startRequest(args: ParsedArgs, workbook: string | undefined) {
  const concurrency = intFlag(args, 'concurrency', defaultStepConcurrency, 1, 64);
  if (workbook) {
    refuseFlags(args, demoFlags, 'demoOnly');
    return { source: { kind: 'workbook' as const, path: resolve(workbook), lab: args.flags.has('lab'), profile: profileOf(args) }, concurrency };
  }
  refuseFlags(args, workbookFlags, 'workbookOnly');
  const failStep = stringFlag(args, 'fail-step');
  const source = {
    kind: 'demo' as const,
    targets: intFlag(args, 'targets', 3, 1, 500),
    stepMs: intFlag(args, 'step-ms', 1500, 0, 600_000),
    logLinesPerStep: intFlag(args, 'log-lines', 20, 0, 100_000),
    ...(failStep ? { failStep } : {}),
    failMode: oneOf(args, 'fail-mode', ['once', 'always'], 'always'),
  };
  if (failStep !== undefined) checkStepName(failStep, buildDemoGraph({ ...source, failStep }).steps.map((step) => step.id));
  return { source, concurrency };
}

/** The command that started this run, with the workbook's path made absolute, for "run it again". */
function againLine(args: ParsedArgs, workbook: string | undefined): string {
  const flags = [...args.flags].flatMap(([name, value]) => (value === true ? [`--${name}`] : [`--${name}`, value]));
  return shellLine(['rackpilot', 'deploy', ...(workbook ? [resolve(workbook)] : []), ...flags]);
}

export async function deployCommand(args: ParsedArgs, mode: OutputMode, out: NodeJS.WriteStream): Promise<number> {
  const resume = stringFlag(args, 'resume');
  const workbook = args.positionals[0];
  if (!resume && !args.flags.has('demo') && !workbook) throw new UsageError(`nothing to deploy\n${deployUsage}`, { key: 'cli.usage.nothingToDeploy', params: { usage: deployUsage } });
  if (resume) refuseFlags(args, [...demoFlags, ...workbookFlags], 'newRunOnly');
  const request = resume ? undefined : startRequest(args, workbook);
  const lang = langOf(args);
  const faults = labFaultsFromEnv();
  const lab = createLabController(faults ? { proxmoxFaults: faults } : {});
  const engine = await createEngineService({ dataDir: defaultDataDir(), host: 'cli', version: appVersion(), lab, samplePlanDir, secretStorage: createMemorySecretStorage() });
  const passwordIo = { env: process.env, input: process.stdin, output: process.stderr, lang };
  let runId: string | undefined;
  let cancelling = false;
  const onSignal = () => {
    if (cancelling) return;
    cancelling = true;
    if (mode !== 'json') out.write(`\n${engineText(lang, 'cli.cancelling')}\n`);
    if (runId) void call(engine, 'run:cancel', { runId }).catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (resume) {
      runId = resume;
      await enterMissingPasswords(engine, { runId }, passwordIo);
      await call(engine, 'run:resume', { runId });
    } else {
      if (request!.source.kind === 'workbook') {
        const { path, lab: rehearsal, profile } = request!.source;
        await enterMissingPasswords(engine, { plan: { path, lab: rehearsal, profile } }, passwordIo);
      }
      runId = (await call(engine, 'run:start', request!)).runId;
    }
    if (mode === 'json') out.write(`${JSON.stringify({ type: 'run.started', runId })}\n`);
    else out.write(`${engineText(lang, 'cli.run', { run: runId })}\n`);
    const live = new LiveArea(out);
    let last: RunSnapshot | undefined;
    let lastDraw = 0;
    const state = await followRun(engine, runId, (snapshot, events) => {
      last = snapshot;
      if (mode === 'json') {
        for (const event of events) out.write(`${JSON.stringify(event)}\n`);
      } else if (mode === 'plain') {
        for (const line of plainLines(snapshot, events, lang)) out.write(`${line}\n`);
      } else if (Date.now() - lastDraw > 100 || snapshot.endedAt !== null) {
        lastDraw = Date.now();
        live.draw(liveLines(snapshot, out.columns || 100, lang));
      }
    });
    if (mode !== 'json' && last) {
      const again = resume ? null : againLine(args, workbook);
      for (const line of outcomeLines(last, state, again, lang)) out.write(`${line}\n`);
    }
    return exitCodeFor[state];
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await engine.close();
    await lab.stop();
  }
}
