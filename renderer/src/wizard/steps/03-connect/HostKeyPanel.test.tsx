// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HostKey, JumpHostPreflight } from '../../../../../shared/contract/wizardChannels';
import { installFakeBridge, type FakeBridge } from '../../../api/testBridge';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { preflightCounts } from '../../../lib/preflight';
import { JumpHostCard } from './JumpHostCard';
import { usePreflightStore } from './preflightStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const oldKey = `SHA256:${'a'.repeat(42)}Q`;
const newKey = `SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8`;
const unknown: HostKey = { host: '10.0.0.9', port: 22, keyType: 'ssh-ed25519', fingerprint: newKey, trusted: false, trust: { status: 'unknown' } };
const jumpWith = (hostKey: HostKey | null, login: 'ok' | 'skipped' = 'skipped'): JumpHostPreflight => ({
  name: 'bastion',
  address: '10.0.0.9',
  port: 22,
  user: 'ops',
  via: null,
  checks: [
    { id: 'reachable', status: 'ok', message: 'ok', detail: null },
    { id: 'hostKey', status: hostKey?.trusted ? 'ok' : 'blocker', message: 'key', detail: null },
    { id: 'login', status: login, message: 'login', detail: null },
  ],
  hostKey,
});

const initial = usePreflightStore.getState();
let bridge: FakeBridge;
let root: Root;
let container: HTMLDivElement;
let recheckAnswer: JumpHostPreflight;

async function show(jumpHost: JumpHostPreflight) {
  usePreflightStore.setState({ key: '7:false', status: 'done', jumpHosts: [jumpHost] });
  await act(() => root.render(<JumpHostCard jumpHost={usePreflightStore.getState().jumpHosts[0]!} />));
}
const query = (testId: string) => container.querySelector(`[data-testid="${testId}"]`);

beforeEach(() => {
  usePreflightStore.setState(initial, true);
  useWorkbookStore.setState({ path: '/plans/site.xlsx', lab: false, importId: 7, status: 'imported' });
  recheckAnswer = jumpWith({ ...unknown, trusted: true, trust: { status: 'trusted', by: 'pinned' } }, 'ok');
  bridge = installFakeBridge({
    'trust:accept': () => ({}),
    'trust:replace': (request) => ({ id: 1, at: 1, action: 'replaced', kind: 'ssh', host: request.host, port: request.port, removed: [oldKey], added: newKey }),
    'preflight:run': () => ({ endpoints: [], jumpHosts: [recheckAnswer] }),
  });
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
});

describe('a jump host card', () => {
  it('shows an unknown host key in OpenSSH form; trusting pins it as ssh and checks only that jump host again', async () => {
    await show(jumpWith(unknown));
    expect(query('host-key')?.getAttribute('data-trust')).toBe('unknown');
    expect(query('fingerprint')?.textContent).toBe(newKey);
    await act(async () => (query('host-key-trust') as HTMLButtonElement).click());
    expect(bridge.callsTo('trust:accept')).toEqual([{ kind: 'ssh', host: '10.0.0.9', port: 22, fingerprint: newKey, subject: 'ssh-ed25519' }]);
    expect(bridge.callsTo('preflight:run').at(-1)).toMatchObject({ jumpHost: 'bastion' });
    expect(bridge.callsTo('preflight:run').at(-1)).not.toHaveProperty('endpoint');
    expect(usePreflightStore.getState().jumpHosts[0]!.hostKey!.trusted).toBe(true);
  });

  it('keeps a rejected key blocked without a Trust button', async () => {
    await show(jumpWith(unknown));
    await act(async () => (query('host-key-reject') as HTMLButtonElement).click());
    expect(query('host-key')?.getAttribute('data-rejected')).toBe('true');
    expect(query('host-key-trust')).toBeNull();
    expect(bridge.callsTo('trust:accept')).toEqual([]);
  });

  it('shows a changed key with old and new and offers only the typed replace', async () => {
    await show(jumpWith({ ...unknown, trust: { status: 'changed', pinned: [oldKey] } }));
    expect(query('host-key')?.getAttribute('data-trust')).toBe('changed');
    expect(query('host-key-trust')).toBeNull();
    expect(query('pinned-fingerprint')?.textContent).toBe(oldKey);
    expect(query('fingerprint')?.textContent).toBe(newKey);
    await act(async () => (query('cert-replace-open') as HTMLButtonElement).click());
    expect((query('cert-replace-submit') as HTMLButtonElement).disabled).toBe(true);
    const input = query('cert-replace-confirm') as HTMLInputElement;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '10.0.0.9');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => (query('cert-replace-submit') as HTMLButtonElement).click());
    expect(bridge.callsTo('trust:replace')).toEqual([{ kind: 'ssh', host: '10.0.0.9', port: 22, fingerprint: newKey, subject: 'ssh-ed25519', confirmation: '10.0.0.9' }]);
  });

  it('refuses a key the workbook does not name, with no way to trust it here', async () => {
    await show(jumpWith({ ...unknown, trust: { status: 'unexpected', expected: [oldKey] } }));
    expect(query('expected-fingerprint')?.textContent).toBe(oldKey);
    expect(query('host-key-trust')).toBeNull();
    expect(query('cert-replace-open')).toBeNull();
  });

  it('counts a jump host blocker like an endpoint blocker', () => {
    expect(preflightCounts([jumpWith(unknown)]).blockers).toBe(1);
    expect(preflightCounts([recheckAnswer]).blockers).toBe(0);
  });
});
