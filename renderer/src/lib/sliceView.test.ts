import { describe, expect, it } from 'vitest';
import type { ValueOf } from '../../../shared/contract/channels';
import { sliceTopologies } from '../../../shared/plan/model';
import { nodePositions, plannedSlices } from './sliceView';

type PlanJson = NonNullable<ValueOf<'plan:import'>['plan']>;
const sourced = (value: unknown) => ({ value: value as never, source: null });
const entity = (fields: Record<string, unknown>, origin: string | null = null) => ({ origin, ...Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, sourced(value)])) });

const plan = {
  vms: [],
  slices: [entity({ name: 'core', endpoint: 'os1', topology: 'mesh', nodes: 4, ha: true, cidr: '10.60.0.0/24', managementCidr: null, zones: [] }, 'Slices!A2:O2'), entity({ name: 'odd', topology: 'blob' })],
  availabilityZones: [entity({ name: 'z2', endpoint: 'os1' }), entity({ name: 'z1', endpoint: null }), entity({ name: 'z9', endpoint: 'os2' })],
} as unknown as PlanJson;

describe('plannedSlices', () => {
  it('expands each slice of the plan JSON and places its nodes over the zones of its endpoint, skipping rows it cannot read', () => {
    const [core, ...rest] = plannedSlices(plan);
    expect(rest).toEqual([]);
    expect(core!.origin).toBe('Slices!A2:O2');
    expect(core!.zoneNames).toEqual(['z1', 'z2']);
    expect(core!.placements.map((one) => one.zone)).toEqual(['z1', 'z2', 'z1', 'z2']);
    expect(core!.expansion.kind === 'expanded' && core!.expansion.links.length).toBe(6);
  });

  it('reads plans serialized before slices existed', () => {
    expect(plannedSlices({ vms: [] } as unknown as PlanJson)).toEqual([]);
  });
});

describe('nodePositions', () => {
  it('keeps every node inside the drawing and no two on the same spot', () => {
    for (const topology of sliceTopologies) {
      for (const count of [2, 3, 7, 12]) {
        const spots = nodePositions(topology, count);
        expect(spots).toHaveLength(count);
        expect(spots.every((spot) => spot.x >= 0 && spot.x <= 1 && spot.y >= 0 && spot.y <= 1)).toBe(true);
        expect(new Set(spots.map((spot) => `${spot.x.toFixed(3)},${spot.y.toFixed(3)}`)).size, `${topology} ${count}`).toBe(count);
      }
    }
  });
});
