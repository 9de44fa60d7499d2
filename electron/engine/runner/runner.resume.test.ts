import { describe, expect, it } from 'vitest';
import { Runner } from './runner';
import { fakeKind, recordingHooks, step, thrownAppError } from './testFakes';

describe('Runner resume', () => {
  it('never re-runs or re-checks done steps, keeps failed ones, and restarts interrupted ones', async () => {
    const hooks = recordingHooks();
    const work = fakeKind();
    const steps = [step('a'), step('b'), step('c'), step('d'), step('e', ['a', 'b']), step('f', ['c']), step('g', ['d'])];
    const runner = new Runner({
      runId: 'r1',
      steps,
      kinds: { work },
      concurrency: 2,
      hooks,
      initialStates: {
        a: { state: 'succeeded', attempt: 1 },
        b: { state: 'skipped', attempt: 1 },
        c: { state: 'failed', attempt: 3 },
        d: { state: 'running', attempt: 2 },
      },
    });
    expect(runner.states()).toMatchObject({ d: { state: 'pending', attempt: 2 } });

    expect(await runner.start()).toBe('failed');
    expect(work.checked.sort()).toEqual(['d', 'e', 'g']);
    expect(work.started.sort()).toEqual(['d', 'e', 'g']);
    expect(hooks.history('d')).toEqual(['pending', 'ready', 'running', 'succeeded']);
    expect(hooks.history('a')).toEqual([]);
    expect(runner.states()).toMatchObject({
      c: { state: 'failed', attempt: 3 },
      d: { state: 'succeeded', attempt: 3 },
      f: { state: 'pending', attempt: 0 },
    });
  });

  it('marks a step whose check() says it is done as adopted, without running it', async () => {
    const hooks = recordingHooks();
    const work = fakeKind({ check: (ctx) => ctx.step.id === 'a' });
    const runner = new Runner({ runId: 'r1', steps: [step('a'), step('b', ['a'])], kinds: { work }, concurrency: 1, hooks });

    expect(await runner.start()).toBe('succeeded');
    expect(work.started).toEqual(['b']);
    expect(hooks.history('a')).toEqual(['ready', 'running', 'adopted']);
    expect(hooks.logs.some((line) => line.stepId === 'a' && /already done/i.test(line.text))).toBe(true);
  });

  it('refuses saved states that do not fit the graph', () => {
    const make = (initialStates: Record<string, { state: never; attempt: number }>) => () =>
      new Runner({ runId: 'r1', steps: [step('a')], kinds: { work: fakeKind() }, concurrency: 1, hooks: recordingHooks(), initialStates });
    expect(thrownAppError(make({ zz: { state: 'succeeded' as never, attempt: 1 } })).title).toContain("'zz'");
    expect(thrownAppError(make({ a: { state: 'done' as never, attempt: 1 } })).code).toBe('invalid_request');
    expect(thrownAppError(make({ a: { state: 'failed' as never, attempt: -1 } })).code).toBe('invalid_request');
  });
});
