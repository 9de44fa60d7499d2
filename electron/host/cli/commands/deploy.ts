import { resolve } from 'node:path';
import type { RunState } from '../../../../shared/runModel';
import { createEngineService } from '../../../engine/service/engineService';
import { createLabController, type LabFaults } from '../../../hostShared/lab/labController';
import { createMemorySecretStorage } from '../../../hostShared/memorySecretStorage';
import { intFlag, type ParsedArgs, stringFlag, UsageError } from '../args';
import { deployUsage } from '../usage';
import { enterMissingPasswords } from '../enterPasswords';
import { call, followRun } from '../followRun';
import { appVersion, defaultDataDir, samplePlanDir } from '../paths';
import { plainLines, statusLine, type OutputMode } from '../progressView';

export const exitCodeFor: Record<RunState, number> = {
  succeeded: 0,
  failed: 1,
  cancelled: 3,
  interrupted: 3,
  pending: 1,
  running: 1,
  paused: 1,
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
  throw new UsageError('RACKPILOT_LAB_FAULTS must be a JSON array of lab faults');
}

export async function deployCommand(args: ParsedArgs, mode: OutputMode, out: NodeJS.WriteStream): Promise<number> {
  const resume = stringFlag(args, 'resume');
  const workbook = args.positionals[0];
  if (!resume && !args.flags.has('demo') && !workbook) throw new UsageError(`nothing to deploy\n${deployUsage}`);
  const faults = labFaultsFromEnv();
  const lab = createLabController(faults ? { proxmoxFaults: faults } : {});
  const engine = await createEngineService({ dataDir: defaultDataDir(), host: 'cli', version: appVersion(), lab, samplePlanDir, secretStorage: createMemorySecretStorage() });
  const passwordIo = { env: process.env, input: process.stdin, output: process.stderr };
  let runId: string | undefined;
  let cancelling = false;
  const onSignal = () => {
    if (cancelling) return;
    cancelling = true;
    if (mode !== 'json') out.write('\nCancelling… (the run can be resumed later with --resume)\n');
    if (runId) void call(engine, 'run:cancel', { runId }).catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (resume) {
      runId = resume;
      await enterMissingPasswords(engine, { runId }, passwordIo);
      await call(engine, 'run:resume', { runId });
    } else if (workbook) {
      const profile = stringFlag(args, 'profile') ?? 'auto';
      const concurrency = intFlag(args, 'concurrency', 4, 1, 64);
      const plan = { path: resolve(workbook), lab: args.flags.has('lab'), profile };
      await enterMissingPasswords(engine, { plan }, passwordIo);
      runId = (await call(engine, 'run:start', { source: { kind: 'workbook', ...plan }, concurrency })).runId;
    } else {
      const failStep = stringFlag(args, 'fail-step');
      const failMode = stringFlag(args, 'fail-mode') ?? 'always';
      const started = await call(engine, 'run:start', {
        source: {
          kind: 'demo',
          targets: intFlag(args, 'targets', 3, 1, 500),
          stepMs: intFlag(args, 'step-ms', 1500, 0, 600_000),
          logLinesPerStep: intFlag(args, 'log-lines', 20, 0, 100_000),
          ...(failStep ? { failStep } : {}),
          failMode,
        },
        concurrency: intFlag(args, 'concurrency', 4, 1, 64),
      });
      runId = started.runId;
    }
    if (mode === 'json') out.write(`${JSON.stringify({ type: 'run.started', runId })}\n`);
    else out.write(`Run ${runId}\n`);
    let lastDraw = 0;
    const state = await followRun(engine, runId, (snapshot, events) => {
      if (mode === 'json') {
        for (const event of events) out.write(`${JSON.stringify(event)}\n`);
      } else if (mode === 'plain') {
        for (const line of plainLines(snapshot, events)) out.write(`${line}\n`);
      } else if (Date.now() - lastDraw > 100 || snapshot.endedAt !== null) {
        lastDraw = Date.now();
        out.write(`\r\x1b[2K${statusLine(snapshot, out.columns ?? 100)}`);
      }
    });
    if (mode === 'tty') out.write(`\nRun ${runId} ${state}\n`);
    return exitCodeFor[state];
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await engine.close();
    await lab.stop();
  }
}
