// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail } from '../../../../../shared/errors';
import type { CreatedResource, RunSummary } from '../../../../../shared/runModel';
import { installFakeBridge, type FakeBridge } from '../../../api/testBridge';
import { useNavigationStore } from '../../../app/navigationStore';
import { useRollbackStore } from '../../../features/rollback/rollbackStore';
import { RunsToResume } from './RunsToResume';
import { useStartStore } from './startStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const initial = useStartStore.getState();
const interruptedRun: RunSummary = {
  id: 'run-7',
  planName: 'Site',
  rehearsal: false,
  environment: 'proxmox:pve1',
  state: 'interrupted',
  createdAt: 1_700_000_000_000,
  startedAt: 1_700_000_000_000,
  endedAt: null,
  stepCounts: { pending: 3, ready: 0, running: 0, retrying: 0, succeeded: 2, adopted: 0, failed: 0, skipped: 0, cancelled: 0 },
};
const leftBehind: CreatedResource[] = [{ stepId: 'vm.create:web-01', endpoint: 'pve1', kind: 'vm', id: '101', name: 'web-01', node: 'pve-a' }];

let bridge: FakeBridge;
let runs: RunSummary[];
let root: Root;
let container: HTMLDivElement;

beforeEach(async () => {
  useStartStore.setState(initial, true);
  runs = [interruptedRun];
  bridge = installFakeBridge({
    'run:list': () => runs,
    'run:createdResources': () => ({ resources: leftBehind }),
    'run:cancel': ({ runId }) => {
      if (runId !== 'run-7') fail('not_found', 'no such run');
      runs = [];
      return { resources: leftBehind };
    },
  });
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(() => useStartStore.getState().load());
  await act(() => root.render(<RunsToResume />));
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
});

const button = (name: string) => [...container.querySelectorAll('button')].find((element) => element.getAttribute('aria-label') === name || element.textContent === name);

describe('an interrupted run on the start screen', () => {
  it('asks for the password a resumed run cannot find, then resumes', async () => {
    const target = { scope: 'endpoint', name: 'pve1', address: '10.0.0.1', user: 'root@pam' } as const;
    let entered = false;
    bridge.uninstall();
    bridge = installFakeBridge({
      'run:list': () => runs,
      'run:resume': () => (entered ? {} : fail('secret_required', 'Rackpilot needs the password of endpoint pve1 (Endpoints!E3).')),
      'secrets:needed': () => ({ persistent: false, needs: [{ target, cell: 'Endpoints!E3', state: entered ? 'entered' : 'missing' }] }),
      'secrets:provide': () => ((entered = true), {}),
      'run:get': () => fail('not_found', 'not in this test'),
    });
    await act(async () => button('Resume run run-7')!.click());
    const field = container.querySelector<HTMLInputElement>('[data-testid="password-prompt"] input[type="password"]')!;
    expect(field.labels?.[0]?.textContent).toBe('Password of endpoint pve1 (root@pam@10.0.0.1)');
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, 'Geheim-123');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => container.querySelector<HTMLFormElement>('[data-testid="password-prompt"]')!.requestSubmit());
    expect(bridge.callsTo('run:resume')).toEqual([{ runId: 'run-7' }, { runId: 'run-7' }]);
    expect(bridge.callsTo('secrets:needed')[0]).toEqual({ runId: 'run-7' });
  });

  it('offers Cancel next to Resume, and the confirmation lists what stays behind', async () => {
    expect(button('Resume run run-7')).toBeDefined();
    await act(async () => button('Cancel run run-7')!.click());
    const dialog = container.querySelector('[data-testid="confirm-cancel-interrupted"]')!;
    expect(dialog.textContent).toContain('Cancel run run-7?');
    expect(dialog.querySelector('[data-testid="left-behind"]')?.textContent).toBe('VM 101 “web-01” on pve1/pve-a');
    expect(bridge.callsTo('run:cancel')).toEqual([]);

    await act(async () => [...dialog.querySelectorAll('button')].find((element) => element.textContent === 'Cancel run')!.click());
    expect(bridge.callsTo('run:cancel')).toEqual([{ runId: 'run-7' }]);
    expect(container.querySelector('[data-testid="interrupted-run"]')).toBeNull();
  });

  it('cancels nothing when the user goes back', async () => {
    await act(async () => button('Cancel run run-7')!.click());
    await act(async () => button('Go back')!.click());
    expect(useStartStore.getState().cancelPrompt).toEqual({ phase: 'closed' });
    expect(bridge.callsTo('run:cancel')).toEqual([]);
    expect(container.querySelector('[data-testid="interrupted-run"]')).not.toBeNull();
  });

  it('offers Roll back next to Resume; confirming opens the run, where the rollback goes on', async () => {
    const web = { stepId: 'vm.create:web-01', title: 'Create VM web-01', target: 'web-01', resources: leftBehind };
    bridge.uninstall();
    bridge = installFakeBridge({
      'run:list': () => runs,
      'run:rollbackPreview': ({ runId }) => ({ runId, state: 'interrupted', needsForce: false, undo: [web], kept: [] }),
      'run:rollback': ({ runId }) => ({ runId, state: 'rolled_back', removed: [web], notRemoved: [], kept: [] }),
    });
    await act(async () => button('Roll back run run-7')!.click());
    const dialog = container.querySelector('[data-testid="confirm-rollback"]')!;
    expect(dialog.querySelector('[data-testid="rollback-removes"]')?.textContent).toBe('VM 101 “web-01” on pve1/pve-a');
    await act(async () => [...dialog.querySelectorAll('button')].find((element) => element.textContent === 'Roll back')!.click());
    expect(useNavigationStore.getState().route).toEqual({ screen: 'deploy', runId: 'run-7' });
    expect(bridge.callsTo('run:rollback')).toEqual([{ runId: 'run-7' }]);
    expect(useRollbackStore.getState().prompt).toMatchObject({ phase: 'done', outcome: { state: 'rolled_back' } });
  });

  it('offers only Roll back for a run whose rollback had started when the app closed', async () => {
    expect(button('Resume run run-7')).toBeDefined();
    runs = [{ ...interruptedRun, rollbackStarted: true }];
    await act(() => useStartStore.getState().load());
    const item = container.querySelector('[data-testid="interrupted-run"]')!;
    expect(button('Resume run run-7')).toBeUndefined();
    expect(button('Cancel run run-7')).toBeUndefined();
    expect(button('Roll back run run-7')).toBeDefined();
    expect(item.querySelector('[data-testid="rollback-started"]')?.textContent).toBe('A rollback had started; roll back to finish it.');
  });
});
