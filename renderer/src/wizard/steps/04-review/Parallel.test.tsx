// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParallelLimit } from '../../../../../shared/contract/wizardChannels';
import { useLanguageStore } from '../../../i18n';
import { Parallel } from './Parallel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const limits: ParallelLimit[] = [
  { endpoint: 'vc', work: 'clone', per: 'datastore', node: null, storage: 'LocalDS_0', limit: 4, steps: ['vm.create:a', 'vm.create:b', 'vm.create:c'] },
  { endpoint: 'vc', work: 'upload', per: 'datastore', node: null, storage: 'LocalDS_0', limit: 1, steps: ['image.upload:vc/LocalDS_0/iso/x.iso'] },
  { endpoint: 'pve', work: 'clone', per: 'nodeStorage', node: 'pve1', storage: null, limit: 2, steps: ['vm.create:d'] },
  { endpoint: 'pve', work: 'task', per: 'node', node: null, storage: null, limit: 4, steps: ['vm.create:e'] },
];

let root: Root;
let container: HTMLDivElement;
beforeEach(() => {
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  act(() => useLanguageStore.getState().setLanguage('en'));
});

const items = () => [...container.querySelectorAll('[data-testid="parallel-limit"]')].map((item) => item.textContent);

describe('the review’s "what runs in parallel"', () => {
  it('says the run’s concurrency, then each limit per endpoint with where it applies and how many steps share it', () => {
    act(() => useLanguageStore.getState().setLanguage('en'));
    act(() => root.render(<Parallel parallel={{ concurrency: 6, limits }} />));
    expect(container.querySelector('h2')?.textContent).toBe('What runs in parallel');
    expect(container.textContent).toContain('Steps at the same time: 6.');
    expect([...container.querySelectorAll('[data-testid="parallel-endpoint"] h3')].map((title) => title.textContent)).toEqual(['vc', 'pve']);
    expect(items()).toEqual([
      'Clones on datastore LocalDS_0: at most 4 at a time steps: 3',
      'Uploads to datastore LocalDS_0: at most 1 at a time steps: 1',
      'Clones on the template’s storage on node pve1: at most 2 at a time steps: 1',
      'Platform tasks on the node chosen at run time: at most 4 at a time steps: 1',
    ]);
  });

  it('speaks Chinese and says when no platform limit applies', () => {
    act(() => useLanguageStore.getState().setLanguage('zh'));
    act(() => root.render(<Parallel parallel={{ concurrency: 2, limits: [] }} />));
    expect(container.querySelector('h2')?.textContent).toBe('哪些步骤并行运行');
    expect(container.textContent).toContain('同时执行的步骤数：2。');
    expect(container.textContent).toContain('除此之外，这些步骤没有平台限制。');
    expect(items()).toEqual([]);
  });
});
