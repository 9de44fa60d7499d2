// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeRun, makeStep } from '../../../../../shared/testRuns';
import { installFakeBridge, type FakeBridge } from '../../../api/testBridge';
import { useLanguageStore } from '../../../i18n';
import { useResultsStore, type StepResult } from './resultsStore';
import { StepResults } from './StepResults';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const run = makeRun(
  [
    makeStep('app.prepare:tower', { state: 'succeeded' }),
    makeStep('app.output:tower', { state: 'succeeded' }),
  ],
  { state: 'succeeded', endedAt: 2000 },
);
let items: StepResult[];
let bridge: FakeBridge;
let root: Root;
let container: HTMLDivElement;

async function render(): Promise<void> {
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(() => root.render(<StepResults run={run} />));
  // The reply arrives after the first render.
  await act(async () => {});
}

beforeEach(() => {
  items = [
    { stepId: 'app.prepare:tower', kind: 'step', name: 'Prepare tower', target: 'tower', status: 'succeeded', fields: {} },
    { stepId: 'app.output:tower', kind: 'step', name: 'Record tower', target: 'tower', status: 'succeeded', fields: { baseUrl: 'https://10.0.0.5', ntp: 'ntp.example', customField: '42' } },
  ];
  bridge = installFakeBridge({ 'run:results': () => ({ items }) });
  useResultsStore.setState({ results: { status: 'idle' } });
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
  useLanguageStore.getState().setLanguage('en');
});

const fields = () => [...container.querySelectorAll('[data-testid="report-result-field"]')].map((element) => [element.querySelector('dt')!.textContent, element.querySelector('dd')!.textContent]);

describe('the report\'s results section', () => {
  it('shows each step that reported fields, with known fields under their label and others under their id', async () => {
    await render();
    expect(container.querySelectorAll('[data-testid="report-result"]')).toHaveLength(1);
    // A step is named by its title in the snapshot (translatable), not the engine's English name.
    expect(container.querySelector('h3')!.textContent).toBe('Work app.output:tower tower');
    expect(fields()).toEqual([
      ['Address', 'https://10.0.0.5'],
      ['NTP servers', 'ntp.example'],
      ['customField', '42'],
    ]);
  });

  it('names a VM\'s item once when its name is its target', async () => {
    items = [{ stepId: 'app.output:tower', kind: 'vm', name: 'tower', target: 'tower', status: 'succeeded', fields: { ip: '10.0.0.5' } }];
    await render();
    expect(container.querySelector('h3')!.textContent).toBe('tower');
  });

  it('labels the fields in the chosen language', async () => {
    useLanguageStore.getState().setLanguage('zh');
    await render();
    expect(fields()[1]).toEqual(['NTP 服务器', 'ntp.example']);
  });

  it('shows nothing when no step reported a field, and the error when the engine refused', async () => {
    items = items.map((item) => ({ ...item, fields: {} }));
    await render();
    expect(container.querySelector('[data-testid="report-results"]')).toBeNull();
    act(() => root.unmount());
    container.remove();
    bridge.uninstall();
    bridge = installFakeBridge({ 'run:results': () => { throw new Error('store gone'); } });
    useResultsStore.setState({ results: { status: 'idle' } });
    await render();
    expect(container.querySelector('[data-testid="report-results-error"]')).not.toBeNull();
  });
});
