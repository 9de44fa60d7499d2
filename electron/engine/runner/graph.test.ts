import { describe, expect, it } from 'vitest';
import { chineseOf, englishLeft } from '../../integration/englishLeft';
import { Runner } from './runner';
import { fakeKind, policy, recordingHooks, step, thrownAppError } from './testFakes';
import type { StepSpec } from './types';

const build = (steps: StepSpec[], kinds = { work: fakeKind() }, concurrency = 2) => () =>
  new Runner({ runId: 'r1', steps, kinds, concurrency, hooks: recordingHooks() });

describe('Runner graph validation', () => {
  it('refuses a cycle, naming the steps in it and only those', () => {
    const error = thrownAppError(build([step('root'), step('a', ['root', 'c']), step('b', ['a']), step('c', ['b']), step('d', ['c'])]));
    expect(error.code).toBe('invalid_request');
    const named = [...error.title.matchAll(/'([^']+)'/g)].map((match) => match[1]);
    expect(new Set(named)).toEqual(new Set(['a', 'b', 'c']));
    expect(named[0]).toBe(named.at(-1)); // the cycle closes on itself
  });

  it('refuses a step that depends on itself', () => {
    expect(thrownAppError(build([step('a', ['a'])])).title).toContain("'a' → 'a'");
  });

  it('says its refusals in Chinese, the step ids as they are', () => {
    const cycle = chineseOf(thrownAppError(build([step('vm.clone:web-01', ['script.run:web-01']), step('script.run:web-01', ['vm.clone:web-01'])])));
    expect(cycle.title).toBe("步骤之间循环依赖：'vm.clone:web-01' → 'script.run:web-01' → 'vm.clone:web-01'。");
    expect(cycle.hint).toBe('每个箭头指向该步骤所等待的步骤；必须去掉其中一个依赖。');
    const unknown = chineseOf(thrownAppError(build([step('vm.clone:web-01', ['image.upload:pve1'])])));
    expect(unknown.title).toBe('步骤“vm.clone:web-01”依赖未知的步骤“image.upload:pve1”。');
    const duplicate = chineseOf(thrownAppError(build([step('a'), step('a')])));
    expect(duplicate.title).toBe('步骤 ID“a”重复（第 1 个和第 2 个步骤）。');
    for (const said of [cycle.title, cycle.hint ?? '', unknown.title, duplicate.title]) expect(englishLeft(said)).toEqual([]);
  });

  it('refuses a dependency on an unknown step, naming both', () => {
    const error = thrownAppError(build([step('vm.clone:web-01', ['image.upload:pve1'])]));
    expect(error.code).toBe('invalid_request');
    expect(error.title).toContain("'vm.clone:web-01'");
    expect(error.title).toContain("'image.upload:pve1'");
  });

  it('refuses duplicate ids and unknown kinds', () => {
    expect(thrownAppError(build([step('a'), step('a')])).title).toMatch(/Duplicate step id 'a'/);
    expect(thrownAppError(build([step('a', [], 'teleport')])).title).toContain("unknown kind 'teleport'");
  });

  it('refuses a kind with an unusable policy and a concurrency below 1', () => {
    const broken = fakeKind({ policy: policy({ retry: { maxAttempts: 0, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 } }) });
    expect(thrownAppError(build([step('a')], { work: broken })).title).toContain('maxAttempts');
    expect(thrownAppError(build([step('a')], { work: fakeKind() }, 0)).code).toBe('invalid_request');
  });

  it('accepts a Map of kinds and a dependency listed twice', async () => {
    const work = fakeKind();
    const runner = new Runner({
      runId: 'r1',
      steps: [step('a'), step('b', ['a', 'a'])],
      kinds: new Map([['work', work]]),
      concurrency: 1,
      hooks: recordingHooks(),
    });
    expect(await runner.start()).toBe('succeeded');
    expect(work.started).toEqual(['a', 'b']);
  });

  it('keeps error titles short for a huge cycle', () => {
    const steps = Array.from({ length: 5000 }, (_, index) => step(`s${index}`, [`s${(index + 1) % 5000}`]));
    const error = thrownAppError(build(steps));
    expect(error.title.length).toBeLessThan(400);
    expect(error.title).toContain('more');
  });
});
