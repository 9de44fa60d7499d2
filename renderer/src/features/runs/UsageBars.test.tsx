// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../shared/runModel';
import { applyEvents } from '../../../../shared/runReducer';
import { makeRun, makeStep } from '../../../../shared/testRuns';
import { useLanguageStore } from '../../i18n';
import { initialRunState, useRunStore } from './runStore';
import { UsageBars } from './UsageBars';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const run = makeRun([makeStep('vm.create:web-01', { state: 'running' })], { state: 'running' });
let root: Root;
let container: HTMLDivElement;

beforeEach(async () => {
  useLanguageStore.setState({ language: 'en' });
  useRunStore.setState({ ...initialRunState, runId: run.id, status: 'ready', snapshot: run }, true);
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(() => root.render(<UsageBars />));
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const receive = (events: EngineEvent[]) => act(() => useRunStore.setState((state) => ({ snapshot: applyEvents(state.snapshot!, events) })));
const bars = () => [...container.querySelectorAll('[role="progressbar"]')];

describe('the Deploy screen usage bars', () => {
  it('are hidden until a usage event arrives', () => {
    expect(container.querySelector('[data-testid="run-usage"]')).toBeNull();
  });

  it('show used of quota and of the hypervisors, named by their visible text, and follow later readings', async () => {
    await receive([
      {
        type: 'run.usage',
        runId: run.id,
        seq: run.seq + 1,
        at: 1,
        endpoint: 'cloud-1',
        meters: [
          { id: 'instances', used: 3, quota: 10, total: null },
          { id: 'vcpus', used: 6, quota: -1, total: 48 },
          { id: 'ramMiB', used: 6144, quota: 51200, total: 196608 },
        ],
      },
    ]);
    const [instances, vcpus, ram] = bars();
    expect(instances!.getAttribute('aria-valuenow')).toBe('30');
    expect(container.textContent).toContain('Instances: 3 of 10 used');
    expect(instances!.getAttribute('aria-label')).toContain('Instances: 3 of 10 used');
    expect(vcpus!.getAttribute('aria-label')).toContain('vCPUs: 6 used, no quota · 48 on the hypervisors');
    expect(vcpus!.getAttribute('aria-valuenow')).toBe('12.5');
    expect(ram!.getAttribute('aria-label')).toContain('RAM: 6 GiB of 50 GiB used · 192 GiB on the hypervisors');

    await receive([{ type: 'run.usage', runId: run.id, seq: run.seq + 2, at: 2, endpoint: 'cloud-1', meters: [{ id: 'instances', used: 10, quota: 10, total: null }] }]);
    expect(bars()).toHaveLength(1);
    expect(bars()[0]!.getAttribute('aria-valuenow')).toBe('100');
    expect(bars()[0]!.className).toContain('progress--failed');
  });
});
