/*
 * Runner overhead: 5,000 no-op steps through the Runner (dependencies,
 * concurrency 16, hooks that do nothing) against the same step kinds'
 * check()+run() driven by a bare promise pool with the same limit. The
 * difference is what the runner's bookkeeping costs per step.
 *
 *   npx tsx scripts/bench/runnerOverhead.ts [steps] [rounds]
 */
import { performance } from 'node:perf_hooks';
import { Runner } from '../../electron/engine/runner/runner';
import type { RunnerHooks, StepContext, StepKind, StepSpec } from '../../electron/engine/runner/types';

const stepCount = Number(process.argv[2] ?? 5000);
const rounds = Number(process.argv[3] ?? 9);
const concurrency = 16;

type Work = 'microtask' | 'setImmediate';

function kindFor(work: Work): StepKind {
  const yieldOnce = work === 'microtask' ? () => Promise.resolve() : () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    kind: 'noop',
    policy: { retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0.2 }, timeoutMs: Number(process.env.TIMEOUT ?? 60_000) },
    check: async (_ctx: StepContext) => false,
    run: async (_ctx: StepContext) => {
      await yieldOnce();
    },
  };
}

/** A mix of shapes: chains of 10 hanging off fan-out roots, every 50th step a join of the previous chain ends. */
function buildSteps(count: number): StepSpec[] {
  const steps: StepSpec[] = [];
  for (let i = 0; i < count; i++) {
    const deps: string[] = [];
    if (i % 50 === 49) {
      for (let back = 1; back <= 4 && i - back * 10 >= 0; back++) deps.push(`s${i - back * 10}`);
    } else if (i % 10 !== 0) {
      deps.push(`s${i - 1}`);
    } else if (i >= 100) {
      deps.push(`s${i - 100}`);
    }
    steps.push({ id: `s${i}`, kind: 'noop', title: `step ${i}`, target: `t${i % 7}`, deps, input: null });
  }
  return steps;
}

const store = { get: () => undefined, set: () => undefined };
const ignore = (): void => undefined;
const hooks: RunnerHooks = {
  onStepState: () => undefined,
  onProgress: () => undefined,
  onLog: () => undefined,
  artifactsFor: () => store,
};

async function timeRunner(steps: StepSpec[], kind: StepKind): Promise<number> {
  const started = performance.now();
  const runner = new Runner({ runId: 'bench', steps, kinds: { noop: kind }, concurrency, hooks });
  const outcome = await runner.start();
  const elapsed = performance.now() - started;
  if (outcome !== 'succeeded') throw new Error(`runner ended ${outcome}`);
  return elapsed;
}

async function timePool(steps: StepSpec[], kind: StepKind): Promise<number> {
  const controller = new AbortController();
  const started = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < steps.length) {
      const step = steps[next++] as StepSpec;
      const ctx: StepContext = {
        runId: 'bench',
        step,
        attempt: 1,
        signal: controller.signal,
        log: ignore,
        progress: ignore,
        artifacts: store,
      };
      if (!(await kind.check(ctx))) await kind.run(ctx);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - started;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function measure(work: Work): Promise<void> {
  const steps = buildSteps(stepCount);
  const kind = kindFor(work);
  for (let warm = 0; warm < 3; warm++) {
    await timeRunner(steps, kind);
    await timePool(steps, kind);
  }
  const runner: number[] = [];
  const pool: number[] = [];
  for (let round = 0; round < rounds; round++) {
    runner.push(await timeRunner(steps, kind));
    pool.push(await timePool(steps, kind));
  }
  const r = median(runner);
  const p = median(pool);
  const rate = (ms: number): string => `${Math.round((stepCount / ms) * 1000).toLocaleString('en')} steps/s`;
  console.log(`\n${stepCount} no-op steps (work: ${work}), concurrency ${concurrency}, median of ${rounds}:`);
  console.log(`  runner      ${r.toFixed(2).padStart(8)} ms  ${rate(r)}`);
  console.log(`  bare pool   ${p.toFixed(2).padStart(8)} ms  ${rate(p)}`);
  console.log(`  overhead    ${(((r - p) / p) * 100).toFixed(1).padStart(8)} %   (${(((r - p) / stepCount) * 1000).toFixed(2)} µs per step)`);
}

await measure('microtask');
await measure('setImmediate');
