import { AppFailure, appError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

import { abortableSleep } from '../runner/backoff';
import type { StepContext, StepKind } from '../runner/types';

export interface DemoStepInput {
  durationMs: number;
  logLines: number;
  /** Simulated payload, so the UI shows bytes, speed and ETA like an upload. */
  bytes: number;
  /** `once`: every automatic attempt of the first round fails, a manual retry succeeds. */
  fail: 'never' | 'once' | 'always';
}

const maxAttempts = 2;
const tickMs = 50;

async function simulateWork(ctx: StepContext<DemoStepInput>): Promise<void> {
  const { durationMs, logLines, bytes } = ctx.step.input;
  const ticks = Math.max(1, Math.ceil(durationMs / tickMs));
  const started = Date.now();
  let linesWritten = 0;
  for (let tick = 1; tick <= ticks; tick++) {
    await abortableSleep(durationMs / ticks, ctx.signal);
    const fraction = tick / ticks;
    const dueLines = Math.floor(logLines * fraction);
    for (; linesWritten < dueLines; linesWritten++) {
      ctx.log('info', `${ctx.step.title}: ${ctx.step.target} line ${linesWritten + 1} of ${logLines}`);
    }
    if (bytes > 0) {
      const elapsedSeconds = Math.max(0.001, (Date.now() - started) / 1000);
      const bytesDone = Math.round(bytes * fraction);
      ctx.progress({ fraction, bytesDone, bytesTotal: bytes, bytesPerSecond: bytesDone / elapsedSeconds });
    } else {
      ctx.progress({ fraction });
    }
  }
}

function shouldFail(input: DemoStepInput, attempt: number): boolean {
  if (input.fail === 'always') return true;
  return input.fail === 'once' && attempt <= maxAttempts;
}

/** A step with no infrastructure behind it, so the runner, store and UI can be exercised end to end. */
export const demoStepKind: StepKind<DemoStepInput> = {
  kind: 'demo.work',
  policy: {
    retry: { maxAttempts, baseDelayMs: 300, maxDelayMs: 2000, jitter: 0.2 },
    timeoutMs: 10 * 60_000,
    concurrencyKey: (step) => `demo:${step.target.split('/')[0]}`,
    keyLimit: 2,
  },
  async check(ctx) {
    return ctx.artifacts.get<boolean>('done') === true;
  },
  async run(ctx) {
    ctx.log('info', `${ctx.step.title} on ${ctx.step.target} (attempt ${ctx.attempt})`);
    await simulateWork(ctx);
    if (shouldFail(ctx.step.input, ctx.attempt)) {
      ctx.log('error', `${ctx.step.title} failed as the demo plan asked`);
      throw new AppFailure(
        appError('step_failed', text('error.demoFailure', { step: ctx.step.id }), {
          hint: text('error.demoFailureHint'),
          retryable: true,
        }),
      );
    }
    ctx.artifacts.set('done', true);
  },
};
