import { describe, expect, it } from 'vitest';
import { appError, AppFailure } from '../../../shared/errors';
import { Runner } from './runner';
import { fakeKind, policy, recordingHooks, settle, step } from './testFakes';

describe('Runner scheduling', () => {
  it('starts a step only after all its dependencies are done', async () => {
    const hooks = recordingHooks();
    const work = fakeKind();
    const steps = [step('d', ['b', 'c']), step('b', ['a']), step('c', ['a']), step('a'), step('e', ['d', 'a'])];
    const outcome = await new Runner({ runId: 'r1', steps, kinds: { work }, concurrency: 4, hooks }).start();

    expect(outcome).toBe('succeeded');
    const position = (id: string, state: string): number =>
      hooks.states.findIndex((event) => event.stepId === id && event.state === state);
    for (const spec of steps) {
      for (const dep of spec.deps) expect(position(dep, 'succeeded')).toBeLessThan(position(spec.id, 'running'));
    }
    expect(hooks.history('d')).toEqual(['ready', 'running', 'succeeded']);
    expect(work.started).toHaveLength(5);
  });

  it('starts ready steps in the order of the step list, whenever they became ready', async () => {
    const work = fakeKind();
    const steps = [step('x', ['y']), step('y'), step('z')];
    await new Runner({ runId: 'r1', steps, kinds: { work }, concurrency: 1, hooks: recordingHooks() }).start();
    // y and z are ready first; when y ends, x (listed first) goes before z.
    expect(work.started).toEqual(['y', 'x', 'z']);
  });

  it('never runs more attempts at once than the global limit, and uses it', async () => {
    const work = fakeKind();
    const steps = Array.from({ length: 40 }, (_, index) => step(`s${index}`, index % 4 === 0 || index === 0 ? [] : [`s${index - 1}`]));
    const outcome = await new Runner({ runId: 'r1', steps, kinds: { work }, concurrency: 3, hooks: recordingHooks() }).start();
    expect(outcome).toBe('succeeded');
    expect(work.maxActive).toBe(3);
  });

  it('never exceeds the per-key limit, including across kinds that share a key', async () => {
    let active = 0;
    let maxActive = 0;
    const perTarget = new Map<string, number>();
    const maxPerTarget = new Map<string, number>();
    const body = async (ctx: { step: { target: string } }): Promise<void> => {
      const target = ctx.step.target;
      active++;
      maxActive = Math.max(maxActive, active);
      perTarget.set(target, (perTarget.get(target) ?? 0) + 1);
      maxPerTarget.set(target, Math.max(maxPerTarget.get(target) ?? 0, perTarget.get(target) ?? 0));
      await settle();
      perTarget.set(target, (perTarget.get(target) ?? 0) - 1);
      active--;
    };
    const keyed = policy({ concurrencyKey: (spec) => spec.target, keyLimit: 2 });
    const upload = fakeKind({ name: 'upload', policy: keyed, body });
    const clone = fakeKind({ name: 'clone', policy: keyed, body });
    const targets = ['pve1', 'pve2', 'pve3'];
    const steps = Array.from({ length: 36 }, (_, index) =>
      step(`s${index}`, [], index % 2 === 0 ? 'upload' : 'clone', targets[index % 3] as string),
    );
    const outcome = await new Runner({ runId: 'r1', steps, kinds: { upload, clone }, concurrency: 5, hooks: recordingHooks() }).start();

    expect(outcome).toBe('succeeded');
    expect(maxActive).toBeLessThanOrEqual(5);
    for (const target of targets) expect(maxPerTarget.get(target)).toBe(2);
  });

  it('keeps a step ready while its key is full and starts it when the key frees', async () => {
    const hooks = recordingHooks();
    const work = fakeKind({ gated: true, policy: policy({ concurrencyKey: (spec) => spec.target, keyLimit: 1 }) });
    const steps = [step('a1', [], 'work', 'A'), step('a2', [], 'work', 'A'), step('b1', [], 'work', 'B')];
    const runner = new Runner({ runId: 'r1', steps, kinds: { work }, concurrency: 2, hooks });
    const done = runner.start();
    await settle();
    expect(work.waiting().sort()).toEqual(['a1', 'b1']);

    work.release('b1');
    await settle();
    expect(work.waiting()).toEqual(['a1']); // a free global slot is not enough
    expect(runner.states().a2?.state).toBe('ready');

    work.release('a1');
    await settle();
    expect(work.waiting()).toEqual(['a2']);
    work.release('a2');
    expect(await done).toBe('succeeded');
  });

  it('never runs the dependants of a failed step, and finishes the independent ones', async () => {
    const hooks = recordingHooks();
    const work = fakeKind({
      body: (ctx) => {
        if (ctx.step.id === 'a') throw new AppFailure(appError('auth', 'Wrong password for pve1.'));
      },
    });
    const steps = [step('a'), step('b', ['a']), step('c', ['b']), step('x'), step('y', ['x'])];
    const runner = new Runner({ runId: 'r1', steps, kinds: { work }, concurrency: 2, hooks });

    expect(await runner.start()).toBe('failed');
    expect(work.started).not.toContain('b');
    expect(work.started).not.toContain('c');
    expect(hooks.history('b')).toEqual([]);
    expect(runner.states()).toMatchObject({
      a: { state: 'failed', attempt: 1 },
      b: { state: 'pending' },
      c: { state: 'pending' },
      x: { state: 'succeeded' },
      y: { state: 'succeeded' },
    });
    expect(hooks.states.find((event) => event.state === 'failed')?.error?.code).toBe('auth');
  });

  it('passes log lines, progress and artifacts through the hooks, with log usable unbound', async () => {
    const hooks = recordingHooks();
    const work = fakeKind({
      body: (ctx) => {
        const { log, progress } = ctx;
        log('info', 'cloning template 9000');
        progress({ fraction: 0.5 });
        ctx.artifacts.set('vmid', 101);
      },
    });
    await new Runner({ runId: 'r1', steps: [step('vm.clone:web-01')], kinds: { work }, concurrency: 1, hooks }).start();

    expect(hooks.logs).toContainEqual({ stepId: 'vm.clone:web-01', level: 'info', text: 'cloning template 9000' });
    expect(hooks.progress).toEqual([{ stepId: 'vm.clone:web-01', progress: { fraction: 0.5 } }]);
    expect(hooks.artifacts.get('vm.clone:web-01')?.get('vmid')).toBe(101);
  });

  it('stops the run and rejects start() when a hook throws', async () => {
    const hooks = recordingHooks();
    const record = hooks.onStepState;
    hooks.onStepState = (stepId, state, attempt, error) => {
      record(stepId, state, attempt, error);
      if (stepId === 'a' && state === 'succeeded') throw new Error('disk full');
    };
    const work = fakeKind();
    const steps = [step('a'), step('b', ['a']), step('c', ['b'])];
    const runner = new Runner({ runId: 'r1', steps, kinds: { work }, concurrency: 1, hooks });

    await expect(runner.start()).rejects.toMatchObject({ appError: { code: 'internal', detail: 'disk full' } });
    expect(work.started).not.toContain('c');
    expect(runner.isCancelled).toBe(true);
  });
});
