// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretNeed } from '../../../../shared/contract/secretChannels';
import { installFakeBridge, type FakeBridge } from '../../api/testBridge';
import { PasswordPrompt } from './PasswordPrompt';
import { usePasswordStore } from './passwordStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const initial = usePasswordStore.getState();
const target = { scope: 'endpoint', name: 'pve1', address: '10.0.0.1', user: 'root@pam' } as const;
const plan = { path: '/site.xlsx', lab: false, profile: 'auto' } as const;

let bridge: FakeBridge;
let root: Root;
let container: HTMLDivElement;
let done = 0;

/** Renders the prompt for a plan whose pve1 password is empty, on a host that can (or cannot) remember it. */
async function render(persistent: boolean) {
  usePasswordStore.setState(initial, true);
  let state: SecretNeed['state'] = 'missing';
  bridge = installFakeBridge({
    'secrets:needed': () => ({ persistent, needs: [{ target, cell: 'Endpoints!E3', state }] }),
    'secrets:provide': ({ remember }) => {
      state = remember ? 'remembered' : 'entered';
      return {};
    },
  });
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  done = 0;
  await act(() => usePasswordStore.getState().load({ plan }));
  await act(() => root.render(<PasswordPrompt onDone={() => (done += 1)} />));
}

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
});

const field = () => container.querySelector<HTMLInputElement>('input[type="password"]')!;
const labelOf = (input: HTMLInputElement) => input.labels?.[0]?.textContent;

async function typeInto(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  await act(async () => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('the password prompt at Connect', () => {
  it('labels a hidden, unremembered field with the endpoint and user, and offers to remember it where storage persists', async () => {
    await render(true);
    expect(field().getAttribute('autocomplete')).toBe('off');
    expect(labelOf(field())).toBe('Password of endpoint pve1 (root@pam@10.0.0.1)');
    expect(container.textContent).toContain('Empty in the workbook at Endpoints!E3.');
    const remember = container.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(remember.getAttribute('aria-label')).toBe('Remember on this laptop: pve1');
    expect(container.querySelector('[data-testid="passwords-memory-only"]')).toBeNull();

    await typeInto(field(), 'Geheim-123');
    await act(async () => remember.click());
    await act(async () => container.querySelector('form')!.requestSubmit());
    expect(bridge.callsTo('secrets:provide')).toEqual([{ target, value: 'Geheim-123', remember: true }]);
    expect(done).toBe(1);
    expect(container.querySelector('[data-testid="password-need"]')!.getAttribute('data-state')).toBe('remembered');
    expect(field().value).toBe('');
  });

  it('offers no tick box on a host without a keyring, and says why', async () => {
    await render(false);
    expect(container.querySelector('input[type="checkbox"]')).toBeNull();
    expect(container.querySelector('[data-testid="passwords-memory-only"]')!.textContent).toContain('this host has no OS keyring');
    const submit = container.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(submit.disabled).toBe(true);
    await typeInto(field(), 'Geheim-123');
    expect(submit.disabled).toBe(false);
    await act(async () => container.querySelector('form')!.requestSubmit());
    expect(bridge.callsTo('secrets:provide')).toEqual([{ target, value: 'Geheim-123', remember: false }]);
    expect(done).toBe(1);
  });
});
