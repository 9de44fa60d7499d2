import { describe, expect, it } from 'vitest';
import { AppFailure, appError } from '../../../shared/errors';
import { say, type TextRef } from '../../../shared/i18n/engineText';
import type { StepState, StepUndo } from '../../../shared/runModel';
import { Rollback, type RollbackHooks } from './rollback';
import type { RollbackStepView } from './rollbackPlan';
import { deferred, noRetry, policy, recordingSleep, settle, step } from './testFakes';
import type { StepContext, StepKind, StepSpec } from './types';

/** A platform in a Map: run() made `things`, undo() removes them and, like the real ones, answers success for what is already gone. */
function fakePlatform() {
  const things = new Set<string>();
  const undone: string[] = [];
  const failures = new Map<string, unknown[]>();
  const gates = new Map<string, ReturnType<typeof deferred>>();
  let active = 0;
  let maxActive = 0;
  const kind = (name: string, withUndo = true, retry = noRetry): StepKind => ({
    kind: name,
    policy: policy({ retry }),
    check: async () => false,
    run: async () => undefined,
    ...(withUndo
      ? {
          undo: async (ctx: StepContext) => {
            active++;
            maxActive = Math.max(maxActive, active);
            try {
              await settle();
              const gate = gates.get(ctx.step.id);
              if (gate) {
                ctx.signal.addEventListener('abort', () => gate.reject(ctx.signal.reason), { once: true });
                await gate.promise;
              }
              const failure = failures.get(ctx.step.id)?.shift();
              if (failure !== undefined) throw failure;
              ctx.progress({ fraction: 1 });
              things.delete(ctx.artifacts.get<string>('made') ?? ctx.step.id);
              undone.push(ctx.step.id);
            } finally {
              active--;
            }
          },
        }
      : {}),
  });
  return { things, undone, failures, gates, kind, maxActive: () => maxActive };
}

function recordingUndoHooks(): RollbackHooks & { undos: Array<{ stepId: string } & StepUndo>; lines: string[]; chinese: string[]; last(stepId: string): StepUndo | undefined } {
  const artifacts = new Map<string, Map<string, unknown>>();
  const hooks = {
    undos: [] as Array<{ stepId: string } & StepUndo>,
    lines: [] as string[],
    /** The lines with catalogue text, as a Chinese reader sees them. */
    chinese: [] as string[],
    onUndo(stepId: string, undo: StepUndo) {
      hooks.undos.push({ stepId, ...undo });
    },
    onProgress: () => undefined,
    onLog(stepId: string | null, level: string, text: string, ref?: TextRef) {
      hooks.lines.push(`${stepId} ${level} ${text}`);
      if (ref) hooks.chinese.push(`${stepId} ${level} ${say('zh', ref)}`);
    },
    artifactsFor(stepId: string) {
      const own = artifacts.get(stepId) ?? new Map<string, unknown>();
      artifacts.set(stepId, own);
      return { get: <T>(key: string) => own.get(key) as T | undefined, set: (key: string, value: unknown) => void own.set(key, value) };
    },
    last: (stepId: string) => [...hooks.undos].reverse().find((entry) => entry.stepId === stepId),
  };
  return hooks;
}

const view = (spec: StepSpec, state: StepState, extra: Partial<RollbackStepView> = {}): RollbackStepView => ({ spec, state, hasArtifacts: false, ...extra });

