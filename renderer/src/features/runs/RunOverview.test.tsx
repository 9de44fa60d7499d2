// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedResource } from '../../../../shared/runModel';
import { makeRun, makeStep } from '../../../../shared/testRuns';
import { installFakeBridge, type FakeBridge } from '../../api/testBridge';
import { RunOverview } from './RunOverview';
import { initialRunState, useRunStore } from './runStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const run = makeRun([makeStep('vm.create:web-01', { state: 'succeeded' }), makeStep('vm.create:web-02', { state: 'running' })], { state: 'running' });
let leftBehind: CreatedResource[];
let bridge: FakeBridge;
let root: Root;
let container: HTMLDivElement;

beforeEach(async () => {
  leftBehind = [{ stepId: 'vm.create:web-01', endpoint: 'pve1', kind: 'vm', id: '101', name: 'web-01', node: 'pve-a' }];
  bridge = installFakeBridge({
    'run:createdResources': () => ({ resources: leftBehind }),
    'run:cancel': () => ({ resources: leftBehind }),
  });
  useRunStore.setState({ ...initialRunState, runId: run.id, status: 'ready', snapshot: run }, true);
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(() => root.render(<RunOverview />));
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
});

const button = (name: string, within: ParentNode = container) => [...within.querySelectorAll('button')].find((element) => element.textContent === name);
const dialog = () => container.querySelector('[data-testid="confirm-cancel"]')!;

describe('cancelling the open run on the Deploy screen', () => {
  it('lists what its steps created before anything is cancelled, then cancels on confirmation', async () => {
    await act(async () => container.querySelector<HTMLButtonElement>('[data-testid="run-cancel"]')!.click());
    expect(bridge.callsTo('run:createdResources')).toEqual([{ runId: run.id }]);
    expect(dialog().querySelector('[data-testid="left-behind"]')?.textContent).toBe('VM 101 “web-01” on pve1/pve-a');
    expect(bridge.callsTo('run:cancel')).toEqual([]);

    await act(async () => button('Cancel run', dialog())!.click());
    expect(bridge.callsTo('run:cancel')).toEqual([{ runId: run.id }]);
    expect(useRunStore.getState().cancelPrompt).toEqual({ phase: 'closed' });
  });

  it('says so when nothing stays behind, and cancels nothing when the user goes back', async () => {
    leftBehind = [];
    await act(async () => container.querySelector<HTMLButtonElement>('[data-testid="run-cancel"]')!.click());
    expect(dialog().querySelector('[data-testid="left-behind-none"]')).not.toBeNull();
    await act(async () => button('Go back', dialog())!.click());
    expect(useRunStore.getState().cancelPrompt).toEqual({ phase: 'closed' });
    expect(bridge.callsTo('run:cancel')).toEqual([]);
  });
});
