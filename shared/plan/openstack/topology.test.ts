import { describe, expect, it } from 'vitest';
import { sliceTopologies } from '../model';
import { parseCidr, cidrsOverlap } from './ipv4';
import { expandSlice, generatedNodeNames, poolPrefixFor, topologyLinks, topologyNodeLimits } from './topology';

const degrees = (links: Array<[number, number]>, count: number): number[] => {
  const degree = Array.from({ length: count }, () => 0);
  for (const [a, b] of links) {
    degree[a - 1]!++;
    degree[b - 1]!++;
  }
  return degree;
};

describe('topologyLinks', () => {
  it('links a line end to end and closes a ring', () => {
    expect(topologyLinks('linear', 4)).toEqual([[1, 2], [2, 3], [3, 4]]);
    expect(topologyLinks('ring', 4)).toEqual([[1, 2], [2, 3], [3, 4], [1, 4]]);
    expect(degrees(topologyLinks('ring', 7), 7).every((degree) => degree === 2)).toBe(true);
  });

  it('hangs every node off the hub in a star and fills a binary tree breadth-first', () => {
    expect(degrees(topologyLinks('star', 6), 6)).toEqual([5, 1, 1, 1, 1, 1]);
    expect(topologyLinks('tree', 7)).toEqual([[1, 2], [1, 3], [2, 4], [2, 5], [3, 6], [3, 7]]);
  });

  it('links every pair of a mesh once', () => {
    for (let count = 2; count <= 8; count++) {
      const links = topologyLinks('mesh', count);
      expect(links).toHaveLength((count * (count - 1)) / 2);
      expect(new Set(links.map((pair) => pair.join('-'))).size).toBe(links.length);
      expect(degrees(links, count).every((degree) => degree === count - 1)).toBe(true);
    }
  });

  it('gives every topology a connected graph with lower-numbered node first', () => {
    for (const topology of sliceTopologies) {
      const count = 9;
      const links = topologyLinks(topology, Math.min(count, topologyNodeLimits[topology].max));
      const reached = new Set([1]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const [a, b] of links) if (reached.has(a) !== reached.has(b)) grew = !!reached.add(a).add(b);
      }
      expect(reached.size, topology).toBe(count);
      expect(links.every(([a, b]) => a < b), topology).toBe(true);
    }
  });
});

describe('expandSlice', () => {
  const mesh = { name: 'core', topology: 'mesh' as const, nodes: generatedNodeNames('core', 4), cidr: '10.60.0.0/24', managementCidr: '10.61.0.0/24' };

  it('gives a 4-node mesh a management network and six point-to-point /29 links', () => {
    const result = expandSlice(mesh);
    if (result.kind !== 'expanded') throw new Error(result.reason);
    expect(result.networks.map((network) => network.name)).toEqual(['core-mgmt', 'core-link-1-2', 'core-link-1-3', 'core-link-1-4', 'core-link-2-3', 'core-link-2-4', 'core-link-3-4']);
    expect(result.networks[0]).toEqual({ name: 'core-mgmt', role: 'management', cidr: '10.61.0.0/24', gateway: '10.61.0.1', between: null });
    expect(result.networks[2]).toEqual({ name: 'core-link-1-3', role: 'link', cidr: '10.60.0.8/29', gateway: null, between: ['core-1', 'core-3'] });
    expect(result.nodes[2]!.ports).toEqual([
      { network: 'core-mgmt', ip: '10.61.0.12' },
      { network: 'core-link-1-3', ip: '10.60.0.10' },
      { network: 'core-link-2-3', ip: '10.60.0.26' },
      { network: 'core-link-3-4', ip: '10.60.0.41' },
    ]);
  });

  it('never gives two ports the same address and keeps every link inside the pool without overlap', () => {
    const result = expandSlice({ ...mesh, nodes: generatedNodeNames('core', 12), cidr: '10.60.0.0/22' });
    if (result.kind !== 'expanded') throw new Error(result.reason);
    const ips = result.nodes.flatMap((node) => node.ports.map((port) => port.ip));
    expect(new Set(ips).size).toBe(ips.length);
    const pool = parseCidr('10.60.0.0/22')!;
    const links = result.networks.filter((network) => network.role === 'link').map((network) => parseCidr(network.cidr)!);
    expect(links.every((link) => cidrsOverlap(link, pool))).toBe(true);
    for (let i = 0; i < links.length; i++) for (let j = i + 1; j < links.length; j++) expect(cidrsOverlap(links[i]!, links[j]!)).toBe(false);
  });

  it('says why a slice cannot be expanded: node count, pool missing, malformed or too small, management too small', () => {
    expect(expandSlice({ ...mesh, topology: 'ring', nodes: ['a', 'b'] })).toEqual({ kind: 'invalid', reason: 'node_count', min: 3, max: 64 });
    expect(expandSlice({ ...mesh, nodes: generatedNodeNames('x', 13) })).toMatchObject({ reason: 'node_count', max: 12 });
    expect(expandSlice({ ...mesh, cidr: null })).toEqual({ kind: 'invalid', reason: 'pool_missing' });
    expect(expandSlice({ ...mesh, cidr: '10.60.0/24' })).toEqual({ kind: 'invalid', reason: 'pool_invalid' });
    expect(expandSlice({ ...mesh, cidr: '10.60.0.0/27' })).toEqual({ kind: 'invalid', reason: 'pool_too_small', needPrefix: 26 });
    expect(expandSlice({ ...mesh, managementCidr: '10.61.0.0/29' })).toEqual({ kind: 'invalid', reason: 'management_too_small', needHosts: 13 });
    expect(expandSlice({ ...mesh, managementCidr: '10.61.0.0/28' }).kind).toBe('expanded');
  });

  it('sizes the pool by the number of links', () => {
    expect(poolPrefixFor(1)).toBe(29);
    expect(poolPrefixFor(6)).toBe(26);
    expect(poolPrefixFor(32)).toBe(24);
    expect(poolPrefixFor(33)).toBe(23);
  });
});
