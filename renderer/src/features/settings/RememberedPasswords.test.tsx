// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fail } from '../../../../shared/errors';
import { secretKeyOf, type SecretTarget } from '../../../../shared/secrets';
import { installFakeBridge, type FakeBridge } from '../../api/testBridge';
import { RememberedPasswords } from './RememberedPasswords';
import { useRememberedPasswordsStore } from './rememberedPasswordsStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const pve: SecretTarget = { scope: 'endpoint', name: 'pve1', address: '10.0.0.1', user: 'root@pam' };
const bastion: SecretTarget = { scope: 'jumpHost', name: 'bastion', address: '10.0.0.9', user: '' };
const initial = useRememberedPasswordsStore.getState();

let bridge: FakeBridge;
let remembered: SecretTarget[];
let root: Root;
let container: HTMLDivElement;

async function render(persistent: boolean, refuse?: SecretTarget) {
  bridge = installFakeBridge({
    'secrets:remembered': () => ({ persistent, targets: remembered }),
    'secrets:forget': ({ target }) => {
      if (refuse && secretKeyOf(target) === secretKeyOf(refuse)) fail('internal', 'The keyring refused.');
      remembered = remembered.filter((entry) => secretKeyOf(entry) !== secretKeyOf(target));
      return {};
    },
  });
  await act(async () => root.render(<RememberedPasswords />));
}

beforeEach(() => {
  useRememberedPasswordsStore.setState(initial, true);
  remembered = [pve, bastion];
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
});

const buttons = () => [...container.querySelectorAll('button')];
const byName = (name: string) => buttons().find((element) => (element.getAttribute('aria-label') ?? element.textContent) === name);
const forgetAll = () => container.querySelector<HTMLButtonElement>('[data-testid="forget-all-passwords"]');
const dialog = () => container.querySelector('[data-testid="confirm-forget-password"]')!;
const confirm = (label: string) => act(async () => [...dialog().querySelectorAll('button')].find((element) => element.textContent === label)!.click());
const rows = () => [...container.querySelectorAll('[data-testid="remembered-password"]')].map((row) => [...row.querySelectorAll('td, th')].map((cell) => cell.textContent));

describe('remembered passwords in Settings', () => {
  it('lists whose passwords are remembered, by scope, name and user@address', async () => {
    await render(true);
    expect(rows()).toEqual([
      ['Endpoint', 'pve1', 'root@pam@10.0.0.1', 'Forget'],
      ['Jump host', 'bastion', '10.0.0.9', 'Forget'],
    ]);
    expect(container.querySelector('[data-testid="passwords-memory-only"]')).toBeNull();
  });

  it('forgets one only after the confirmation, naming it', async () => {
    await render(true);
    await act(async () => byName('Forget the password of endpoint pve1 (root@pam@10.0.0.1)')!.click());
    expect(dialog().textContent).toContain('Forget the password of pve1 (root@pam@10.0.0.1)?');
    expect(bridge.callsTo('secrets:forget')).toEqual([]);

    await confirm('Forget');
    expect(bridge.callsTo('secrets:forget')).toEqual([{ target: pve }]);
    expect(rows().map((row) => row[1])).toEqual(['bastion']);
  });

  it('forgets nothing when the user goes back', async () => {
    await render(true);
    await act(async () => byName('Forget the password of jump host bastion (10.0.0.9)')!.click());
    await confirm('Go back');
    expect(bridge.callsTo('secrets:forget')).toEqual([]);
    expect(rows()).toHaveLength(2);
  });

  it('forgets all after the confirmation and then says nothing is remembered', async () => {
    await render(true);
    await act(async () => forgetAll()!.click());
    expect(dialog().textContent).toContain('Forget every remembered password (2)?');
    await confirm('Forget all');
    expect(bridge.callsTo('secrets:forget')).toEqual([{ target: pve }, { target: bastion }]);
    expect(rows()).toEqual([]);
    expect(container.textContent).toContain('No password is remembered on this laptop.');
    expect(forgetAll()).toBeNull();
  });

  it('stops at a refusal, shows it, and keeps listing what is still remembered', async () => {
    await render(true, pve);
    await act(async () => forgetAll()!.click());
    await confirm('Forget all');
    expect(bridge.callsTo('secrets:forget')).toEqual([{ target: pve }]);
    expect(container.textContent).toContain('The keyring refused.');
    expect(rows().map((row) => row[1])).toEqual(['pve1', 'bastion']);
  });

  it('says plainly when the host keeps passwords in memory only', async () => {
    remembered = [];
    await render(false);
    expect(container.querySelector('[data-testid="passwords-memory-only"]')?.textContent).toBe('This host keeps passwords in memory only until it closes; it has no OS keyring.');
    expect(container.querySelector('table')).toBeNull();
    expect(forgetAll()).toBeNull();
  });

  it('gives every button an accessible name that contains its visible text', async () => {
    await render(true);
    for (const button of buttons()) {
      expect(button.getAttribute('aria-label') ?? button.textContent).toContain(button.textContent);
    }
  });
});
