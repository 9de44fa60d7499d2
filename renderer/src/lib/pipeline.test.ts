import { describe, expect, it } from 'vitest';
import type { StepSnapshot } from '../../../shared/runModel';
import { linearPipeline } from './pipeline';

const step = (id: string, deps: string[]): StepSnapshot => ({
  id,
  kind: 'k',
  title: id,
  target: 't',
  deps,
  state: 'pending',
  attempt: 0,
  startedAt: null,
  endedAt: null,
  progress: null,
  error: null,
});

describe('linearPipeline', () => {
  it('orders a chain by its dependencies, whatever order the steps come in', () => {
    const chain = linearPipeline([step('c', ['b']), step('a', []), step('b', ['a'])]);
    expect(chain?.map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });

  it('is null for a fork, a join, two roots or a single step', () => {
    expect(linearPipeline([step('a', []), step('b', ['a']), step('c', ['a'])])).toBeNull();
    expect(linearPipeline([step('a', []), step('b', []), step('c', ['a', 'b'])])).toBeNull();
    expect(linearPipeline([step('a', []), step('b', [])])).toBeNull();
    expect(linearPipeline([step('a', [])])).toBeNull();
  });

  it('is null when a step hangs off something outside the run (the chain does not cover every step)', () => {
    expect(linearPipeline([step('a', []), step('b', ['a']), step('d', ['x'])])).toBeNull();
  });
});
