import type { SliceTopology } from '../model';
import { cidrSize, formatCidr, formatIpv4, parseCidr, type Cidr } from './ipv4';

/*
 * How a slice becomes networks and ports. The model (FORMAT.md repeats it):
 *
 * - Nodes are numbered 1..n in slice order. Which pairs are linked:
 *     linear  1-2, 2-3, ..., (n-1)-n
 *     ring    linear plus n-1 (closes the loop; needs 3 nodes)
 *     star    1-2, 1-3, ..., 1-n (node 1 is the hub)
 *     tree    binary tree filled breadth-first: node k's parent is floor(k/2)
 *     mesh    every pair
 * - Every link is its own network: a /29 carved from the slice's pool in
 *   link order (link 1 takes the pool's first /29, link 2 the next ...).
 *   The lower-numbered node gets the /29's first host, the other the
 *   second. Links carry no gateway: they are point-to-point, not routed.
 * - With a management CIDR, every node also joins one management network
 *   (its first port): the gateway is the first host, node k gets host 9+k
 *   (.10, .11, ...), so the low addresses stay free for routers and DHCP.
 * - Node k's ports: management first (if any), then its links in link order.
 */

export const LINK_PREFIX = 29;
/** Node k's management address is the network address + this + k. */
export const MANAGEMENT_HOST_OFFSET = 9;

/** How many nodes each topology takes; mesh is capped because its links grow with n². */
export const topologyNodeLimits: Readonly<Record<SliceTopology, { min: number; max: number }>> = {
  linear: { min: 2, max: 64 },
  ring: { min: 3, max: 64 },
  star: { min: 2, max: 64 },
  tree: { min: 2, max: 64 },
  mesh: { min: 2, max: 12 },
};

/** The linked pairs of a topology, as 1-based node numbers, lower first, in link order. */
export function topologyLinks(topology: SliceTopology, count: number): Array<[number, number]> {
  const links: Array<[number, number]> = [];
  if (count < 2) return links;
  switch (topology) {
    case 'linear':
    case 'ring':
      for (let k = 1; k < count; k++) links.push([k, k + 1]);
      if (topology === 'ring' && count >= 3) links.push([1, count]);
      break;
    case 'star':
      for (let k = 2; k <= count; k++) links.push([1, k]);
      break;
    case 'tree':
      for (let k = 2; k <= count; k++) links.push([Math.floor(k / 2), k]);
      break;
    case 'mesh':
      for (let a = 1; a < count; a++) for (let b = a + 1; b <= count; b++) links.push([a, b]);
      break;
  }
  return links;
}

/** The longest pool prefix that holds `links` /29 link networks (24 for 32 links). */
export function poolPrefixFor(links: number): number {
  return LINK_PREFIX - Math.ceil(Math.log2(Math.max(1, links)));
}

export interface SlicePort {
  network: string;
  ip: string;
}

export interface SliceNode {
  name: string;
  /** 1-based. */
  number: number;
  ports: SlicePort[];
}

export interface SliceNetwork {
  name: string;
  role: 'management' | 'link';
  cidr: string;
  /** Null on links (not routed). */
  gateway: string | null;
  /** For links: the two node names, lower-numbered first. */
  between: [string, string] | null;
}

export interface SliceInput {
  name: string;
  topology: SliceTopology;
  /** Node names in slice order. */
  nodes: readonly string[];
  cidr: string | null;
  managementCidr: string | null;
}

export type SliceExpansion =
  | { kind: 'expanded'; nodes: SliceNode[]; networks: SliceNetwork[]; links: Array<[string, string]> }
  | { kind: 'invalid'; reason: 'node_count'; min: number; max: number }
  | { kind: 'invalid'; reason: 'pool_missing' | 'pool_invalid' | 'management_invalid' }
  | { kind: 'invalid'; reason: 'pool_too_small'; needPrefix: number }
  | { kind: 'invalid'; reason: 'management_too_small'; needHosts: number };

/** Node names when a slice's nodes are generated: `web-1`, `web-2`, ... */
export function generatedNodeNames(slice: string, count: number): string[] {
  return Array.from({ length: Math.max(0, count) }, (_, k) => `${slice}-${k + 1}`);
}

function checkManagement(text: string | null, count: number): Cidr | null | SliceExpansion {
  if (text === null) return null;
  const management = parseCidr(text);
  if (!management) return { kind: 'invalid', reason: 'management_invalid' };
  // The last node's address must stay below the broadcast address.
  const needHosts = MANAGEMENT_HOST_OFFSET + count;
  if (needHosts > cidrSize(management) - 2) return { kind: 'invalid', reason: 'management_too_small', needHosts };
  return management;
}

/** The networks, ports and links of a slice, or why it cannot be expanded. Pure and deterministic. */
export function expandSlice(input: SliceInput): SliceExpansion {
  const count = input.nodes.length;
  const limits = topologyNodeLimits[input.topology];
  if (count < limits.min || count > limits.max) return { kind: 'invalid', reason: 'node_count', ...limits };
  const pairs = topologyLinks(input.topology, count);
  if (input.cidr === null) return { kind: 'invalid', reason: 'pool_missing' };
  const pool = parseCidr(input.cidr);
  if (!pool) return { kind: 'invalid', reason: 'pool_invalid' };
  if (pool.prefix > poolPrefixFor(pairs.length)) return { kind: 'invalid', reason: 'pool_too_small', needPrefix: poolPrefixFor(pairs.length) };
  const management = checkManagement(input.managementCidr, count);
  if (management && 'kind' in management) return management;

  const nodes: SliceNode[] = input.nodes.map((name, k) => ({ name, number: k + 1, ports: [] }));
  const networks: SliceNetwork[] = [];
  if (management) {
    const name = `${input.name}-mgmt`;
    networks.push({ name, role: 'management', cidr: formatCidr(management), gateway: formatIpv4(management.network + 1), between: null });
    for (const node of nodes) node.ports.push({ network: name, ip: formatIpv4(management.network + MANAGEMENT_HOST_OFFSET + node.number) });
  }
  pairs.forEach(([a, b], k) => {
    const base = pool.network + k * 2 ** (32 - LINK_PREFIX);
    const left = nodes[a - 1]!;
    const right = nodes[b - 1]!;
    const name = `${input.name}-link-${a}-${b}`;
    networks.push({ name, role: 'link', cidr: `${formatIpv4(base)}/${LINK_PREFIX}`, gateway: null, between: [left.name, right.name] });
    left.ports.push({ network: name, ip: formatIpv4(base + 1) });
    right.ports.push({ network: name, ip: formatIpv4(base + 2) });
  });
  return { kind: 'expanded', nodes, networks, links: pairs.map(([a, b]) => [nodes[a - 1]!.name, nodes[b - 1]!.name]) };
}
