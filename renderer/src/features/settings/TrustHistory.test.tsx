// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrustPin } from '../../../../shared/contract/channels';
import type { TrustEvent } from '../../../../shared/contract/wizardChannels';
import { installFakeBridge, type FakeBridge } from '../../api/testBridge';
import { TrustedFingerprints } from './TrustedFingerprints';
import { abbreviateFingerprint, TrustHistory } from './TrustHistory';
import { useTrustStore } from './trustStore';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const oldPrint = Array.from({ length: 32 }, () => 'AA').join(':');
const newPrint = `${Array.from({ length: 30 }, () => 'BB').join(':')}:C0:DE`;
const pin: TrustPin = { id: 3, kind: 'tls', host: 'pve1.lab', port: 8006, fingerprint: newPrint, subject: 'CN=pve1', createdAt: 2_000 };
const initial = useTrustStore.getState();

let bridge: FakeBridge;
let pins: TrustPin[];
let events: TrustEvent[];
let root: Root;
let container: HTMLDivElement;

beforeEach(async () => {
  useTrustStore.setState(initial, true);
  pins = [pin];
  events = [
    { id: 2, at: 2_000, action: 'replaced', kind: 'tls', host: 'pve1.lab', port: 8006, removed: [oldPrint], added: newPrint },
    { id: 1, at: 1_000, action: 'pinned', kind: 'ssh', host: 'node1', port: 22, removed: [], added: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8' },
  ];
  bridge = installFakeBridge({
    'trust:list': () => pins,
    'trust:events': ({ limit }) => events.slice(0, limit),
    'trust:revoke': ({ id }) => {
      const revoked = pins.find((entry) => entry.id === id)!;
      pins = pins.filter((entry) => entry.id !== id);
      events = [{ id: 3, at: 3_000, action: 'revoked', kind: revoked.kind, host: revoked.host, port: revoked.port, removed: [revoked.fingerprint], added: null }, ...events];
      return {};
    },
  });
  container = document.body.appendChild(document.createElement('div'));
  root = createRoot(container);
  await act(async () =>
    root.render(
      <>
        <TrustedFingerprints />
        <TrustHistory />
      </>,
    ),
  );
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
  bridge.uninstall();
});

const history = () => container.querySelector('[data-testid="trust-history"]')!;
const rows = () => [...history().querySelectorAll('[data-testid="trust-event"]')];
/** What a sighted user reads in a row: the abbreviations, not the screen-reader copies. */
const shown = (row: Element) =>
  [...row.querySelectorAll('td')].map((cell) => {
    const copy = cell.cloneNode(true) as Element;
    copy.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
    return copy.textContent;
  });

describe('the trust history in Settings', () => {
  it('lists each change newest first: host:port, kind, what happened, old → new abbreviated', () => {
    expect(rows().map((row) => shown(row).slice(1))).toEqual([
      ['pve1.lab:8006', 'TLS certificate', 'Replaced', 'AA:AA:AA…AA:AA → BB:BB:BB…C0:DE'],
      ['node1:22', 'SSH host key', 'Trusted', 'SHA256:n…E5SY8'],
    ]);
    expect(bridge.callsTo('trust:events')).toEqual([{ limit: 50 }]);
  });

  it('keeps the full fingerprints in the title and for screen readers', () => {
    const prints = [...rows()[0]!.querySelectorAll('[data-testid="trust-event-fingerprint"]')];
    expect(prints.map((print) => print.getAttribute('title'))).toEqual([oldPrint, newPrint]);
    expect(prints.map((print) => print.querySelector('.visually-hidden')?.textContent)).toEqual([oldPrint, newPrint]);
    expect(prints.every((print) => print.querySelector('[aria-hidden="true"]') !== null)).toBe(true);
  });

  it('shows a revocation made above it in Settings', async () => {
    await act(async () => container.querySelector<HTMLButtonElement>('[data-testid="trust-revoke"]')!.click());
    const confirm = [...container.querySelectorAll('[data-testid="confirm-revoke"] button')].find((button) => button.textContent === 'Revoke')!;
    await act(async () => (confirm as HTMLButtonElement).click());
    expect(shown(rows()[0]!).slice(1)).toEqual(['pve1.lab:8006', 'TLS certificate', 'Revoked', 'BB:BB:BB…C0:DE']);
    expect(rows()).toHaveLength(3);
  });

  it('abbreviates only what is long enough to need it', () => {
    expect(abbreviateFingerprint('AB:CD')).toBe('AB:CD');
    expect(abbreviateFingerprint(newPrint)).toBe('BB:BB:BB…C0:DE');
  });
});
