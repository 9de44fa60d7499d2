import type { FindingSeverity } from '../../../../shared/plan/findings';
import type { CellRef, Host, Network } from '../../../../shared/plan/model';
import { refText, type ImportContext } from './context';
import type { NetworkRole, SmartxManagementVm, SmartxNetworkInfo } from './extension';
import { broadcastOf, cidrContains, formatIpv4, isReservedInCidr, parseIpv4, type Cidr } from './ipv4';
import { networkName } from './labels';
import type { ClusterSummary } from './readHosts';

/*
 * Rules across sheets: every address against the subnet it belongs to, and
 * every address planned for a machine used once. Gateways, NTP and DNS are
 * shared by design (the template's IPMI and management rows share a
 * gateway), so they take no part in the uniqueness rule.
 */

export interface Subnet {
  cidr: Cidr;
  network: Network;
  role: NetworkRole;
}

export interface AddressInputs {
  subnets: Subnet[];
  hosts: Host[];
  summary: ClusterSummary | null;
  managementVms: SmartxManagementVm[];
  networkSheet: string | null;
}

export function subnetsByRole(networks: Network[], infos: SmartxNetworkInfo[], cidrs: Map<string, { cidr: Cidr }>): Subnet[] {
  const subnets: Subnet[] = [];
  for (const network of networks) {
    const cidr = cidrs.get(network.name)?.cidr;
    const role = infos.find((info) => info.name === network.name)?.role;
    if (cidr && role) subnets.push({ cidr, network, role });
  }
  return subnets;
}

/** The first planned subnet with one of the roles, in the order given. */
export function subnetFor(subnets: Subnet[], roles: readonly NetworkRole[]): Subnet | null {
  for (const role of roles) {
    const subnet = subnets.find((candidate) => candidate.role === role);
    if (subnet) return subnet;
  }
  return null;
}

function checkPlacement(ctx: ImportContext, ip: string, ref: CellRef, subnet: Subnet, severity?: FindingSeverity): void {
  const value = parseIpv4(ip);
  if (value === null) return;
  const { cidr, network } = subnet;
  const name = networkName(network.name, ctx.lang);
  if (!cidrContains(cidr, value)) {
    ctx.add('ip.outside_cidr', ref, { value: ip, network: name, cidr: cidr.text }, severity);
  } else if (isReservedInCidr(cidr, value)) {
    const code = value === cidr.network ? 'ip.network_address' : 'ip.broadcast_address';
    ctx.add(code, ref, { value: ip, cidr: cidr.text, first: formatIpv4(cidr.network + 1), last: formatIpv4(broadcastOf(cidr) - 1) });
  } else if (network.gateway === ip) {
    ctx.add('ip.is_gateway', ref, { value: ip, network: name });
  }
}

/** Where a management VM lives: the subnet holding its address (management or the optional infra network). */
export function subnetOfVm(subnets: Subnet[], ip: string): Subnet | null {
  const value = parseIpv4(ip);
  if (value === null) return null;
  return subnets.find((subnet) => (subnet.role === 'management' || subnet.role === 'infra') && cidrContains(subnet.cidr, value)) ?? null;
}

function checkSubnets(ctx: ImportContext, input: AddressInputs): void {
  const management = subnetFor(input.subnets, ['management']);
  const storage = subnetFor(input.subnets, ['storage']);
  const ipmi = subnetFor(input.subnets, ['ipmi']);
  if (!management && input.hosts.length > 0 && input.networkSheet) {
    ctx.add('smartx.no_management_network', { sheet: input.networkSheet, cell: null });
  }
  for (const host of input.hosts) {
    if (management && host.managementIp && host.src.managementIp) checkPlacement(ctx, host.managementIp, host.src.managementIp, management);
    if (storage && host.storageIp && host.src.storageIp) checkPlacement(ctx, host.storageIp, host.src.storageIp, storage);
    // BMC networks are often routed from elsewhere; the template itself plans them outside the IPMI row's subnet.
    if (ipmi && host.bmcAddress && host.src.bmcAddress) checkPlacement(ctx, host.bmcAddress, host.src.bmcAddress, ipmi, 'warning');
  }
  const vip = input.summary?.vipIp;
  if (management && vip && input.summary) checkPlacement(ctx, vip, input.summary.vip.ref, management);
  for (const vm of input.managementVms) {
    if (!vm.ip || !vm.src.ip) continue;
    const own = subnetOfVm(input.subnets, vm.ip);
    if (own) checkPlacement(ctx, vm.ip, vm.src.ip, own);
    else if (management) checkPlacement(ctx, vm.ip, vm.src.ip, management, 'warning');
  }
}

function checkUnique(ctx: ImportContext, input: AddressInputs): void {
  const planned: { ip: string; ref: CellRef }[] = [];
  for (const host of input.hosts) {
    for (const field of ['bmcAddress', 'managementIp', 'storageIp'] as const) {
      const ip = host[field];
      const ref = host.src[field];
      if (ip && ref) planned.push({ ip, ref });
    }
  }
  if (input.summary?.vipIp) planned.push({ ip: input.summary.vipIp, ref: input.summary.vip.ref });
  for (const vm of input.managementVms) if (vm.ip && vm.src.ip) planned.push({ ip: vm.ip, ref: vm.src.ip });
  const first = new Map<string, CellRef>();
  for (const { ip, ref } of planned) {
    const earlier = first.get(ip);
    if (earlier) ctx.add('ip.duplicate', ref, { value: ip, first: refText(earlier) });
    else first.set(ip, ref);
  }
}

export function checkAddresses(ctx: ImportContext, input: AddressInputs): void {
  checkSubnets(ctx, input);
  checkUnique(ctx, input);
}
