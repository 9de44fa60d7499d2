import { describe, expect, it } from 'vitest';
import { appError, AppFailure } from '../../../shared/errors';
import { Runner } from './runner';
import { fakeKind, policy, recordingHooks, recordingSleep, step } from './testFakes';
import type { StepContext } from './types';

const retryFour = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, jitter: 0.5 };

describe('Runner retries and timeouts', () => {
  it('retries retryable failures with capped exponential backoff and jitter', async () => {
    const hooks = recordingHooks();
    const { delays, sleep } = recordingSleep();
    let calls = 0;
    const work = fakeKind({
      policy: policy({ retry: retryFour }),
      body: () => {
        calls++;
        if (calls < 4) throw new AppFailure(appError('network', 'pve1 did not answer.'));
      },
    });
    const runner = new Runner({ runId: 'r1', steps: [step('a')], kinds: { work }, concurrency: 1, hooks, sleep, random: () => 0.5 });

    expect(await runner.start()).toBe('succeeded');
    // Caps 100, 200, 250; half of each is fixed, half scaled by random() = 0.5.
    expect(delays).toEqual([75, 150, 188]);
    expect(hooks.history('a')).toEqual([
      'ready', 'running', 'retrying', 'running', 'retrying', 'running', 'retrying', 'running', 'succeeded',
    ]);
    const retrying = hooks.states.filter((event) => event.state === 'retrying');
    expect(retrying.map((event) => [event.attempt, event.error?.code])).toEqual([[1, 'network'], [2, 'network'], [3, 'network']]);
    expect(runner.states().a).toEqual({ state: 'succeeded', attempt: 4 });
    expect(work.checked).toEqual(['a']); // check() comes before the first attempt only
  });

  it('treats unexpected errors as retryable step failures and fails after the last attempt', async () => {
    const hooks = recordingHooks();
    const { delays, sleep } = recordingSleep();
    const work = fakeKind({
      policy: policy({ retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 1000, jitter: 0 } }),
      body: () => {
        throw new Error('socket hang up');
      },
    });
    const runner = new Runner({ runId: 'r1', steps: [step('a'), step('b', ['a'])], kinds: { work }, concurrency: 1, hooks, sleep });

    expect(await runner.start()).toBe('failed');
    expect(delays).toEqual([10, 20]);
    const failed = hooks.states.find((event) => event.state === 'failed');
    expect(failed).toMatchObject({ stepId: 'a', attempt: 3, error: { code: 'step_failed', retryable: true, detail: 'socket hang up' } });
    expect(work.started).toEqual(['a', 'a', 'a']);
  });

  it('fails at once on a non-retryable error', async () => {
    const hooks = recordingHooks();
    const { delays, sleep } = recordingSleep();
    const work = fakeKind({
      policy: policy({ retry: retryFour }),
      body: () => {
        throw new AppFailure(appError('auth', 'The API token was refused.'));
      },
    });
    const runner = new Runner({ runId: 'r1', steps: [step('a')], kinds: { work }, concurrency: 1, hooks, sleep });

    expect(await runner.start()).toBe('failed');
    expect(delays).toEqual([]);
    expect(hooks.history('a')).toEqual(['ready', 'running', 'failed']);
    expect(runner.states().a).toEqual({ state: 'failed', attempt: 1 });
  });

  it('aborts the signal of an attempt that overruns its timeout and fails it with code timeout', async () => {
    const hooks = recordingHooks();
    const { sleep } = recordingSleep();
    const signals: AbortSignal[] = [];
    const work = fakeKind({
      name: 'slow',
      policy: policy({ timeoutMs: 20, retry: { maxAttempts: 2, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 } }),
    });
    work.run = (ctx: StepContext) =>
      new Promise<void>((_, reject) => {
        signals.push(ctx.signal);
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
      });
    const runner = new Runner({ runId: 'r1', steps: [step('a', [], 'slow')], kinds: { slow: work }, concurrency: 1, hooks, sleep });

    expect(await runner.start()).toBe('failed');
    expect(signals).toHaveLength(2);
    expect(signals.every((signal) => signal.aborted)).toBe(true);
    expect(signals[0]?.reason).toBeInstanceOf(AppFailure);
    expect(hooks.states.filter((event) => event.error !== null).map((event) => [event.state, event.error?.code])).toEqual([
      ['retrying', 'timeout'],
      ['failed', 'timeout'],
    ]);
  });

  it('counts an attempt that ignores the abort and still finishes as done', async () => {
    const hooks = recordingHooks();
    const work = fakeKind({ name: 'stubborn', policy: policy({ timeoutMs: 5 }) });
    work.run = (ctx: StepContext) =>
      new Promise<void>((resolve) => {
        ctx.signal.addEventListener('abort', () => setTimeout(resolve, 5), { once: true });
      });
    const runner = new Runner({ runId: 'r1', steps: [step('a', [], 'stubborn')], kinds: { stubborn: work }, concurrency: 1, hooks });
    expect(await runner.start()).toBe('succeeded');
  });
});
