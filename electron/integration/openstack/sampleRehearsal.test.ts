import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../host/cli/cliTestKit';
import { createLabController } from '../../hostShared/lab/labController';
import type { LabEndpointInfo } from '../../engine/service/types';
import { openstackSimulator } from '../../lab/openstack/simulator';
import type { Simulator } from '../../lab/simulators';
import { useSampleRehearsal } from '../sampleRehearsalKit';

/*
 * Issue 15: the OpenStack sample rehearsed on the lab's OpenStack simulator,
 * first through the engine (so the simulator's own API can be asked what the
 * run made and what its rollback left), then as `rackpilot deploy --lab` and
 * `rackpilot rollback` run it.
 */

/** The built-in OpenStack simulator, watched: the test keeps its lab-only admin API (the engine is never given it). */
let simulatorAdmin: { url: string; token: string } | undefined;
const watchedOpenStack: Simulator = {
  ...openstackSimulator,
  async start(options, peers) {
    const running = await openstackSimulator.start(options as never, peers);
    simulatorAdmin = running.endpoint.admin;
    return running;
  },
};
const lab = createLabController({ simulators: [watchedOpenStack] });
// Quota use read every 100 ms, so the run gets many readings to count logins against.
const { dir, value, engine } = useSampleRehearsal(lab, 'rp-openstack-', { usageIntervalMs: 100 });
const workbook = () => join(dir, 'site', 'sample-openstack.en.xlsx');

