import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { formatIpv4, parseCidr, parseIpv4 } from '../../../../shared/plan/openstack/ipv4';
import type { StepKind } from '../../runner/types';
import { sessionFor, type OpenStackDeps } from './connect';
import { createNeutron, deleteNeutron, findNamed, listNeutron, type NeutronResource } from './neutron';
import type { OpenStackSession } from './session';
import { osKinds, type OsNetworkInput } from './steps';

export interface NetworkArtifact {
  networkId: string;
  subnetId: string | null;
  created: boolean;
}
export const networkArtifactKey = 'network';
export const subnetName = (network: string): string => `${network}-subnet`;

/**
 * The addresses Neutron may hand out on its own (DHCP, router ports): the
 * hosts above every planned one, so a DHCP port never takes a server's fixed
 * IP. None left: DHCP is off and the pool is empty.
 */
export function allocationPool(cidr: string, planned: readonly string[], gateway: string | null): { start: string; end: string } | null {
  const net = parseCidr(cidr);
  if (!net) return null;
  const last = net.network + 2 ** (32 - net.prefix) - 2;
  const taken = [...planned, ...(gateway ? [gateway] : [])].map((ip) => parseIpv4(ip) ?? net.network);
  const start = Math.max(net.network, ...taken) + 1;
  return start > last ? null : { start: formatIpv4(start), end: formatIpv4(last) };
}

export async function findNetwork(session: OpenStackSession, input: Pick<OsNetworkInput, 'name' | 'existing' | 'endpoint'>, signal: AbortSignal): Promise<{ network: NeutronResource; subnet: NeutronResource | null } | null> {
  const network = input.existing
    ? ((await findShared(session, input.name, signal)) ?? null)
    : await findNamed(session, 'networks', input.name, {}, signal);
  if (!network) return null;
  const subnet = input.existing ? null : await findNamed(session, 'subnets', subnetName(input.name), { network_id: network.id }, signal);
  return { network, subnet };
}

/** An existing network may be another project's shared or external one: found by name, not by project. */
async function findShared(session: OpenStackSession, name: string, signal: AbortSignal): Promise<NeutronResource | undefined> {
  return (await listNeutron(session, 'networks', { name }, signal)).find((network) => network.name === name);
}

export function networkStepKind(deps: OpenStackDeps, plannedIps: (endpoint: string, network: string) => string[]): StepKind<OsNetworkInput> {
  return {
    kind: osKinds.network,
    policy: { retry: { maxAttempts: 3, baseDelayMs: 2000, maxDelayMs: 20_000, jitter: 0.2 }, timeoutMs: 5 * 60_000 },
    async check(ctx) {
      const found = await findNetwork(sessionFor(deps, ctx, ctx.step.input.endpoint), ctx.step.input, ctx.signal);
      return found !== null && (ctx.step.input.existing || found.subnet !== null);
    },
    async run(ctx) {
      const input = ctx.step.input;
      const session = sessionFor(deps, ctx, input.endpoint);
      const found = await findNetwork(session, input, ctx.signal);
      if (input.existing) {
        if (!found) fail('plan_invalid', text('openstack.network.missing', { endpoint: input.endpoint, name: input.name }), { hint: text('openstack.network.missingHint'), retryable: false, ...(input.cell ? { cell: input.cell } : {}) });
        ctx.log('info', text('openstack.log.networkExists', { name: input.name, id: found.network.id }));
        return;
      }
      const previous = ctx.artifacts.get<NetworkArtifact>(networkArtifactKey);
      const network = found?.network ?? (await createNeutron(session, 'networks', { name: input.name, admin_state_up: true }, ctx.signal));
      const created = previous?.created === true || !found;
      ctx.artifacts.set(networkArtifactKey, { networkId: network.id, subnetId: found?.subnet?.id ?? null, created } satisfies NetworkArtifact);
      if (found?.subnet) return;
      if (!input.cidr) fail('plan_invalid', text('openstack.network.noCidr', { name: input.name }), { retryable: false, ...(input.cell ? { cell: input.cell } : {}) });
      const pool = allocationPool(input.cidr, plannedIps(input.endpoint, input.name), input.gateway);
      const subnet = await createNeutron(session, 'subnets', {
        network_id: network.id,
        name: subnetName(input.name),
        ip_version: 4,
        cidr: input.cidr,
        gateway_ip: input.gateway,
        enable_dhcp: pool !== null,
        allocation_pools: pool ? [pool] : [],
        dns_nameservers: input.dns,
      }, ctx.signal);
      ctx.artifacts.set(networkArtifactKey, { networkId: network.id, subnetId: subnet.id, created } satisfies NetworkArtifact);
      const subnetWords = input.gateway ? text('openstack.log.subnetVia', { cidr: input.cidr, gateway: input.gateway }) : input.cidr;
      const dhcp = pool ? text('openstack.log.dhcpPool', { start: pool.start, end: pool.end }) : text('openstack.log.noDhcp');
      ctx.log('info', text('openstack.log.networkMade', { name: input.name, id: network.id, subnet: subnetWords, dhcp }));
    },
    async undo(ctx) {
      const made = ctx.artifacts.get<NetworkArtifact>(networkArtifactKey);
      if (!made?.created) return;
      // Deleting a network deletes its subnets; its ports (the servers') are undone before it.
      await deleteNeutron(sessionFor(deps, ctx, ctx.step.input.endpoint), 'networks', made.networkId, ctx.signal);
      ctx.log('info', text('openstack.log.networkDeleted', { name: ctx.step.input.name }));
    },
  };
}
