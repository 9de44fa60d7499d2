// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RollbackOutcome, RollbackPreview } from '../../../../shared/contract/rollbackChannels';
import { AppFailure, appError } from '../../../../shared/errors';
import { applyEvents } from '../../../../shared/runReducer';
import { makeRun, makeStep } from '../../../../shared/testRuns';
import { installFakeBridge, type FakeBridge } from '../../api/testBridge';
import { RunOverview } from '../runs/RunOverview';
import { initialRunState, useRunStore } from '../runs/runStore';
import { useRollbackStore } from './rollbackStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const web = { stepId: 'vm.create:web-01', title: 'Create VM web-01', target: 'web-01', resources: [{ stepId: 'vm.create:web-01', endpoint: 'pve1', kind: 'vm' as const, id: '101', name: 'web-01', node: 'pve-a' }] };
const iso = { stepId: 'image.upload:tools', title: 'Upload tools.iso', target: 'pve1', resources: [{ stepId: 'image.upload:tools', endpoint: 'pve1', kind: 'image' as const, id: 'local:iso/tools.iso', name: 'tools.iso', node: 'pve-a' }] };
const failedRun = makeRun([makeStep(iso.stepId, { state: 'succeeded' }), makeStep(web.stepId, { state: 'succeeded' }), makeStep('vm.create:db-01', { state: 'failed' })], { state: 'failed' });

let bridge: FakeBridge;
let root: Root;
let container: HTMLDivElement;
let finishRollback: (outcome: RollbackOutcome) => void;

beforeEach(async () => {
  const preview: RollbackPreview = { runId: failedRun.id, state: 'failed', needsForce: false, undo: [web], kept: [{ ...iso, reason: 'no_undo' }] };
  bridge = installFakeBridge({
    'run:rollbackPreview': () => preview,
    'run:rollback': () => new Promise<RollbackOutcome>((resolve) => (finishRollback = resolve)),
  });
  useRollbackStore.setState({ prompt: { phase: 'closed' }, error: null, needsPasswordsFor: null });
  useRunStore.setState({ ...initialRunState, runId: failedRun.id, status: 'ready', snapshot: failedRun }, true);
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(() => root.render(<RunOverview />));
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
});

const dialog = () => container.querySelector('[data-testid="confirm-rollback"]')!;
const button = (name: string, within: ParentNode = container) => [...within.querySelectorAll('button')].find((element) => element.textContent === name);

describe('rolling back the open run on the Deploy screen', () => {
  it('lists what goes and what stays, rolls back on confirmation with live undo progress, and shows what was removed', async () => {
    const rollBack = container.querySelector<HTMLButtonElement>('[data-testid="run-rollback"]')!;
    expect(rollBack.getAttribute('aria-label')).toBe(`Roll back run ${failedRun.id}`);
    await act(async () => rollBack.click());
    expect(bridge.callsTo('run:rollbackPreview')).toEqual([{ runId: failedRun.id }]);
    expect(dialog().querySelector('[data-testid="rollback-removes"]')?.textContent).toBe('VM 101 “web-01” on pve1/pve-a');
    expect(dialog().querySelector('[data-testid="rollback-keeps"]')?.textContent).toBe('Image local:iso/tools.iso (“tools.iso”) on pve1/pve-a (this step cannot remove it)');
    expect(bridge.callsTo('run:rollback')).toEqual([]);

    await act(async () => button('Roll back', dialog())!.click());
    expect(bridge.callsTo('run:rollback')).toEqual([{ runId: failedRun.id }]);
    expect(container.querySelector('[data-testid="rollback-rolling"]')).not.toBeNull();
    // The run's own events carry the undos.
    const base = { runId: failedRun.id, at: 2000 };
    await act(async () =>
      useRunStore.setState({
        snapshot: applyEvents(failedRun, [
          { ...base, type: 'run.state', seq: 11, state: 'rolling_back', error: null },
          { ...base, type: 'step.undo', seq: 12, stepId: web.stepId, undo: { state: 'undone', attempt: 1, error: null } },
        ]),
      }),
    );
    expect(container.querySelector('[data-testid="rollback-progress"]')?.getAttribute('data-undone')).toBe('1');
    expect(container.querySelector('[data-testid="run-rollback"]')).toBeNull();

    await act(async () => finishRollback({ runId: failedRun.id, state: 'rolled_back', removed: [web], notRemoved: [], kept: [] }));
    const outcome = container.querySelector('[data-testid="rollback-outcome"]')!;
    expect(outcome.getAttribute('data-state')).toBe('rolled_back');
    expect(outcome.querySelector('[data-testid="rollback-removed"]')?.textContent).toBe('VM 101 “web-01” on pve1/pve-a');
  });

  it('removes nothing when the user goes back, and shows why a rollback was refused', async () => {
    await act(async () => container.querySelector<HTMLButtonElement>('[data-testid="run-rollback"]')!.click());
    await act(async () => button('Go back', dialog())!.click());
    expect(useRollbackStore.getState().prompt).toEqual({ phase: 'closed' });
    expect(bridge.callsTo('run:rollback')).toEqual([]);

    bridge.uninstall();
    bridge = installFakeBridge({
      'run:rollbackPreview': () => {
        throw new AppFailure(appError('run_active', 'Another run (r2, running) is active for lab:pve-lab.'));
      },
    });
    await act(async () => container.querySelector<HTMLButtonElement>('[data-testid="run-rollback"]')!.click());
    expect(container.querySelector('[data-testid="rollback-error"]')?.textContent).toContain('Another run (r2, running) is active');
    expect(dialog().hasAttribute('open')).toBe(false);
  });

  it('asks for the password the run’s workbook leaves empty, then previews the rollback', async () => {
    const target = { scope: 'endpoint', name: 'pve1', address: '10.0.0.1', user: 'root@pam' } as const;
    let entered = false;
    bridge.uninstall();
    bridge = installFakeBridge({
      'run:rollbackPreview': ({ runId }) => (entered ? { runId, state: 'failed', needsForce: false, undo: [web], kept: [] } : (() => { throw new AppFailure(appError('secret_required', 'Rackpilot needs the password of endpoint pve1 (Endpoints!E3).')); })()),
      'secrets:needed': () => ({ persistent: false, needs: [{ target, cell: 'Endpoints!E3', state: entered ? 'entered' : 'missing' }] }),
      'secrets:provide': () => ((entered = true), {}),
    });
    await act(async () => container.querySelector<HTMLButtonElement>('[data-testid="run-rollback"]')!.click());
    const field = container.querySelector<HTMLInputElement>('[data-testid="password-prompt"] input[type="password"]')!;
    expect(bridge.callsTo('secrets:needed')[0]).toEqual({ runId: failedRun.id });
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, 'Geheim-123');
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => container.querySelector<HTMLFormElement>('[data-testid="password-prompt"]')!.requestSubmit());
    expect(bridge.callsTo('run:rollbackPreview')).toHaveLength(2);
    expect(dialog().querySelector('[data-testid="rollback-removes"]')?.textContent).toBe('VM 101 “web-01” on pve1/pve-a');
    expect(container.querySelector('[data-testid="password-prompt"]')).toBeNull();
  });
});
