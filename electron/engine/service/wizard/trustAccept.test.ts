import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ParsedRequestOf } from '../../../../shared/contract/channels';
import { openStore, type RunStore } from '../../store';
import { makeTempDir, sampleRun, sampleSteps } from '../../store/storeTestKit';
import { failureOf } from '../../testing/failureOf';
import { acceptTrust, replaceTrust } from './trustAccept';

const temp = makeTempDir('trust-accept');
afterAll(() => temp.remove());
const stores: RunStore[] = [];
afterEach(() => stores.splice(0).forEach((store) => store.close()));
let files = 0;
function freshStore(): RunStore {
  const store = openStore(temp.file(`store-${files++}.sqlite`));
  stores.push(store);
  return store;
}

const oldPrint = Array.from({ length: 32 }, () => 'AA').join(':');
const newPrint = `${Array.from({ length: 30 }, () => 'BB').join(':')}:C0:DE`;
const accept = (fingerprint: string): ParsedRequestOf<'trust:accept'> => ({ kind: 'tls', host: 'PVE1.lab', port: 8006, fingerprint, subject: 'CN=pve1' });
const replace = (confirmation: string): ParsedRequestOf<'trust:replace'> => ({ ...accept(newPrint.toLowerCase()), confirmation });
const pinned = (store: RunStore) => store.findPins('tls', 'pve1.lab', 8006).map((pin) => pin.fingerprint);
const attempt = (work: () => unknown) => failureOf(Promise.resolve().then(work));

describe('trusting a certificate from the Connect screen', () => {
  it('pins an unknown certificate, and accepting the same one again changes nothing', () => {
    const store = freshStore();
    acceptTrust(store, accept(oldPrint.toLowerCase()), 10);
    acceptTrust(store, accept(oldPrint), 20);
    expect(pinned(store)).toEqual([oldPrint]);
    expect(store.listTrustEvents(10)).toMatchObject([{ action: 'pinned', added: oldPrint, at: 10 }]);
  });

  it('refuses to pin a changed certificate next to the old pin (no one-click trust)', async () => {
    const store = freshStore();
    acceptTrust(store, accept(oldPrint), 10);
    const failure = await attempt(() => acceptTrust(store, accept(newPrint), 20));
    expect(failure.appError).toMatchObject({ code: 'conflict', title: expect.stringContaining(oldPrint) });
    expect(pinned(store)).toEqual([oldPrint]);
  });
});

describe('replacing a pin on purpose', () => {
  it('refuses without the typed confirmation and leaves the old pin', async () => {
    const store = freshStore();
    acceptTrust(store, accept(oldPrint), 10);
    for (const typed of ['', 'yes', 'pve2.lab', 'AAAA']) {
      expect((await attempt(() => replaceTrust(store, replace(typed), () => []))).appError.code).toBe('invalid_request');
    }
    expect(pinned(store)).toEqual([oldPrint]);
  });

  it('swaps old for new when the host name or the last four hex digits are typed, and records old → new', () => {
    const store = freshStore();
    acceptTrust(store, accept(oldPrint), 10);
    const event = replaceTrust(store, replace(' pve1.LAB '), () => [], 30);
    expect(event).toMatchObject({ action: 'replaced', host: 'pve1.lab', port: 8006, removed: [oldPrint], added: newPrint, at: 30 });
    expect(pinned(store)).toEqual([newPrint]);
    expect(replaceTrust(store, { ...replace('c0de'), fingerprint: oldPrint, confirmation: 'AA:AA' }, () => [], 40).removed).toEqual([newPrint]);
  });

  it('writes the replacement into the log of every executing run', () => {
    const store = freshStore();
    store.createRun(sampleRun('r1'), sampleSteps());
    acceptTrust(store, accept(oldPrint), 10);
    replaceTrust(store, replace('C0DE'), () => ['r1'], 30);
    const lines = store.getLogLines('r1', { limit: 10 }).lines;
    expect(lines).toMatchObject([{ level: 'warn', at: 30, stepId: null, text: expect.stringContaining(`${oldPrint} → ${newPrint}`) }]);
  });

  it('revoking in Settings, then trusting, pins the new certificate; the trail shows both', () => {
    const store = freshStore();
    acceptTrust(store, accept(oldPrint), 10);
    expect(store.revokePin(store.findPins('tls', 'pve1.lab', 8006)[0]!.id, 20)).toBe(true);
    acceptTrust(store, accept(newPrint), 30);
    expect(pinned(store)).toEqual([newPrint]);
    expect(store.listTrustEvents(10).map((event) => [event.action, event.removed, event.added])).toEqual([
      ['pinned', [], newPrint],
      ['revoked', [oldPrint], null],
      ['pinned', [], oldPrint],
    ]);
  });
});
