import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { emptyPlan, type Plan } from '../../../shared/plan/model';
import { makeSelfSigned, memoryTrustStore, startTlsServer } from '../net/tlsTestKit';
import { testEndpoint, testNetwork, testVm } from '../providers/proxmox/planTestKit';
import { builtInProviders, ProviderRegistry } from '../providers/registry';

/** Every endpoint kind has a built-in provider: a registry without one stands for a build that lacks a platform. */
const withoutOpenStack = (): ProviderRegistry => new ProviderRegistry(builtInProviders.filter((provider) => !provider.kinds.includes('openstack')));
import { probeTcp } from './tcpProbe';
import { endpointTarget, runPreflight } from './runPreflight';

let server: Awaited<ReturnType<typeof startTlsServer>>;
beforeAll(async () => {
  server = await startTlsServer(makeSelfSigned('preflight-test'));
});
afterAll(() => server.stop());

/** A free port: nothing listens there. */
async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function planWith(endpoints: Plan['endpoints']): Plan {
  const plan = emptyPlan('rackpilot-v1', '/tmp/plan.xlsx');
  plan.endpoints = endpoints;
  plan.networks = [testNetwork()];
  plan.vms = [testVm({ name: 'web-01', ip: '127.0.0.1' })];
  return plan;
}

const statuses = (checks: Array<{ id: string; status: string }>) => Object.fromEntries(checks.map((c) => [c.id, c.status]));
const noIpProbes = { ipPorts: [] as number[] };

describe('preflight', () => {
  it('reports an unreachable endpoint and skips what needs a connection, in the fixed order', async () => {
    const port = await closedPort();
    const [result] = await runPreflight(planWith([testEndpoint({ url: `https://127.0.0.1:${port}`, username: 'root@pam', password: 'x' })]), { trust: memoryTrustStore(), lab: false, ...noIpProbes });
    expect(result!.checks.map((c) => c.id)).toEqual(['reachable', 'tls', 'login', 'version', 'capacity', 'templates', 'storages', 'ips']);
    expect(statuses(result!.checks)).toMatchObject({ reachable: 'blocker', tls: 'skipped', login: 'skipped', capacity: 'skipped' });
    expect(result!.checks[0]!.message).toContain(`127.0.0.1:${port}`);
    expect(result!.url).toBe(`https://127.0.0.1:${port}`);
  });

  it('never sends the password to an endpoint whose certificate is not trusted', async () => {
    const before = server.requests();
    const [result] = await runPreflight(planWith([testEndpoint({ url: `https://127.0.0.1:${server.port}`, username: 'root@pam', password: 'x' })]), { trust: memoryTrustStore(), lab: false, ...noIpProbes });
    expect(statuses(result!.checks)).toMatchObject({ reachable: 'ok', tls: 'blocker', login: 'skipped', version: 'skipped' });
    expect(result!.certificate?.trusted).toBe(false);
    expect(server.requests()).toBe(before);
  });

  it('checks only network and TLS of kinds without a provider', async () => {
    const openstack = { ...testEndpoint({ name: 'os1', url: `https://127.0.0.1:${server.port}`, username: 'u', password: 'x' }), kind: 'openstack' as const };
    const [result] = await runPreflight(planWith([openstack]), { trust: memoryTrustStore(), lab: false, providers: withoutOpenStack(), ...noIpProbes });
    expect(statuses(result!.checks)).toMatchObject({ reachable: 'ok', tls: 'blocker', login: 'skipped', capacity: 'skipped' });
    expect(result!.checks.find((c) => c.id === 'login')!.message).toContain('no openstack provider');
  });

  it('skips every check of an endpoint without a provider in a lab rehearsal', async () => {
    const openstack = { ...testEndpoint({ name: 'os1', url: 'https://os1.invalid:443', username: 'u', password: 'x' }), kind: 'openstack' as const };
    const [result] = await runPreflight(planWith([openstack]), { trust: memoryTrustStore(), lab: true, providers: withoutOpenStack() });
    expect(result!.checks.every((c) => c.status === 'skipped')).toBe(true);
  });

  it('checks the planned addresses even when the endpoint is down', async () => {
    const port = await closedPort();
    const probed: string[] = [];
    const [result] = await runPreflight(planWith([testEndpoint({ url: `https://127.0.0.1:${port}`, username: 'root@pam', password: 'x' })]), {
      trust: memoryTrustStore(),
      lab: false,
      ipPorts: [port],
      probe: (host, p, timeout, signal) => {
        probed.push(`${host}:${p}`);
        return probeTcp(host, p, timeout, signal);
      },
    });
    expect(probed).toContain(`127.0.0.1:${port}`);
    expect(result!.checks.at(-1)).toMatchObject({ id: 'ips', status: 'warning' });
  });

  it('checks only the named endpoint, and refuses a name the plan does not have', async () => {
    const port = await closedPort();
    const plan = planWith([
      testEndpoint({ name: 'a', url: `https://127.0.0.1:${port}`, username: 'root@pam', password: 'x' }),
      testEndpoint({ name: 'b', url: `https://127.0.0.1:${port}`, username: 'root@pam', password: 'x' }),
    ]);
    expect((await runPreflight(plan, { trust: memoryTrustStore(), lab: false, endpoint: 'b', ...noIpProbes })).map((e) => e.name)).toEqual(['b']);
    await expect(runPreflight(plan, { trust: memoryTrustStore(), lab: false, endpoint: 'c' })).rejects.toSatisfy(
      (error: unknown) => error instanceof AppFailure && error.appError.code === 'not_found',
    );
  });

  it('reads an endpoint given as a URL or as a bare host', () => {
    const bare = testEndpoint({ url: 'https://10.0.0.1:8006', username: 'u', password: 'x' });
    expect(endpointTarget(bare)).toEqual({ host: '10.0.0.1', port: 8006, url: 'https://10.0.0.1:8006' });
    expect(endpointTarget({ ...bare, address: 'https://pve.example.com:9443/' })).toMatchObject({ host: 'pve.example.com', port: 9443 });
    expect(endpointTarget({ ...bare, address: 'fd00::1' })).toMatchObject({ host: 'fd00::1', url: 'https://[fd00::1]:8006' });
    expect(endpointTarget({ ...bare, address: 'http://127.0.0.1:5000/v3' })).toEqual({ host: '127.0.0.1', port: 5000, url: 'http://127.0.0.1:5000' });
  });
});
