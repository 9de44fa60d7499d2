// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointPreflight } from '../../../../../shared/contract/wizardChannels';
import { fail } from '../../../../../shared/errors';
import { installFakeBridge, type FakeBridge, type FakeHandlers } from '../../../api/testBridge';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { usePreflightStore } from './preflightStore';

const initial = usePreflightStore.getState();
const certificate = { host: '127.0.0.1', port: 8006, subject: 'CN=pve', issuer: 'CN=pve', fingerprint: 'AA:BB:CC', validFrom: '2025-01-01', validTo: '2035-01-01', trusted: false, trust: { status: 'unknown' as const }, caValid: false };
const endpoint = (name: string, status: 'ok' | 'blocker', extra: Partial<EndpointPreflight> = {}): EndpointPreflight => ({
  name,
  kind: 'proxmox',
  url: `https://${name}:8006`,
  checks: [{ id: 'tls', status, message: status, detail: null }],
  certificate: null,
  version: null,
  nodes: [],
  ...extra,
});

let bridge: FakeBridge;
function install(handlers: FakeHandlers) {
  bridge = installFakeBridge(handlers);
}

beforeEach(() => {
  usePreflightStore.setState(initial, true);
  useWorkbookStore.setState({ path: '/plans/site.xlsx', lab: false, importId: 7, status: 'imported' });
});
afterEach(() => bridge.uninstall());

describe('preflight', () => {
  it('checks every endpoint of the current plan and keys the result to the import and target', async () => {
    install({ 'preflight:run': () => ({ endpoints: [endpoint('a', 'ok'), endpoint('b', 'blocker')], jumpHosts: [] }) });
    await usePreflightStore.getState().checkAll();
    expect(bridge.callsTo('preflight:run')).toEqual([{ plan: { path: '/plans/site.xlsx', lab: false, profile: 'auto' } }]);
    expect(usePreflightStore.getState()).toMatchObject({ key: '7:false', status: 'done' });
    expect(usePreflightStore.getState().endpoints.map((entry) => entry.name)).toEqual(['a', 'b']);
  });

  it('drops an answer that arrives after the workbook was read again', async () => {
    const answers: ((value: { endpoints: EndpointPreflight[]; jumpHosts: [] }) => void)[] = [];
    install({ 'preflight:run': () => new Promise((resolve) => answers.push(resolve)) });
    const older = usePreflightStore.getState().checkAll();
    useWorkbookStore.setState({ importId: 8 });
    const newer = usePreflightStore.getState().checkAll();
    await Promise.resolve();
    expect(answers).toHaveLength(2);
    answers[1]!({ endpoints: [endpoint('new', 'ok')], jumpHosts: [] });
    await newer;
    answers[0]!({ endpoints: [endpoint('old', 'ok')], jumpHosts: [] });
    await older;
    expect(usePreflightStore.getState()).toMatchObject({ key: '8:false', status: 'done' });
    expect(usePreflightStore.getState().endpoints.map((entry) => entry.name)).toEqual(['new']);
  });

  it("pins a certificate several services presented for each of their host:ports, and stops at a refused pin", async () => {
    const services = [
      { service: 'compute', host: 'head', port: 8774 },
      { service: 'network', host: 'head', port: 9696 },
      { service: 'image', host: 'head', port: 9292 },
    ];
    const shared = { ...certificate, host: 'head', port: 8774, services };
    let refuse = 9696;
    install({
      'preflight:run': () => ({ endpoints: [endpoint('os', 'blocker', { certificate: shared })], jumpHosts: [] }),
      'trust:accept': ({ port }) => {
        if (port === refuse) fail('conflict', 'the store refused it');
        return {};
      },
    });
    await usePreflightStore.getState().checkAll();
    expect(await usePreflightStore.getState().trust('os')).toBe(false);
    expect(bridge.callsTo('trust:accept').map((request) => request.port)).toEqual([8774, 9696]);
    expect(usePreflightStore.getState().error?.title).toContain('the store refused it');

    refuse = 0;
    expect(await usePreflightStore.getState().trust('os')).toBe(true);
    expect(bridge.callsTo('trust:accept').slice(2)).toEqual(services.map(({ host, port }) => ({ kind: 'tls', host, port, fingerprint: 'AA:BB:CC', subject: 'CN=pve' })));
  });

  it('pins a trusted certificate and checks only that endpoint again', async () => {
    let trusted = false;
    install({
      'preflight:run': ({ endpoint: only }) => {
        const a = trusted ? endpoint('a', 'ok', { certificate: { ...certificate, trusted: true, trust: { status: 'trusted' as const, by: 'pinned' as const } } }) : endpoint('a', 'blocker', { certificate });
        return { endpoints: only ? [a] : [a, endpoint('b', 'ok')], jumpHosts: [] };
      },
      'trust:accept': () => {
        trusted = true;
        return {};
      },
    });
    await usePreflightStore.getState().checkAll();
    expect(await usePreflightStore.getState().trust('a')).toBe(true);
    expect(bridge.callsTo('trust:accept')).toEqual([{ kind: 'tls', host: '127.0.0.1', port: 8006, fingerprint: 'AA:BB:CC', subject: 'CN=pve' }]);
    expect(bridge.callsTo('preflight:run').at(-1)).toEqual({ plan: { path: '/plans/site.xlsx', lab: false, profile: 'auto' }, endpoint: 'a' });
    const state = usePreflightStore.getState();
    expect(state.endpoints.map((entry) => [entry.name, entry.checks[0]!.status])).toEqual([
      ['a', 'ok'],
      ['b', 'ok'],
    ]);
    expect(state.busy).toEqual([]);
  });

  it('never pins a changed certificate by one click; replacing sends the typed confirmation', async () => {
    const changed = { ...certificate, trust: { status: 'changed' as const, pinned: ['11:22:33'] } };
    install({ 'preflight:run': () => ({ endpoints: [endpoint('a', 'blocker', { certificate: changed })], jumpHosts: [] }), 'trust:accept': () => ({}), 'trust:replace': () => ({ id: 1, at: 1, action: 'replaced', kind: 'tls', host: '127.0.0.1', port: 8006, removed: ['11:22:33'], added: 'AA:BB:CC' }) });
    await usePreflightStore.getState().checkAll();
    expect(await usePreflightStore.getState().trust('a')).toBe(false);
    expect(bridge.callsTo('trust:accept')).toEqual([]);
    expect(await usePreflightStore.getState().replacePin('a', '127.0.0.1')).toBe(true);
    expect(bridge.callsTo('trust:replace')).toEqual([{ kind: 'tls', host: '127.0.0.1', port: 8006, fingerprint: 'AA:BB:CC', subject: 'CN=pve', confirmation: '127.0.0.1' }]);
  });

  it('keeps a rejected certificate blocked and marked until the endpoint is checked again', async () => {
    install({ 'preflight:run': () => ({ endpoints: [endpoint('a', 'blocker', { certificate })], jumpHosts: [] }) });
    await usePreflightStore.getState().checkAll();
    usePreflightStore.getState().reject('a');
    expect(usePreflightStore.getState().rejected).toEqual(['AA:BB:CC']);
    expect(bridge.callsTo('trust:accept')).toEqual([]);
    await usePreflightStore.getState().checkEndpoint('a');
    expect(usePreflightStore.getState().rejected).toEqual([]);
  });

  it('reports a failed check run', async () => {
    install({});
    await usePreflightStore.getState().checkAll();
    expect(usePreflightStore.getState()).toMatchObject({ status: 'failed', error: { code: 'unknown_channel' } });
  });
});
