import { describe, expect, it } from 'vitest';
import { Runner } from './runner';
import { policy, recordingHooks, step } from './testFakes';
import type { StepKind } from './types';

describe('the run owns its sessions and slots', () => {
  it('gives every step the same session and closes it once the run settles', async () => {
    let opened = 0;
    let closed = 0;
    const seen = new Set<unknown>();
    const kind: StepKind = {
      kind: 'work',
      policy: policy(),
      check: async () => false,
      run: async (ctx) => {
        seen.add(ctx.sessions.get('demo:endpoint', () => ((opened++), { value: { login: 'shared' }, close: () => closed++ })));
        await ctx.slots.run('demo:node', 1, ctx.signal, async () => undefined);
        expect(closed).toBe(0);
      },
    };
    const runner = new Runner({ runId: 'r', steps: [step('a'), step('b'), step('c', ['a'])], kinds: { work: kind }, concurrency: 2, hooks: recordingHooks() });
    expect(await runner.start()).toBe('succeeded');
    expect(opened).toBe(1);
    expect(seen.size).toBe(1);
    expect(closed).toBe(1);
  });
});
