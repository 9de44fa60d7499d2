import type { ValueOf } from '../../../shared/contract/channels';
import { sliceTopologies, type SliceTopology } from '../../../shared/plan/model';
import { planSlice, sliceZoneNames, type PlannedSlice, type SliceRow } from '../../../shared/plan/openstack/slicePlan';
import { sortedZones } from '../../../shared/plan/openstack/zones';
import { fieldOf } from './planView';

/*
 * The slices of an imported plan as the Review screen draws them: the same
 * expansion and zone distribution the OpenStack provider deploys
 * (shared/plan/openstack), fed from the plan JSON.
 */

type PlanJson = NonNullable<ValueOf<'plan:import'>['plan']>;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const isTopology = (value: unknown): value is SliceTopology => typeof value === 'string' && (sliceTopologies as readonly string[]).includes(value);

export interface SliceView extends PlannedSlice {
  /** The zones the slice may use, sorted the way the distribution reads them. */
  zoneNames: string[];
  origin: string | null;
}

export function plannedSlices(plan: PlanJson): SliceView[] {
  const slices = plan.slices ?? [];
  const vms = plan.vms.map((vm) => ({ name: text(fieldOf(vm, 'name')) ?? '?', slice: text(fieldOf(vm, 'slice')), availabilityZone: text(fieldOf(vm, 'availabilityZone')) }));
  const zones = (plan.availabilityZones ?? []).map((zone) => ({ name: text(fieldOf(zone, 'name')) ?? '', endpoint: text(fieldOf(zone, 'endpoint')) }));
  return slices.flatMap((entity): SliceView[] => {
    const topology = fieldOf(entity, 'topology');
    const name = text(fieldOf(entity, 'name'));
    if (!name || !isTopology(topology)) return [];
    const nodes = fieldOf(entity, 'nodes');
    const row: SliceRow = {
      name,
      endpoint: text(fieldOf(entity, 'endpoint')) ?? '',
      topology,
      nodes: typeof nodes === 'number' ? nodes : null,
      ha: fieldOf(entity, 'ha') === true,
      cidr: text(fieldOf(entity, 'cidr')),
      managementCidr: text(fieldOf(entity, 'managementCidr')),
      zones: texts(fieldOf(entity, 'zones')),
    };
    const origin = typeof entity.origin === 'string' ? entity.origin : null;
    return [{ ...planSlice(row, vms, zones), zoneNames: sortedZones(sliceZoneNames(row, zones)), origin }];
  });
}

/** Where each node sits in the drawing, in a 0..1 square: a row, a ring, a hub with spokes, or tree levels. */
export function nodePositions(topology: SliceTopology, count: number): Array<{ x: number; y: number }> {
  const circle = (k: number, of: number, start = -Math.PI / 2) => ({ x: 0.5 + 0.4 * Math.cos(start + (2 * Math.PI * k) / of), y: 0.5 + 0.4 * Math.sin(start + (2 * Math.PI * k) / of) });
  switch (topology) {
    case 'linear':
      return Array.from({ length: count }, (_, k) => ({ x: count === 1 ? 0.5 : 0.08 + (0.84 * k) / (count - 1), y: 0.5 }));
    case 'star':
      return Array.from({ length: count }, (_, k) => (k === 0 ? { x: 0.5, y: 0.5 } : circle(k - 1, count - 1)));
    case 'tree': {
      const levels = Math.floor(Math.log2(count)) + 1;
      return Array.from({ length: count }, (_, k) => {
        const level = Math.floor(Math.log2(k + 1));
        const first = 2 ** level;
        const slots = Math.min(first, count - first + 1);
        const slot = k + 1 - first;
        return { x: (slot + 1) / (slots + 1), y: levels === 1 ? 0.5 : 0.1 + (0.8 * level) / (levels - 1) };
      });
    }
    case 'ring':
    case 'mesh':
      return Array.from({ length: count }, (_, k) => circle(k, count));
  }
}
