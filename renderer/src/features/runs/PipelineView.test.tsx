// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepSnapshot } from '../../../../shared/runModel';
import { makeRun, makeStep } from '../../../../shared/testRuns';
import { useLogStore } from '../logs/logStore';
import { PipelineView } from './PipelineView';
import { initialRunState, useRunStore } from './runStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLDivElement;

async function show(steps: StepSnapshot[]): Promise<void> {
  const run = makeRun(steps, { state: 'running' });
  useRunStore.setState({ ...initialRunState, runId: run.id, status: 'ready', snapshot: run }, true);
  await act(() => root.render(<PipelineView />));
}

beforeEach(() => {
  useLogStore.getState().reset('run-1');
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const upload = { fraction: 0.25, bytesDone: 25 * 1024 * 1024, bytesTotal: 100 * 1024 * 1024, bytesPerSecond: 5 * 1024 * 1024 };

describe('the pipeline on the Deploy screen', () => {
  it('draws a chain in dependency order, with the running stage\'s bytes, speed, time left and newest output line', async () => {
    useLogStore.getState().append([
      { seq: 1, stepId: 'b', level: 'info', at: 1, text: 'chunk 1 of 4 sent' },
      { seq: 2, stepId: 'a', level: 'info', at: 2, text: 'not this one' },
      { seq: 3, stepId: 'b', level: 'info', at: 3, text: 'chunk 2 of 4 sent' },
    ]);
    await show([
      makeStep('c', { deps: ['b'] }),
      makeStep('a', { state: 'succeeded' }),
      makeStep('b', { deps: ['a'], state: 'running', progress: upload }),
    ]);
    const stages = [...container.querySelectorAll('[data-testid="pipeline-stage"]')];
    expect(stages.map((stage) => [stage.getAttribute('data-step-id'), stage.getAttribute('data-state')])).toEqual([
      ['a', 'succeeded'],
      ['b', 'running'],
      ['c', 'pending'],
    ]);
    expect(stages[1]!.querySelector('[data-testid="pipeline-detail"]')!.textContent).toMatch(/^25 MiB of 100 MiB · 5(\.0)? MiB\/s · .+ left$/);
    expect(stages[1]!.querySelector('[data-testid="pipeline-output"]')!.textContent).toBe('chunk 2 of 4 sent');
    expect(stages[0]!.querySelector('[data-testid="pipeline-output"]')).toBeNull();
  });

  it('is not drawn for a graph that forks', async () => {
    await show([makeStep('a'), makeStep('b', { deps: ['a'] }), makeStep('c', { deps: ['a'] })]);
    expect(container.querySelector('[data-testid="pipeline"]')).toBeNull();
  });
});
