import { describe, expect, it } from 'vitest';
import { emptyPlan, sourced, type EndpointFields, type SliceFields } from '../../../../shared/plan/model';
import { Secret } from '../../../../shared/plan/secret';
import { say } from '../../../../shared/i18n/engineText';
import { allocationPool } from './networkStep';
import { zoneFor } from './placement';
import { buildOpenStackSteps, type OsServerInput } from './steps';

function meshPlan(slice: Partial<SliceFields> = {}) {
  const plan = emptyPlan('rackpilot-v1', '/tmp/p.xlsx');
  const endpoint: EndpointFields = { name: 'os1', kind: 'openstack', address: 'http://10.0.0.1:5000/v3', port: 5000, username: 'u', password: new Secret('p'), apiToken: null, tlsFingerprint: null, jumpHost: null, datacenter: null, cluster: null, region: null, project: 'demo', domain: null };
  plan.endpoints = [sourced(endpoint)];
  plan.slices = [sourced<SliceFields>({ name: 'm', endpoint: 'os1', topology: 'mesh', nodes: 4, ha: true, cidr: '10.1.0.0/26', managementCidr: '10.1.1.0/24', externalNetwork: null, dns: [], zones: [], image: null, flavor: null, keyPair: null, securityGroups: [], notes: null, ...slice })];
  return plan;
}

describe('the OpenStack graph', () => {
  it('makes a mesh slice into its management and link networks, a router, one flavor and four servers with fixed IPs', () => {
    const steps = buildOpenStackSteps(meshPlan());
    expect(steps.filter((step) => step.kind === 'openstack.network').map((step) => step.id)).toEqual([
      'os.network:os1/m-mgmt', 'os.network:os1/m-link-1-2', 'os.network:os1/m-link-1-3', 'os.network:os1/m-link-1-4', 'os.network:os1/m-link-2-3', 'os.network:os1/m-link-2-4', 'os.network:os1/m-link-3-4',
    ]);
    expect(steps.filter((step) => step.kind === 'openstack.router').map((step) => [step.id, step.deps])).toEqual([['os.router:os1/m-router', ['os.network:os1/m-mgmt']]]);
    const servers = steps.filter((step) => step.kind === 'openstack.server');
    expect(servers.map((step) => step.id)).toEqual(['vm.create:m-1', 'vm.create:m-2', 'vm.create:m-3', 'vm.create:m-4']);
    const node4 = servers[3]!.input as OsServerInput;
    expect(node4.ports).toEqual([{ network: 'm-mgmt', ip: '10.1.1.13' }, { network: 'm-link-1-4', ip: '10.1.0.18' }, { network: 'm-link-2-4', ip: '10.1.0.34' }, { network: 'm-link-3-4', ip: '10.1.0.42' }]);
    expect(servers[3]!.deps).toEqual(['os.flavor:os1/rp-1c-512m-0g', 'os.network:os1/m-mgmt', 'os.network:os1/m-link-1-4', 'os.network:os1/m-link-2-4', 'os.network:os1/m-link-3-4']);
    // Ids depend only on plan names: the same plan gives the same graph.
    expect(buildOpenStackSteps(meshPlan()).map((step) => step.id)).toEqual(steps.map((step) => step.id));
  });

  it('spreads HA nodes round-robin over the available zones, the same on every run, and keeps them together without HA', () => {
    const servers = buildOpenStackSteps(meshPlan()).filter((step) => step.kind === 'openstack.server').map((step) => step.input as OsServerInput);
    const cloud = [{ name: 'az-2', available: true, hosts: [] }, { name: 'az-1', available: true, hosts: [] }, { name: 'az-3', available: false, hosts: [] }];
    expect(servers.map((server) => zoneFor(server, cloud).zone)).toEqual(['az-1', 'az-2', 'az-1', 'az-2']);
    expect(say('en', zoneFor(servers[0]!, cloud).why)).toMatch(/round-robin/);
    const together = buildOpenStackSteps(meshPlan({ ha: false })).filter((step) => step.kind === 'openstack.server').map((step) => step.input as OsServerInput);
    expect(together.map((server) => zoneFor(server, cloud).zone)).toEqual(['az-1', 'az-1', 'az-1', 'az-1']);
  });

  it('refuses a pinned zone the cloud does not offer, listing the ones it has', () => {
    const [server] = buildOpenStackSteps(meshPlan()).filter((step) => step.kind === 'openstack.server').map((step) => ({ ...(step.input as OsServerInput), zone: 'nowhere' }));
    expect(() => zoneFor(server!, [{ name: 'az-1', available: true, hosts: [] }])).toThrow(/no available zone nowhere.*/);
  });

  it('keeps DHCP and router ports off the planned addresses', () => {
    expect(allocationPool('10.1.0.0/29', ['10.1.0.1', '10.1.0.2'], null)).toEqual({ start: '10.1.0.3', end: '10.1.0.6' });
    expect(allocationPool('10.1.1.0/24', ['10.1.1.10', '10.1.1.13'], '10.1.1.1')).toEqual({ start: '10.1.1.14', end: '10.1.1.254' });
    expect(allocationPool('10.1.0.0/30', ['10.1.0.1', '10.1.0.2'], null)).toBeNull();
  });
});