describe('Rollback', () => {
  it('undoes dependants before what they depend on, through steps that are not undone, and leaves adopted and undo-less steps alone', async () => {
    const platform = fakePlatform();
    // upload <- vm-a <- script-a (no undo) ; upload <- vm-b (adopted) <- cfg-b
    const steps = [
      view(step('upload', [], 'up'), 'succeeded'),
      view(step('vm-a', ['upload'], 'vm'), 'succeeded'),
      view(step('script-a', ['vm-a'], 'script'), 'succeeded'),
      view(step('vm-b', ['upload'], 'vm'), 'adopted', { hasArtifacts: true }),
      view(step('cfg-b', ['vm-b'], 'vm'), 'succeeded'),
      view(step('never', ['upload'], 'vm'), 'pending'),
    ];
    for (const entry of steps) platform.things.add(entry.spec.id);
    const hooks = recordingUndoHooks();
    const rollback = new Rollback({ runId: 'r', steps, kinds: { up: platform.kind('up'), vm: platform.kind('vm'), script: platform.kind('script', false) }, concurrency: 1, hooks });
    expect(rollback.selected).toEqual(['upload', 'vm-a', 'cfg-b']);

    const result = await rollback.start();
    expect(result).toEqual({ undone: ['cfg-b', 'vm-a', 'upload'], failed: [], aborted: false });
    expect(platform.undone).toEqual(['cfg-b', 'vm-a', 'upload']);
    expect([...platform.things].sort()).toEqual(['never', 'script-a', 'vm-b']);
    expect(hooks.undos.filter((entry) => entry.stepId === 'upload').map((entry) => entry.state)).toEqual(['queued', 'undoing', 'undone']);
    expect(hooks.lines).toContain('upload info Undone: what this step made is gone.');
  });

  it('undoes failed and interrupted steps that recorded what they made, and runs independent undos side by side', async () => {
    const platform = fakePlatform();
    const steps = [
      view(step('a', [], 'vm'), 'failed', { hasArtifacts: true }),
      view(step('b', [], 'vm'), 'pending', { hasArtifacts: true }),
      view(step('c', [], 'vm'), 'cancelled', { hasArtifacts: true }),
      view(step('d', [], 'vm'), 'failed'),
    ];
    const result = await new Rollback({ runId: 'r', steps, kinds: { vm: platform.kind('vm') }, concurrency: 4, hooks: recordingUndoHooks() }).start();
    expect(result.undone.sort()).toEqual(['a', 'b', 'c']);
    expect(platform.maxActive()).toBe(3);
  });

  it('goes on past an undo that fails, reports its error, and does not retry what is not retryable', async () => {
    const platform = fakePlatform();
    platform.failures.set('vm', [new AppFailure(appError('auth', 'Login refused.', { retryable: false }))]);
    const steps = [view(step('upload', [], 'up'), 'succeeded'), view(step('vm', ['upload'], 'vm'), 'succeeded'), view(step('other', [], 'vm'), 'succeeded')];
    const hooks = recordingUndoHooks();
    const result = await new Rollback({ runId: 'r', steps, kinds: { up: platform.kind('up'), vm: platform.kind('vm') }, concurrency: 1, hooks }).start();
    expect(result.undone).toEqual(['other', 'upload']);
    expect(result.failed).toEqual([{ stepId: 'vm', error: expect.objectContaining({ code: 'auth', title: 'Login refused.' }) }]);
    expect(hooks.last('vm')).toMatchObject({ state: 'failed', attempt: 1, error: { code: 'auth' } });
    expect(hooks.lines).toContain('vm error Could not undo: Login refused.');
    expect(hooks.chinese).toContain('vm error 无法撤销：Login refused.');
    expect(hooks.chinese).toContain('upload info 已撤销：此步骤创建的内容已删除。');
  });

  it('retries a retryable undo failure with the kind’s backoff, numbering the attempts', async () => {
    const platform = fakePlatform();
    platform.failures.set('vm', [new Error('socket hang up')]);
    const { delays, sleep } = recordingSleep();
    const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0 };
    const hooks = recordingUndoHooks();
    const result = await new Rollback({ runId: 'r', steps: [view(step('vm', [], 'vm'), 'succeeded')], kinds: { vm: platform.kind('vm', true, retry) }, concurrency: 1, hooks, sleep }).start();
    expect(result.undone).toEqual(['vm']);
    expect(delays).toEqual([100]);
    expect(hooks.undos.map((entry) => `${entry.state}/${entry.attempt}`)).toEqual(['queued/0', 'undoing/1', 'undoing/2', 'undone/2']);
  });

  it('is idempotent: a second rollback asks nothing of steps already undone and retries the ones that failed', async () => {
    const platform = fakePlatform();
    platform.failures.set('b', [new AppFailure(appError('network', 'No answer.', { retryable: false }))]);
    const hooks = recordingUndoHooks();
    const specs = [step('a', [], 'vm'), step('b', [], 'vm')];
    const first = await new Rollback({ runId: 'r', steps: specs.map((spec) => view(spec, 'succeeded')), kinds: { vm: platform.kind('vm') }, concurrency: 2, hooks }).start();
    expect(first.failed.map((entry) => entry.stepId)).toEqual(['b']);

    const again = specs.map((spec) => view(spec, 'succeeded', { undo: hooks.last(spec.id) }));
    const second = await new Rollback({ runId: 'r', steps: again, kinds: { vm: platform.kind('vm') }, concurrency: 2, hooks }).start();
    expect(second).toEqual({ undone: ['b'], failed: [], aborted: false });
    expect(platform.undone).toEqual(['a', 'b']);
    expect(hooks.last('b')).toMatchObject({ state: 'undone', attempt: 2 });
  });

  it('stops on abort leaving the running undo on record as undoing, and a rollback resumed from that record finishes it', async () => {
    const platform = fakePlatform();
    const gate = deferred();
    platform.gates.set('vm', gate);
    const hooks = recordingUndoHooks();
    const specs = [step('upload', [], 'up'), step('vm', ['upload'], 'vm')];
    const kinds = { up: platform.kind('up'), vm: platform.kind('vm') };
    const rollback = new Rollback({ runId: 'r', steps: specs.map((spec) => view(spec, 'succeeded')), kinds, concurrency: 2, hooks });
    const done = rollback.start();
    await settle();
    await settle();
    rollback.abort();
    expect(await done).toEqual({ undone: [], failed: [], aborted: true });
    expect(hooks.last('vm')).toMatchObject({ state: 'undoing', attempt: 1 });
    expect(hooks.last('upload')).toMatchObject({ state: 'queued' });

    platform.gates.delete('vm');
    const resumed = specs.map((spec) => view(spec, 'succeeded', { undo: hooks.last(spec.id) }));
    const finished = await new Rollback({ runId: 'r', steps: resumed, kinds, concurrency: 2, hooks }).start();
    expect(finished).toEqual({ undone: ['vm', 'upload'], failed: [], aborted: false });
    expect(hooks.last('vm')).toMatchObject({ state: 'undone', attempt: 2 });
  });

  it('rejects when its record cannot be written, after the running undos have ended', async () => {
    const platform = fakePlatform();
    const hooks = recordingUndoHooks();
    let writes = 0;
    const failing = { ...hooks, onUndo: () => { if (++writes > 1) throw new Error('disk full'); } };
    const rollback = new Rollback({ runId: 'r', steps: [view(step('a', [], 'vm'), 'succeeded')], kinds: { vm: platform.kind('vm') }, concurrency: 1, hooks: failing });
    await expect(rollback.start()).rejects.toMatchObject({ appError: { code: 'internal' } });
  });
});
