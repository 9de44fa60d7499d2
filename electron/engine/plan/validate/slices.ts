import { whereOf, type Plan, type Slice } from '../../../../shared/plan/model';
import { cidrsOverlap, formatCidr, parseCidr, type Cidr } from '../../../../shared/plan/openstack/ipv4';
import { planSlice, sliceZoneNames, type PlannedSlice } from '../../../../shared/plan/openstack/slicePlan';
import { poolPrefixFor, topologyLinks } from '../../../../shared/plan/openstack/topology';
import { sortedZones } from '../../../../shared/plan/openstack/zones';
import { formatWhere } from '../../../../shared/plan/findingCodes';
import type { CellRef } from '../../../../shared/plan/model';
import { parseCidr as parseSubnet, formatSubnet } from '../formats';
import type { ValidationContext } from './context';

/*
 * Slices: node counts per topology, pools and management subnets that hold
 * what the topology needs and overlap nothing else in the plan, HA with at
 * least two zones. Also the flavor, key pair and security group rule rows,
 * whose checks need only the row itself.
 */

interface Claimed {
  cidr: Cidr;
  text: string;
  where: CellRef | null;
}

/** A CIDR cell: invalid or host bits reported like the Networks sheet's; null when unusable. */
function cidrOf(slice: Slice, field: 'cidr' | 'managementCidr', context: ValidationContext): Cidr | null {
  const text = slice[field];
  if (text === null || text === '') return null;
  const subnet = parseSubnet(text);
  if (!subnet) {
    context.addFor('cidr.invalid', 'slices', slice, field, { value: text });
    return null;
  }
  if (subnet.hostBitsSet) context.add('cidr.host_bits', whereOf(slice, field), { value: text, network: formatSubnet(subnet) });
  return { network: subnet.network, prefix: subnet.prefix };
}

function checkCounts(planned: PlannedSlice, rows: number, context: ValidationContext): boolean {
  const { slice, members, expansion } = planned;
  if (rows > 0 && slice.nodes !== null && slice.nodes !== rows) {
    context.add('slice.nodes_mismatch', whereOf(slice as Slice, 'nodes'), { count: slice.nodes, rows, slice: slice.name });
    return false;
  }
  if (members.names.length === 0) {
    context.add('slice.no_nodes', whereOf(slice as Slice, 'nodes'), { slice: slice.name });
    return false;
  }
  if (expansion.kind === 'invalid' && expansion.reason === 'node_count') {
    const field = rows > 0 ? 'name' : 'nodes';
    context.add('slice.node_count', whereOf(slice as Slice, field), { slice: slice.name, count: members.names.length, topology: slice.topology, min: expansion.min, max: expansion.max });
    return false;
  }
  return true;
}

function checkSlice(slice: Slice, plan: Plan, claims: Claimed[], context: ValidationContext): void {
  const rows = plan.vms.filter((vm) => vm.slice && vm.slice.toLowerCase() === slice.name.toLowerCase()).length;
  const pool = cidrOf(slice, 'cidr', context);
  const management = cidrOf(slice, 'managementCidr', context);
  const planned = planSlice(
    { ...slice, cidr: pool && formatCidr(pool), managementCidr: management && formatCidr(management) },
    plan.vms,
    plan.availabilityZones,
  );
  if (checkCounts(planned, rows, context)) {
    const count = planned.members.names.length;
    const links = topologyLinks(slice.topology, count).length;
    if (pool && pool.prefix > poolPrefixFor(links)) {
      context.add('slice.cidr_too_small', whereOf(slice, 'cidr'), { value: slice.cidr, links, topology: slice.topology, slice: slice.name, prefix: poolPrefixFor(links) });
    }
    if (planned.expansion.kind === 'invalid' && planned.expansion.reason === 'management_too_small') {
      context.add('slice.management_too_small', whereOf(slice, 'managementCidr'), { value: slice.managementCidr, count, hosts: planned.expansion.needHosts });
    }
    if (!rows && (slice.image === null || slice.image === '')) context.addFor('value.required', 'slices', slice, 'image');
    if (!rows && (slice.flavor === null || slice.flavor === '')) context.addFor('value.required', 'slices', slice, 'flavor');
  }
  if (slice.ha) {
    // The zones it may use plus any its nodes' rows pin.
    const zones = sortedZones([...sliceZoneNames(slice, plan.availabilityZones), ...planned.members.pinned.filter((zone): zone is string => zone !== null)]);
    if (zones.length === 0) context.add('slice.ha_zones_unknown', whereOf(slice, 'ha'), { slice: slice.name, endpoint: slice.endpoint });
    else if (zones.length < 2) context.add('slice.ha_one_zone', whereOf(slice, 'ha'), { slice: slice.name, zones: zones.length, endpoint: slice.endpoint });
  }
  for (const [field, cidr] of [['cidr', pool], ['managementCidr', management]] as const) {
    if (!cidr) continue;
    const where = whereOf(slice, field);
    const other = claims.find((claim) => cidrsOverlap(claim.cidr, cidr));
    if (other) context.add('slice.cidr_overlap', where, { value: slice[field], other: other.text, first: formatWhere(other.where) });
    claims.push({ cidr, text: slice[field]!, where });
  }
}

export function checkSlices(plan: Plan, context: ValidationContext): void {
  const claims: Claimed[] = [];
  for (const network of plan.networks) {
    const cidr = network.cidr === null ? null : parseCidr(network.cidr);
    if (cidr) claims.push({ cidr, text: network.cidr!, where: whereOf(network, 'cidr') });
  }
  for (const slice of plan.slices) checkSlice(slice, plan, claims, context);
  checkOpenstackRows(plan, context);
}

const OPENSSH_KEY = /^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

function portsValid(text: string): boolean {
  const match = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(text.trim());
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return low >= 1 && high <= 65535 && low <= high;
}

function checkOpenstackRows(plan: Plan, context: ValidationContext): void {
  for (const flavor of plan.flavors) {
    const given = [flavor.vcpu, flavor.memoryMiB, flavor.diskGiB].filter((value) => value !== null).length;
    if (given > 0 && given < 3) context.add('flavor.incomplete', flavor.origin, { value: flavor.name });
    else if (given === 0 && flavor.recommend) context.add('flavor.incomplete', whereOf(flavor, 'recommend'), { value: flavor.name });
  }
  for (const keyPair of plan.keyPairs) {
    if (keyPair.publicKey !== null && !OPENSSH_KEY.test(keyPair.publicKey.trim())) context.add('keypair.invalid', whereOf(keyPair, 'publicKey'));
  }
  for (const rule of plan.securityGroupRules) {
    const portless = rule.protocol === 'icmp' || rule.protocol === 'any';
    if (rule.ports !== null && (portless || !portsValid(rule.ports))) context.add('rule.ports_invalid', whereOf(rule, 'ports'), { value: rule.ports, protocol: rule.protocol });
    if (rule.remoteCidr !== null && !parseSubnet(rule.remoteCidr)) context.addFor('cidr.invalid', 'securityGroupRules', rule, 'remoteCidr', { value: rule.remoteCidr });
    if (rule.remoteCidr !== null && rule.remoteGroup !== null) context.add('rule.remote_both', whereOf(rule, 'remoteGroup'));
  }
}