async function settle(runId: string) {
  for (let i = 0; i < 1200; i++) {
    const run = await value('run:get', { runId });
    if (['succeeded', 'failed', 'cancelled'].includes(run.state)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the rehearsal did not finish');
}

/** A GET on one of the simulator's services, logged in as the lab's user (the catalog says where each service is). */
function simulatorEndpoint(): LabEndpointInfo {
  const endpoint = (lab.running() ?? []).find((candidate) => candidate.kind === 'openstack');
  if (!endpoint) throw new Error('no OpenStack simulator is running');
  return endpoint;
}

/** Tokens Keystone has issued since the simulator started (its lab-only admin API). */
async function tokensIssued(): Promise<number> {
  const admin = simulatorAdmin ?? (() => { throw new Error('the OpenStack simulator has not started'); })();
  const response = await fetch(`${admin.url}/state`, { headers: { authorization: `Bearer ${admin.token}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { tokensIssued: number }).tokensIssued;
}

async function simulatorApi() {
  const endpoint = simulatorEndpoint();
  const auth = { identity: { methods: ['password'], password: { user: { name: endpoint.username, domain: { name: 'Default' }, password: endpoint.password } } }, scope: { project: { name: 'admin', domain: { name: 'Default' } } } };
  const login = await fetch(`${endpoint.url}/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth }) });
  expect(login.status).toBe(201);
  const token = login.headers.get('x-subject-token')!;
  const { catalog } = ((await login.json()) as { token: { catalog: Array<{ type: string; endpoints: Array<{ interface: string; url: string }> }> } }).token;
  const urlOf = (type: string) => catalog.find((entry) => entry.type === type)!.endpoints.find((entry) => entry.interface === 'public')!.url;
  return async <T>(service: 'compute' | 'network', path: string): Promise<T> => {
    const response = await fetch(`${urlOf(service)}${path}`, { headers: { 'x-auth-token': token, 'openstack-api-version': 'compute 2.79' } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
}

type Servers = { servers: Array<{ name: string; status: string; 'OS-EXT-AZ:availability_zone': string }> };
const named = (items: Array<{ name: string }>, prefix: RegExp) => items.map((item) => item.name).filter((name) => prefix.test(name)).sort();

describe('the OpenStack sample, rehearsed on the lab', () => {
  it('succeeds step by step, leaves four ACTIVE servers in az-1 and az-2, and its rollback leaves nothing the run made', async () => {
    let usageReadings = 0;
    const unsubscribe = engine().onEvents((events) => (usageReadings += events.filter((event) => event.type === 'run.usage').length));
    const { runId } = await value('run:start', { source: { kind: 'workbook', path: workbook(), lab: true } });
    const run = await settle(runId);
    unsubscribe();
    // Every quota reading rode on the steps' session: one login (Keystone's two tokens: unscoped, then scoped) for the whole run.
    expect(usageReadings).toBeGreaterThanOrEqual(5);
    expect(await tokensIssued()).toBe(2);
    const states = run.steps.map((step: { id: string; state: string }) => `${step.id} ${step.state}`).sort();
    // The image already exists in the cloud the plan describes, so its step adopts it.
    expect(states).toEqual(expect.arrayContaining(['os.keypair:os-lab/ops-key succeeded', 'os.secgroup:os-lab/mesh-ssh succeeded', 'os.router:os-lab/mesh4-router succeeded', 'image.upload:os-lab/cirros adopted']));
    expect(run.state).toBe('succeeded');
    expect(states.filter((line: string) => line.startsWith('vm.create:'))).toEqual(['vm.create:mesh4-1 succeeded', 'vm.create:mesh4-2 succeeded', 'vm.create:mesh4-3 succeeded', 'vm.create:mesh4-4 succeeded']);
    expect(states.filter((line: string) => line.startsWith('os.network:')).length).toBeGreaterThanOrEqual(2);

    const get = await simulatorApi();
    const { servers } = await get<Servers>('compute', '/servers/detail');
    expect(servers.map((server) => `${server.name} ${server.status}`).sort()).toEqual(['mesh4-1 ACTIVE', 'mesh4-2 ACTIVE', 'mesh4-3 ACTIVE', 'mesh4-4 ACTIVE']);
    expect(new Set(servers.map((server) => server['OS-EXT-AZ:availability_zone']))).toEqual(new Set(['az-1', 'az-2']));
    const { keypairs } = await get<{ keypairs: Array<{ keypair: { name: string } }> }>('compute', '/os-keypairs');
    expect(keypairs.map((entry) => entry.keypair.name)).toEqual(['ops-key']);
    const { security_groups } = await get<{ security_groups: Array<{ name: string; security_group_rules: Array<{ direction: string }> }> }>('network', '/v2.0/security-groups');
    expect(security_groups.find((group) => group.name === 'mesh-ssh')?.security_group_rules.some((rule) => rule.direction === 'ingress')).toBe(true);

    // The rollback's list names every kind of thing the run made; the image it found and reused is not among them.
    const preview = await value('run:rollbackPreview', { runId, force: true });
    const listed = preview.undo.flatMap((item: { resources: Array<{ kind: string; name: string }> }) => item.resources.map((resource) => `${resource.kind} ${resource.name}`));
    expect(listed).toEqual(expect.arrayContaining(['key_pair ops-key', 'security_group mesh-ssh', 'network mesh4-mgmt', 'subnet mesh4-mgmt-subnet', 'router mesh4-router', 'vm mesh4-1', 'port mesh4-1-mesh4-mgmt', 'vm mesh4-4']));
    expect(listed.filter((line: string) => line.startsWith('image '))).toEqual([]);

    const outcome = await value('run:rollback', { runId, force: true });
    expect(outcome).toMatchObject({ state: 'rolled_back', notRemoved: [] });
    expect((await get<Servers>('compute', '/servers/detail')).servers).toEqual([]);
    expect((await get<{ keypairs: unknown[] }>('compute', '/os-keypairs')).keypairs).toEqual([]);
    expect(named((await get<{ networks: Array<{ name: string }> }>('network', '/v2.0/networks')).networks, /^mesh4-/)).toEqual([]);
    expect((await get<{ routers: unknown[] }>('network', '/v2.0/routers')).routers).toEqual([]);
    expect(named((await get<{ security_groups: Array<{ name: string }> }>('network', '/v2.0/security-groups')).security_groups, /^mesh-ssh$/)).toEqual([]);
  }, 120_000);

  it('a run cancelled while its servers are made lists the networks, subnets, router and ports it leaves, and rolling it back removes them', async () => {
    const { runId } = await value('run:start', { source: { kind: 'workbook', path: workbook(), lab: true } });
    // Cancelled as soon as a server step has recorded its first port (ports are made before their server).
    for (let i = 0; i < 1200; i++) {
      const { resources } = await value('run:createdResources', { runId });
      if (resources.some((resource: { kind: string }) => resource.kind === 'port')) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const { resources } = await value('run:cancel', { runId });
    const kinds = new Set(resources.map((resource: { kind: string }) => resource.kind));
    for (const kind of ['network', 'subnet', 'router', 'port']) expect(kinds.has(kind), kind).toBe(true);
    expect(resources.every((resource: { endpoint: string; id: string }) => resource.endpoint === 'os-lab' && resource.id !== '')).toBe(true);

    const outcome = await value('run:rollback', { runId });
    expect(outcome).toMatchObject({ state: 'rolled_back', notRemoved: [] });
    const get = await simulatorApi();
    expect((await get<Servers>('compute', '/servers/detail')).servers).toEqual([]);
    expect((await get<{ routers: unknown[] }>('network', '/v2.0/routers')).routers).toEqual([]);
    expect((await get<{ ports: Array<{ device_owner: string }> }>('network', '/v2.0/ports')).ports.filter((port) => port.device_owner === '')).toEqual([]);
  }, 120_000);

  it("a server Nova made whose answer was lost (the link cut right after) is removed by the rollback of the run cancelled before its retry", async () => {
    const { runId } = await value('run:start', { source: { kind: 'workbook', path: workbook(), lab: true } });
    const admin = simulatorAdmin!;
    const faults = (init: RequestInit) => fetch(`${admin.url}/faults`, { ...init, headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' } });
    expect((await faults({ method: 'POST', body: JSON.stringify({ faults: [{ kind: 'answerLost', service: 'compute', path: '/servers', count: 4 }] }) })).status).toBe(200);
    try {
      const get = await simulatorApi();
      // Nova made all four; each step saw its connection cut and waits to try again.
      for (let i = 0; i < 1000 && (await get<Servers>('compute', '/servers/detail')).servers.length < 4; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await get<Servers>('compute', '/servers/detail')).servers.length).toBe(4);
      await value('run:cancel', { runId });
      const outcome = await value('run:rollback', { runId });
      expect(outcome).toMatchObject({ state: 'rolled_back', notRemoved: [] });
      expect((await get<Servers>('compute', '/servers/detail')).servers.map((server) => server.name)).toEqual([]);
    } finally {
      await faults({ method: 'DELETE' });
    }
  }, 180_000);

  it('exits 0 from `rackpilot deploy --lab --json` with an event for every step, and `rackpilot rollback --yes --force --json` removes it all', () => {
    const home = join(dir, 'cli-home');
    const env = { RACKPILOT_NETWORK_SCOPE: 'loopback' };
    const deploy = runCli(home, ['deploy', workbook(), '--lab', '--json'], env);
    expect(deploy.stderr).toBe('');
    expect(deploy.code).toBe(0);
    const events = deploy.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; runId: string; stepId?: string; state?: string });
    const runId = events[0]!.runId;
    const settled = new Map(events.filter((event) => event.type === 'step.state' && (event.state === 'succeeded' || event.state === 'adopted')).map((event) => [event.stepId!, event.state!]));
    for (const step of ['os.keypair:os-lab/ops-key', 'os.secgroup:os-lab/mesh-ssh', 'os.flavor:os-lab/rp.small', 'os.network:os-lab/mesh4-mgmt', 'os.router:os-lab/mesh4-router', 'image.upload:os-lab/cirros', 'vm.create:mesh4-1', 'vm.create:mesh4-2', 'vm.create:mesh4-3', 'vm.create:mesh4-4']) expect(settled.has(step), step).toBe(true);
    expect(events.filter((event) => event.type === 'step.state' && event.state === 'failed')).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'run.state', state: 'succeeded' });

    // A succeeded run is only rolled back on purpose (--force); the rehearsal's lab died with the deploy, so every undo finds its object gone.
    const rollback = runCli(home, ['rollback', runId, '--yes', '--force', '--json'], env);
    expect(rollback.code).toBe(0);
    expect(JSON.parse(rollback.stdout)).toMatchObject({ state: 'rolled_back', notRemoved: [] });
  }, 180_000);
});
