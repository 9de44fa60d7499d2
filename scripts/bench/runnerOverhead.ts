/*
 * Runner overhead: 5,000 no-op steps through the Runner (dependencies,
 * concurrency 16, hooks that do nothing) against the same step kinds'
 * check()+run() driven by a bare promise pool with the same limit. The
 * difference is what the runner's bookkeeping costs per step: graph
 * validation and indexing (the constructor), states, hooks, ordering,
 * key slots, deadlines.
 *
 * Three kinds of "no-op": a step that awaits one microtask, one that
 * yields one event-loop turn (setImmediate), and one that waits 1 ms
 * (the shortest real step there is; real ones wait for SSH or an API).
 *
 *   npx tsx scripts/bench/runnerOverhead.ts [steps] [rounds]
 */
import { performance } from 'node:perf_hooks';
import { EndpointSessions } from '../../electron/engine/net/endpointSessions';
import { Runner } from '../../electron/engine/runner/runner';
import { SlotRegistry } from '../../electron/engine/runner/slotLimits';
import type { RunnerHooks, StepContext, StepKind, StepSpec } from '../../electron/engine/runner/types';

const stepCount = Number(process.argv[2] ?? 5000);
const rounds = Number(process.argv[3] ?? 21);
const concurrency = 16;

type Work = 'one microtask' | 'one event-loop turn' | 'a 1 ms timer';

const waits: Record<Work, () => Promise<void>> = {
  'one microtask': () => Promise.resolve(),
  'one event-loop turn': () => new Promise<void>((resolve) => setImmediate(resolve)),
  'a 1 ms timer': () => new Promise<void>((resolve) => setTimeout(resolve, 1)),
};

function kindFor(work: Work): StepKind {
  const yieldOnce = waits[work];
  return {
    kind: 'noop',
    policy: { retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0.2 }, timeoutMs: 60_000 },
    check: async (_ctx: StepContext) => false,
    run: async (_ctx: StepContext) => {
      await yieldOnce();
    },
  };
}

/**
 * Fan-out, chains and joins, wide enough to keep 16 slots busy (so the
 * comparison measures bookkeeping, not the graph's critical path): steps
 * come in groups of 5; a group's head hangs off the head of an earlier
 * group (a 4-ary tree of groups), the other four chain behind the head, and
 * every 25th head also waits for the tail of the group before it.
 */
function buildSteps(count: number): StepSpec[] {
  const steps: StepSpec[] = [];
  for (let i = 0; i < count; i++) {
    const group = Math.floor(i / 5);
    const deps: string[] = [];
    if (i % 5 !== 0) deps.push(`s${i - 1}`);
    else if (group > 0) {
      deps.push(`s${Math.floor((group - 1) / 4) * 5}`);
      if (group % 5 === 0) deps.push(`s${i - 1}`);
    }
    steps.push({ id: `s${i}`, kind: 'noop', title: `step ${i}`, target: `t${i % 7}`, deps, input: null });
  }
  return steps;
}

const store = { get: () => undefined, set: () => undefined };
const slots = new SlotRegistry();
const sessions = new EndpointSessions();
const ignore = (): void => undefined;
const hooks: RunnerHooks = {
  onStepState: () => undefined,
  onProgress: () => undefined,
  onLog: () => undefined,
  artifactsFor: () => store,
};

/** Total time, and the part spent in the constructor (graph validation and indexing). */
async function timeRunner(steps: StepSpec[], kind: StepKind): Promise<{ total: number; build: number }> {
  const started = performance.now();
  const runner = new Runner({ runId: 'bench', steps, kinds: { noop: kind }, concurrency, hooks });
  const built = performance.now();
  const outcome = await runner.start();
  const ended = performance.now();
  if (outcome !== 'succeeded') throw new Error(`runner ended ${outcome}`);
  return { total: ended - started, build: built - started };
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
        slots,
        sessions,
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

async function measure(work: Work, rounds: number, warmups: number): Promise<void> {
  const steps = buildSteps(stepCount);
  const kind = kindFor(work);
  for (let warm = 0; warm < warmups; warm++) {
    await timeRunner(steps, kind);
    await timePool(steps, kind);
  }
  const totals: number[] = [];
  const builds: number[] = [];
  const pools: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const timing = await timeRunner(steps, kind);
    totals.push(timing.total);
    builds.push(timing.build);
    pools.push(await timePool(steps, kind));
  }
  const total = median(totals);
  const build = median(builds);
  const run = median(totals.map((value, index) => value - (builds[index] as number)));
  const pool = median(pools);
  const rate = (ms: number): string => `${Math.round((stepCount / ms) * 1000).toLocaleString('en')} steps/s`.padStart(18);
  const percent = (ms: number): string => `${ms >= pool ? '+' : ''}${(((ms - pool) / pool) * 100).toFixed(1)} %`;
  const perStep = (ms: number): string => `${(((ms - pool) / stepCount) * 1000).toFixed(2)} µs/step`;
  console.log(`\n${stepCount} steps, each waiting ${work}; concurrency ${concurrency}; median of ${rounds} rounds`);
  console.log(`  runner      ${total.toFixed(2).padStart(9)} ms ${rate(total)}   (constructor ${build.toFixed(2)} ms, start() ${run.toFixed(2)} ms)`);
  console.log(`  bare pool   ${pool.toFixed(2).padStart(9)} ms ${rate(pool)}`);
  console.log(`  overhead    ${percent(total).padStart(12)}  ${perStep(total)}   (start() alone: ${percent(run)}, ${perStep(run)})`);
}

await measure('one microtask', rounds, 10);
await measure('one event-loop turn', rounds, 10);
await measure('a 1 ms timer', Math.min(rounds, 7), 2);
