/*
 * Which availability zone each node of a slice goes to, and why.
 *
 * - A node whose VM row names a zone keeps it (`pinned`).
 * - HA: the other nodes go round-robin over the zones sorted by name, each
 *   to the zone holding the fewest nodes so far (pinned ones count), ties to
 *   the first in sorted order. Sorting makes the answer independent of the
 *   order the cloud or the workbook lists zones in, so a re-run places every
 *   node where the last run did.
 * - Not HA: all nodes go to the first zone in sorted order, keeping the
 *   slice together (`together`); with no zone known, the cloud's scheduler
 *   chooses (`scheduler`).
 * - HA with no zone at all: `no-zone` (validation reports it).
 */

export type ZoneReason = 'pinned' | 'round-robin' | 'together' | 'scheduler' | 'no-zone';

export interface ZonePlacement {
  node: string;
  zone: string | null;
  reason: ZoneReason;
}

export interface ZoneInput {
  /** In slice order; `zone` when the node's own row names one. */
  nodes: ReadonlyArray<{ name: string; zone?: string | null }>;
  /** Zones the slice may use, in any order; duplicates (any case) count once. */
  zones: readonly string[];
  ha: boolean;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The zones sorted by code point, the first spelling of each kept. */
export function sortedZones(zones: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const zone of zones) if (zone !== '' && !seen.has(zone.toLowerCase())) seen.set(zone.toLowerCase(), zone);
  return [...seen.values()].sort(byCodePoint);
}

export function distributeZones(input: ZoneInput): ZonePlacement[] {
  const zones = sortedZones(input.zones);
  const load = new Map(zones.map((zone) => [zone.toLowerCase(), 0]));
  for (const node of input.nodes) {
    const key = node.zone?.toLowerCase();
    if (key !== undefined && load.has(key)) load.set(key, load.get(key)! + 1);
  }
  return input.nodes.map((node): ZonePlacement => {
    if (node.zone) return { node: node.name, zone: node.zone, reason: 'pinned' };
    if (zones.length === 0) return { node: node.name, zone: null, reason: input.ha ? 'no-zone' : 'scheduler' };
    if (!input.ha) return { node: node.name, zone: zones[0]!, reason: 'together' };
    let best = zones[0]!;
    for (const zone of zones) if (load.get(zone.toLowerCase())! < load.get(best.toLowerCase())!) best = zone;
    load.set(best.toLowerCase(), load.get(best.toLowerCase())! + 1);
    return { node: node.name, zone: best, reason: 'round-robin' };
  });
}
