import { fail } from '../../../../shared/errors';
import { distributeZones, type ZonePlacement } from '../../../../shared/plan/openstack/zones';
import type { Zone } from './nova';
import type { OsServerInput } from './steps';

const reasons: Record<ZonePlacement['reason'], string> = {
  pinned: 'its VM row names it',
  'round-robin': 'HA: round-robin over the zones sorted by name, each node to the zone with the fewest so far',
  together: 'not HA: the slice stays together in the first zone',
  scheduler: 'no zone known: the Nova scheduler chooses',
  'no-zone': 'HA, but the cloud has no available zone: the Nova scheduler chooses',
};

/**
 * The zone a server goes to, and why, from the cloud's available zones
 * (the slice's own list when it has one). The same plan and zones give the
 * same answer on every run, so a re-run never moves a node.
 */
export function zoneFor(input: OsServerInput, cloud: readonly Zone[]): { zone: string | null; why: string } {
  const available = cloud.filter((zone) => zone.available).map((zone) => zone.name);
  if (input.zone && !available.includes(input.zone)) {
    fail('plan_invalid', `OpenStack ${input.endpoint} has no available zone ${input.zone} for ${input.name}.`, { hint: `Its zones: ${available.join(', ') || 'none'}.`, retryable: false, ...(input.cells.zone ? { cell: input.cells.zone } : {}) });
  }
  if (!input.slice) return input.zone ? { zone: input.zone, why: reasons.pinned } : { zone: null, why: reasons.scheduler };
  const wanted = input.sliceZones.length > 0 ? available.filter((zone) => input.sliceZones.some((name) => name.toLowerCase() === zone.toLowerCase())) : available;
  const placed = distributeZones({ nodes: input.sliceNodes, zones: wanted, ha: input.ha }).find((entry) => entry.node === input.name);
  return placed ? { zone: placed.zone, why: reasons[placed.reason] } : { zone: null, why: reasons.scheduler };
}
