import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanRows } from '../../engine/plan/testFixtures/v1Plan';
import { createLabController } from '../../hostShared/lab/labController';
import { startWizardEngine, writePlan } from '../wizard/wizardHarness';
import { fakeCloudProvider } from './fakeProvider';
import { fakeCloudSimulator } from './fakeSimulator';

/*
 * The provider seam, end to end: a platform this build does not have is
 * registered from outside the engine (a provider, a simulator), and the
 * engine validates, preflights, reviews and rehearses a plan on it without
 * one engine file knowing its name.
 */

const kind = 'openstack';
const { simulator, cloud } = fakeCloudSimulator(kind);
const lab = createLabController({ simulators: [simulator] });
let wizard: Awaited<ReturnType<typeof startWizardEngine>>;
let workbook: string;

const rows: PlanRows = {
  endpoints: [
    { name: 'cloud-1', kind, address: '10.20.30.40', port: 5000, username: 'admin', password: 'customer-secret' },
  ],
  jumpHosts: [],
  networks: [{ name: 'tenant', endpoint: 'cloud-1', vlan: 20, cidr: '10.20.40.0/24', gateway: '10.20.40.1' }],
  images: [],
  vms: [
    { name: 'app-1', endpoint: 'cloud-1', os: 'ubuntu', vcpu: 2, memoryMiB: 2048, diskGiB: 20, network: 'tenant', user: 'ops', password: 'vm-pass-1' },
    { name: 'app-2', endpoint: 'cloud-1', os: 'ubuntu', vcpu: 1, memoryMiB: 1024, diskGiB: 10, network: 'tenant', user: 'ops', password: 'vm-pass-2' },
  ],
  scripts: [],
};

beforeAll(async () => {
  wizard = await startWizardEngine({ lab, providers: [fakeCloudProvider(kind)] });
  workbook = await writePlan(rows, join(wizard.dir, 'cloud.xlsx'));
});

afterAll(async () => {
  await wizard?.close();
  await lab.stop();
});

const unsupportedOf = (findings: Array<{ code: string; message: string; sheet: string | null; cell: string | null; hint: string }>) =>
  findings.filter((finding) => finding.code === 'endpoint.kind_unsupported');

describe('a provider registered from outside the engine', () => {
  // Every endpoint kind has a built-in provider now: the fake takes the built-in OpenStack provider's place.
  it('validates: the endpoint is served by the provider brought from outside, no kind is unsupported', async () => {
    const { findings } = await wizard.value('plan:import', { path: workbook });
    expect(unsupportedOf(findings)).toEqual([]);
  });

  it('preflights its endpoint through the provider, against its simulator', async () => {
    const { endpoints } = await wizard.value('preflight:run', { plan: { path: workbook, lab: true } });
    const byName = Object.fromEntries(endpoints.map((endpoint: { name: string }) => [endpoint.name, endpoint]));
    const statuses = Object.fromEntries(byName['cloud-1'].checks.map((c: { id: string; status: string }) => [c.id, c.status]));
    expect(statuses).toEqual({ reachable: 'ok', tls: 'ok', login: 'ok', version: 'ok', capacity: 'ok', templates: 'ok', storages: 'ok', ips: 'skipped' });
    expect(byName['cloud-1'].version).toBe('1.0');
    // Started on demand: the rehearsal needed the fake cloud's simulator, not the Proxmox one.
    expect(lab.running()?.map((endpoint) => endpoint.kind)).toEqual([kind]);
  });

  it('reviews the graph the provider builds', async () => {
    const graph = await wizard.value('plan:graph', { plan: { path: workbook, lab: true }, concurrency: 4 });
    expect(graph.environment).toBe('lab:cloud-1');
    expect(graph.steps.map((step: { id: string }) => step.id)).toEqual(['vm.create:app-1', 'vm.create:app-2']);
    expect(graph.totals).toMatchObject({ vms: 2, vcpu: 3, memoryMiB: 3072, diskGiB: 30, uploadBytes: 0, steps: 2 });
  });

  it('rehearses the plan on the lab, and the report names what the provider created', async () => {
    const { runId } = await wizard.value('run:start', { source: { kind: 'workbook', path: workbook, lab: true, profile: 'auto' } });
    expect((await wizard.settle(runId)).state).toBe('succeeded');
    expect([...cloud.servers.values()].map((server) => server.name).sort()).toEqual(['app-1', 'app-2']);
    expect(cloud.preparations.at(-1)).toEqual({ networks: ['tenant'] });
    const { path } = await wizard.value('run:exportReport', { runId });
    const html = readFileSync(path, 'utf8');
    for (const server of cloud.servers.values()) expect(html).toContain(`Server ID: ${server.id}`);
    expect(html).not.toContain('customer-secret');
  });
});
