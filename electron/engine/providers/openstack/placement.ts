import { fail } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
import { distributeZones, type ZonePlacement } from '../../../../shared/plan/openstack/zones';
import type { Zone } from './nova';
import type { OsServerInput } from './steps';

const reasons: Record<ZonePlacement['reason'], TextRef> = {
  pinned: text('openstack.zone.why.pinned'),
  'round-robin': text('openstack.zone.why.roundRobin'),
  together: text('openstack.zone.why.together'),
  scheduler: text('openstack.zone.why.scheduler'),
  'no-zone': text('openstack.zone.why.noZone'),
};

/**
 * The zone a server goes to, and why, from the cloud's available zones
 * (the slice's own list when it has one). The same plan and zones give the
 * same answer on every run, so a re-run never moves a node.
 */
export function zoneFor(input: OsServerInput, cloud: readonly Zone[]): { zone: string | null; why: TextRef } {
  const available = cloud.filter((zone) => zone.available).map((zone) => zone.name);
  if (input.zone && !available.includes(input.zone)) {
    fail('plan_invalid', text('openstack.zone.missing', { endpoint: input.endpoint, zone: input.zone, name: input.name }), { hint: text('openstack.zone.missingHint', { zones: available.join(', ') || text('openstack.none') }), retryable: false, ...(input.cells.zone ? { cell: input.cells.zone } : {}) });
  }
  if (!input.slice) return input.zone ? { zone: input.zone, why: reasons.pinned } : { zone: null, why: reasons.scheduler };
  const wanted = input.sliceZones.length > 0 ? available.filter((zone) => input.sliceZones.some((name) => name.toLowerCase() === zone.toLowerCase())) : available;
  const placed = distributeZones({ nodes: input.sliceNodes, zones: wanted, ha: input.ha }).find((entry) => entry.node === input.name);
  return placed ? { zone: placed.zone, why: reasons[placed.reason] } : { zone: null, why: reasons.scheduler };
}
