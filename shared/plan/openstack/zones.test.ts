import { describe, expect, it } from 'vitest';
import { distributeZones, sortedZones } from './zones';

const nodes = (count: number) => Array.from({ length: count }, (_, k) => ({ name: `n${k + 1}` }));

describe('distributeZones', () => {
  it('spreads HA nodes round-robin over the zones sorted by name', () => {
    const placed = distributeZones({ nodes: nodes(4), zones: ['zone-2', 'zone-1'], ha: true });
    expect(placed.map((one) => one.zone)).toEqual(['zone-1', 'zone-2', 'zone-1', 'zone-2']);
    expect(new Set(placed.map((one) => one.reason))).toEqual(new Set(['round-robin']));
  });

  it('gives the same answer whatever order the zones are listed in', () => {
    const zones = ['c', 'a', 'B', 'b2'];
    const reference = distributeZones({ nodes: nodes(7), zones, ha: true });
    for (const order of [[...zones].reverse(), ['a', 'b2', 'c', 'B'], ['b2', 'B', 'c', 'a', 'a']]) {
      expect(distributeZones({ nodes: nodes(7), zones: order, ha: true })).toEqual(reference);
    }
  });

  it('keeps pinned nodes where their rows put them and balances the rest around them', () => {
    const placed = distributeZones({ nodes: [{ name: 'n1', zone: 'az1' }, { name: 'n2', zone: 'az1' }, { name: 'n3' }, { name: 'n4' }], zones: ['az1', 'az2'], ha: true });
    expect(placed).toEqual([
      { node: 'n1', zone: 'az1', reason: 'pinned' },
      { node: 'n2', zone: 'az1', reason: 'pinned' },
      { node: 'n3', zone: 'az2', reason: 'round-robin' },
      { node: 'n4', zone: 'az2', reason: 'round-robin' },
    ]);
  });

  it('keeps a slice without HA together in the first zone, or leaves it to the scheduler when no zone is known', () => {
    expect(distributeZones({ nodes: nodes(3), zones: ['z2', 'z1'], ha: false }).map((one) => [one.zone, one.reason])).toEqual([
      ['z1', 'together'],
      ['z1', 'together'],
      ['z1', 'together'],
    ]);
    expect(distributeZones({ nodes: nodes(1), zones: [], ha: false })).toEqual([{ node: 'n1', zone: null, reason: 'scheduler' }]);
    expect(distributeZones({ nodes: nodes(1), zones: [], ha: true })).toEqual([{ node: 'n1', zone: null, reason: 'no-zone' }]);
  });

  it('no zone holds two more nodes than another', () => {
    for (let count = 1; count <= 10; count++) {
      const placed = distributeZones({ nodes: nodes(count), zones: ['a', 'b', 'c'], ha: true });
      const per = ['a', 'b', 'c'].map((zone) => placed.filter((one) => one.zone === zone).length);
      expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    }
  });

  it('sorts zones by code point and drops duplicates of any case', () => {
    expect(sortedZones(['nova', 'Zone-B', 'zone-a', 'NOVA', ''])).toEqual(['Zone-B', 'nova', 'zone-a']);
  });
});
