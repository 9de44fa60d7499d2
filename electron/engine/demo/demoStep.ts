import { AppFailure, appError } from '../../../shared/errors';
import { isEngineTextKey, text, type TextParam } from '../../../shared/i18n/engineText';

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

/** The step's title as text, so a log line that names it is said in the reader's language too. */
function stepTitleText(step: { title: string; titleKey?: string | undefined; titleParams?: Readonly<Record<string, string | number>> | undefined }): TextParam {
  return isEngineTextKey(step.titleKey) ? text(step.titleKey, step.titleParams) : step.title;
}
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
      ctx.log('info', text('log.demo.line', { title: stepTitleText(ctx.step), target: ctx.step.target, line: linesWritten + 1, lines: logLines }));
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
    ctx.log('info', text('log.demo.start', { title: stepTitleText(ctx.step), target: ctx.step.target, attempt: ctx.attempt }));
    await simulateWork(ctx);
    if (shouldFail(ctx.step.input, ctx.attempt)) {
      ctx.log('error', text('log.demo.failed', { title: stepTitleText(ctx.step) }));
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
