import { describe, expect, it } from 'vitest';
import { planSlice, sliceMembers, sliceZoneNames, type SliceRow } from './slicePlan';

const slice: SliceRow = { name: 'core', endpoint: 'os1', topology: 'mesh', nodes: 4, ha: true, cidr: '10.60.0.0/24', managementCidr: null, zones: [] };

describe('planSlice', () => {
  it('generates Nodes nodes when no VM row names the slice, and uses the rows (in order, with their zones) when some do', () => {
    expect(sliceMembers(slice, [{ name: 'other', slice: 'edge' }])).toEqual({ names: ['core-1', 'core-2', 'core-3', 'core-4'], pinned: [null, null, null, null], generated: true });
    const rows = [{ name: 'b', slice: 'CORE' }, { name: 'a', slice: 'core', availabilityZone: 'az9' }, { name: 'c', slice: null }];
    expect(sliceMembers(slice, rows)).toEqual({ names: ['b', 'a'], pinned: [null, 'az9'], generated: false });
  });

  it('takes the zones of the slice’s own column, else those of its endpoint and those of no endpoint', () => {
    const zones = [{ name: 'z1', endpoint: 'os1' }, { name: 'z2', endpoint: null }, { name: 'z3', endpoint: 'os2' }];
    expect(sliceZoneNames(slice, zones)).toEqual(['z1', 'z2']);
    expect(sliceZoneNames({ ...slice, zones: ['z3'] }, zones)).toEqual(['z3']);
  });

  it('expands and places an HA mesh over two zones', () => {
    const planned = planSlice(slice, [], [{ name: 'zone-2', endpoint: 'os1' }, { name: 'zone-1', endpoint: 'os1' }]);
    expect(planned.expansion.kind).toBe('expanded');
    expect(planned.placements.map((one) => `${one.node}@${one.zone}`)).toEqual(['core-1@zone-1', 'core-2@zone-2', 'core-3@zone-1', 'core-4@zone-2']);
  });
});
