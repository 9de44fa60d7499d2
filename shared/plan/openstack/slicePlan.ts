import type { SliceTopology } from '../model';
import { expandSlice, generatedNodeNames, type SliceExpansion } from './topology';
import { distributeZones, type ZonePlacement } from './zones';

/*
 * A slice as the provider deploys it and the Review screen draws it: its
 * nodes (the VM rows naming it, in row order; without any, `Nodes` generated
 * ones), their networks and ports, and the zone of each node. Works on plain
 * values so the engine's Plan and the renderer's plan JSON both feed it.
 */

export interface SliceRow {
  name: string;
  endpoint: string;
  topology: SliceTopology;
  nodes: number | null;
  ha: boolean;
  cidr: string | null;
  managementCidr: string | null;
  zones: readonly string[];
}

export interface SliceVmRow {
  name: string;
  slice?: string | null;
  availabilityZone?: string | null;
}

export interface ZoneRow {
  name: string;
  endpoint: string | null;
}

export interface SliceMembers {
  names: string[];
  /** Each node's own zone (from its VM row), null when it has none. */
  pinned: Array<string | null>;
  /** True when the slice's nodes are generated from `Nodes`. */
  generated: boolean;
}

const same = (a: string | null | undefined, b: string): boolean => !!a && a.toLowerCase() === b.toLowerCase();

export function sliceMembers(slice: Pick<SliceRow, 'name' | 'nodes'>, vms: readonly SliceVmRow[]): SliceMembers {
  const rows = vms.filter((vm) => same(vm.slice, slice.name));
  if (rows.length > 0) return { names: rows.map((vm) => vm.name), pinned: rows.map((vm) => vm.availabilityZone ?? null), generated: false };
  const names = generatedNodeNames(slice.name, slice.nodes ?? 0);
  return { names, pinned: names.map(() => null), generated: true };
}

/** The zones a slice may use: its Zones column, else every zone of its endpoint (or of no endpoint in particular). */
export function sliceZoneNames(slice: Pick<SliceRow, 'endpoint' | 'zones'>, zones: readonly ZoneRow[]): string[] {
  if (slice.zones.length > 0) return [...slice.zones];
  return zones.filter((zone) => zone.endpoint === null || same(zone.endpoint, slice.endpoint)).map((zone) => zone.name);
}

export interface PlannedSlice {
  slice: SliceRow;
  members: SliceMembers;
  expansion: SliceExpansion;
  placements: ZonePlacement[];
}

export function planSlice(slice: SliceRow, vms: readonly SliceVmRow[], zones: readonly ZoneRow[]): PlannedSlice {
  const members = sliceMembers(slice, vms);
  const expansion = expandSlice({ name: slice.name, topology: slice.topology, nodes: members.names, cidr: slice.cidr, managementCidr: slice.managementCidr });
  const placements = distributeZones({
    nodes: members.names.map((name, k) => ({ name, zone: members.pinned[k] ?? null })),
    zones: sliceZoneNames(slice, zones),
    ha: slice.ha,
  });
  return { slice, members, expansion, placements };
}
