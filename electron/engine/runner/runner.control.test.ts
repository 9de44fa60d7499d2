import { describe, expect, it } from 'vitest';
import { appError, AppFailure } from '../../../shared/errors';
import { Runner } from './runner';
import { fakeKind, policy, recordingHooks, settle, step, thrownAppError } from './testFakes';
import type { StepContext } from './types';

describe('Runner cancel', () => {
  it('aborts running attempts, cancels waiting steps and ends cancelled', async () => {
    const hooks = recordingHooks();
    const signals = new Map<string, AbortSignal>();
    const work = fakeKind({ gated: true, check: (ctx) => (signals.set(ctx.step.id, ctx.signal), false) });
    const steps = [step('a'), step('b'), step('c', ['a']), step('d')];
    const runner = new Runner({ runId: 'r1', steps, kinds: { work }, concurrency: 2, hooks });
    const done = runner.start();
    await settle();
    expect(work.waiting().sort()).toEqual(['a', 'b']);

    runner.cancel();
    expect(await done).toBe('cancelled');
    expect(signals.get('a')?.aborted).toBe(true);
    expect(signals.get('b')?.aborted).toBe(true);
    expect(work.started.sort()).toEqual(['a', 'b']);
    expect(Object.values(runner.states()).map((entry) => entry.state)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(await runner.start()).toBe('cancelled');
    expect(thrownAppError(() => runner.skipStep('c')).code).toBe('conflict');
  });

  it('waits for a step that ignores the abort, and reports what it did', async () => {
    const work = fakeKind({ gated: true, ignoreAbort: true });
    const runner = new Runner({ runId: 'r1', steps: [step('a'), step('b', ['a'])], kinds: { work }, concurrency: 1, hooks: recordingHooks() });
    let outcome: string | null = null;
    void runner.start().then((value) => (outcome = value));
    await settle();
    runner.cancel();
    await settle();
    expect(outcome).toBeNull();
    expect(runner.runningCount).toBe(1);

    work.release('a');
    await settle();
    expect(outcome).toBe('cancelled');
    expect(runner.states()).toMatchObject({ a: { state: 'succeeded' }, b: { state: 'cancelled' } });
  });

  it('interrupts a backoff sleep', async () => {
    const hooks = recordingHooks();
    const work = fakeKind({
      policy: policy({ retry: { maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 } }),
      body: () => {
        throw new AppFailure(appError('network', 'Connection refused.'));
      },
    });
    const runner = new Runner({ runId: 'r1', steps: [step('a')], kinds: { work }, concurrency: 1, hooks });
    const done = runner.start();
    while (runner.states().a?.state !== 'retrying') await settle();
    runner.cancel();
    expect(await done).toBe('cancelled');
    expect(hooks.history('a').at(-1)).toBe('cancelled');
    expect(work.started).toEqual(['a']);
  });
});

describe('Runner pause and resume', () => {
  it('starts nothing new while paused, lets running steps finish, then goes on', async () => {
    const work = fakeKind({ gated: true });
    const runner = new Runner({ runId: 'r1', steps: [step('a'), step('b'), step('c')], kinds: { work }, concurrency: 1, hooks: recordingHooks() });
    let outcome: string | null = null;
    void runner.start().then((value) => (outcome = value));
    await settle();

    runner.pause();
    expect(runner.isPaused).toBe(true);
    work.release('a');
    await runner.whenIdle();
    await settle();
    expect(runner.runningCount).toBe(0);
    expect(work.started).toEqual(['a']);
    expect(runner.states().b?.state).toBe('ready');
    expect(outcome).toBeNull();

    runner.resume();
    await settle();
    expect(work.waiting()).toEqual(['b']);
    work.release('b');
    await settle();
    work.release('c');
    await settle();
    expect(outcome).toBe('succeeded');
  });
});

describe('Runner retryStep and skipStep', () => {
  const failOnce = (failing: Set<string>) => (ctx: StepContext) => {
    if (failing.delete(ctx.step.id)) throw new AppFailure(appError('conflict', 'VM 101 is locked.'));
  };

  it('re-runs a failed step in a new start(), keeping the attempt count, then its dependants', async () => {
    const hooks = recordingHooks();
    const work = fakeKind({ body: failOnce(new Set(['a'])) });
    const runner = new Runner({ runId: 'r1', steps: [step('a'), step('b', ['a'])], kinds: { work }, concurrency: 1, hooks });
    expect(await runner.start()).toBe('failed');
    expect(work.started).toEqual(['a']);

    runner.retryStep('a');
    expect(runner.states().a).toEqual({ state: 'pending', attempt: 1 });
    expect(await runner.start()).toBe('succeeded');
    expect(work.started).toEqual(['a', 'a', 'b']);
    expect(work.checked).toEqual(['a', 'a', 'b']);
    expect(runner.states().a).toEqual({ state: 'succeeded', attempt: 2 });
  });

  it('picks up a retried step while the loop is still running', async () => {
    const failing = new Set(['a']);
    const work = fakeKind({ body: failOnce(failing) });
    const gate = fakeKind({ name: 'gate', gated: true });
    const steps = [step('a'), step('b', ['a']), step('slow', [], 'gate')];
    const runner = new Runner({ runId: 'r1', steps, kinds: { work, gate }, concurrency: 2, hooks: recordingHooks() });
    const done = runner.start();
    while (runner.states().a?.state !== 'failed') await settle();

    runner.retryStep('a');
    while (runner.states().b?.state !== 'succeeded') await settle();
    gate.release('slow');
    expect(await done).toBe('succeeded');
  });

  it('refuses to retry a step that has not failed, or one that does not exist', () => {
    const runner = new Runner({ runId: 'r1', steps: [step('a')], kinds: { work: fakeKind() }, concurrency: 1, hooks: recordingHooks() });
    expect(thrownAppError(() => runner.retryStep('a')).code).toBe('conflict');
    expect(thrownAppError(() => runner.retryStep('nope')).code).toBe('not_found');
  });

  it('lets the dependants of a skipped failed step go on', async () => {
    const hooks = recordingHooks();
    const work = fakeKind({ body: failOnce(new Set(['a'])) });
    const runner = new Runner({ runId: 'r1', steps: [step('a'), step('b', ['a'])], kinds: { work }, concurrency: 1, hooks });
    expect(await runner.start()).toBe('failed');

    runner.skipStep('a');
    expect(await runner.start()).toBe('succeeded');
    expect(work.started).toEqual(['a', 'b']);
    expect(hooks.logs).toContainEqual({ stepId: 'a', level: 'info', text: 'Skipped by the user.' });
  });

  it('skips a pending step so its dependants run, and refuses to skip a running one', async () => {
    const work = fakeKind({ gated: true });
    const steps = [step('a'), step('b', ['a']), step('c', ['b'])];
    const runner = new Runner({ runId: 'r1', steps, kinds: { work }, concurrency: 2, hooks: recordingHooks() });
    const done = runner.start();
    await settle();
    expect(thrownAppError(() => runner.skipStep('a')).code).toBe('conflict');

    runner.skipStep('b');
    await settle();
    expect(work.waiting().sort()).toEqual(['a', 'c']);
    work.release('a');
    work.release('c');
    expect(await done).toBe('succeeded');
    expect(work.started).not.toContain('b');
  });
});
