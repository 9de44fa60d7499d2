import { whereOf, type CellRef, type Network, type Plan } from '../../../../shared/plan/model';
import { formatIpv4, formatSubnet, hostRange, parseCidr, parseIpv4, subnetContains, type Subnet } from '../formats';
import type { ValidationContext } from './context';
import { formatWhere } from '../../../../shared/plan/findingCodes';

/*
 * Subnets, gateways and addresses: each IP valid, inside its network, not the
 * network, broadcast or gateway address, and used once across the plan.
 */

export interface ParsedNetwork {
  network: Network;
  subnet: Subnet | null;
  gateway: number | null;
}

export function checkNetworks(plan: Plan, context: ValidationContext): Map<string, ParsedNetwork> {
  const byName = new Map<string, ParsedNetwork>();
  for (const network of plan.networks) {
    let subnet: Subnet | null = null;
    if (network.cidr !== null) {
      subnet = parseCidr(network.cidr);
      if (!subnet) context.addFor('cidr.invalid', 'networks', network, 'cidr', { value: network.cidr });
      else if (subnet.hostBitsSet) context.add('cidr.host_bits', whereOf(network, 'cidr'), { value: network.cidr, network: formatSubnet(subnet) });
    }
    let gateway: number | null = null;
    if (network.gateway !== null) {
      gateway = parseIpv4(network.gateway);
      if (gateway === null) context.addFor('ip.invalid', 'networks', network, 'gateway', { value: network.gateway });
      else if (subnet && !insideHosts(subnet, gateway)) context.add('gateway.outside_cidr', whereOf(network, 'gateway'), { value: network.gateway, cidr: formatSubnet(subnet) });
    }
    for (const server of network.dns) {
      if (parseIpv4(server) === null) context.addFor('ip.invalid', 'networks', network, 'dns', { value: server });
    }
    if (!byName.has(network.name.toLowerCase())) byName.set(network.name.toLowerCase(), { network, subnet, gateway });
  }
  return byName;
}

function insideHosts(subnet: Subnet, ip: number): boolean {
  const { first, last } = hostRange(subnet);
  return ip >= first && ip <= last;
}

/** One address claimed by something in the plan, for the uniqueness check. */
interface Claim {
  ip: number;
  where: CellRef | null;
}

export function checkAddresses(plan: Plan, networks: Map<string, ParsedNetwork>, context: ValidationContext): void {
  const claims: Claim[] = [];
  for (const vm of plan.vms) {
    if (vm.ip === null) continue;
    const ip = parseIpv4(vm.ip);
    if (ip === null) {
      context.addFor('ip.invalid', 'vms', vm, 'ip', { value: vm.ip });
      continue;
    }
    claims.push({ ip, where: whereOf(vm, 'ip') });
    const parsed = vm.network === null ? undefined : networks.get(vm.network.toLowerCase());
    if (parsed?.subnet) checkInside(vm.ip, ip, parsed, whereOf(vm, 'ip'), context);
    if (vm.gateway !== null) {
      const gateway = parseIpv4(vm.gateway);
      if (gateway === null) context.addFor('ip.invalid', 'vms', vm, 'gateway', { value: vm.gateway });
      else if (parsed?.subnet && !subnetContains(parsed.subnet, gateway)) {
        context.add('gateway.outside_cidr', whereOf(vm, 'gateway'), { value: vm.gateway, cidr: formatSubnet(parsed.subnet) });
      }
    }
  }
  for (const host of plan.hosts) {
    for (const field of ['managementIp', 'storageIp', 'bmcAddress'] as const) {
      const text = host[field];
      const ip = text === null ? null : parseIpv4(text);
      if (text !== null && ip === null && field !== 'bmcAddress') context.addFor('ip.invalid', 'hosts', host, field, { value: text });
      if (ip !== null) claims.push({ ip, where: whereOf(host, field) });
    }
  }
  for (const cluster of plan.clusters) {
    const ip = cluster.vip === null ? null : parseIpv4(cluster.vip);
    if (cluster.vip !== null && ip === null) context.addFor('ip.invalid', 'clusters', cluster, 'vip', { value: cluster.vip });
    if (ip !== null) claims.push({ ip, where: whereOf(cluster, 'vip') });
  }
  checkUnique(claims, context);
}

function checkInside(text: string, ip: number, parsed: ParsedNetwork, where: CellRef | null, context: ValidationContext): void {
  const subnet = parsed.subnet!;
  // Strings only for findings: ten thousand good addresses must not format ranges they never show.
  const cidr = () => formatSubnet(subnet);
  const range = () => {
    const { first, last } = hostRange(subnet);
    return { first: formatIpv4(first), last: formatIpv4(last) };
  };
  if (!subnetContains(subnet, ip)) context.add('ip.outside_cidr', where, { value: text, network: parsed.network.name, cidr: cidr() });
  else if (subnet.prefix < 31 && ip === subnet.network) context.add('ip.network_address', where, { value: text, cidr: cidr(), ...range() });
  else if (subnet.prefix < 31 && ip === subnet.broadcast) context.add('ip.broadcast_address', where, { value: text, cidr: cidr(), ...range() });
  else if (parsed.gateway === ip) context.add('ip.is_gateway', where, { value: text, network: parsed.network.name });
}

function checkUnique(claims: Claim[], context: ValidationContext): void {
  const first = new Map<number, Claim>();
  for (const claim of claims) {
    const earlier = first.get(claim.ip);
    if (!earlier) {
      first.set(claim.ip, claim);
      continue;
    }
    context.add('ip.duplicate', claim.where, { value: formatIpv4(claim.ip), first: formatWhere(earlier.where) });
  }
}

