// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ValueOf } from '../../../../../shared/contract/channels';
import { installFakeBridge, type FakeBridge } from '../../../api/testBridge';
import { useSettingsStore } from '../../../features/settings/settingsStore';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useReviewStore } from './reviewStore';

const initial = useReviewStore.getState();
const graph = (concurrency: number): ValueOf<'plan:graph'> => ({
  planName: 'Site',
  rehearsal: false,
  environment: 'proxmox:pve',
  steps: [],
  totals: { vms: 10, vcpu: 29, memoryMiB: 79_872, diskGiB: 860, uploadBytes: 1_048_576, steps: 11, estimate: { lowSeconds: 600 / concurrency, highSeconds: 1200 / concurrency, basis: { source: 'defaults' as const } } },
  parallel: { concurrency, limits: [] },
});

let bridge: FakeBridge;
beforeEach(() => {
  useReviewStore.setState(initial, true);
  useWorkbookStore.setState({ path: '/plans/site.xlsx', lab: true, importId: 3, status: 'imported' });
  useSettingsStore.setState({ settings: { language: 'en', theme: 'system', concurrency: 6, recentFiles: [] } });
  bridge = installFakeBridge({ 'plan:graph': ({ concurrency }) => graph(concurrency ?? 4) });
});
afterEach(() => bridge.uninstall());

describe('review', () => {
  it('builds the graph of the current plan and target with the settings’ concurrency, and again per import', async () => {
    await useReviewStore.getState().load();
    expect(bridge.callsTo('plan:graph')).toEqual([{ plan: { path: '/plans/site.xlsx', lab: true, profile: 'auto' }, concurrency: 6 }]);
    expect(useReviewStore.getState()).toMatchObject({ status: 'ready', graph: { totals: { estimate: { lowSeconds: 100 } } } });
    useWorkbookStore.setState({ importId: 4 });
    await useReviewStore.getState().load();
    expect(bridge.callsTo('plan:graph')).toHaveLength(2);
  });

  it('asks again for the same plan without leaving ready, and takes the newer estimate', async () => {
    let learned = false;
    bridge.uninstall();
    bridge = installFakeBridge({ 'plan:graph': () => ({ ...graph(6), totals: { ...graph(6).totals, estimate: { lowSeconds: learned ? 5 : 100, highSeconds: 200, basis: { source: 'defaults' as const } } } }) });
    await useReviewStore.getState().load();
    learned = true;
    const again = useReviewStore.getState().load();
    expect(useReviewStore.getState().status).toBe('ready');
    await again;
    expect(useReviewStore.getState().graph?.totals.estimate.lowSeconds).toBe(5);
  });

  it('asks again when the concurrency changes, and ignores values outside 1..64', async () => {
    await useReviewStore.getState().load();
    useReviewStore.getState().setConcurrency(0);
    useReviewStore.getState().setConcurrency(2.5);
    expect(useReviewStore.getState().concurrency).toBeNull();
    useReviewStore.getState().setConcurrency(2);
    expect(bridge.callsTo('plan:graph').map((request) => request.concurrency)).toEqual([6, 2]);
  });
});
