import type { OpenStackSession } from './session';

/* Nova (compute v2.1) calls the provider makes; bodies as nova/api/openstack/compute/schemas define them. */

export interface Flavor {
  id: string;
  name: string;
  vcpus: number;
  /** MiB */
  ram: number;
  /** GiB */
  disk: number;
}

export interface Zone {
  name: string;
  available: boolean;
  /** Compute hosts of the zone (only admins see them; empty otherwise). */
  hosts: string[];
}

export interface Server {
  id: string;
  name: string;
  status: string;
  fault?: { message?: string; code?: number; details?: string };
  'OS-EXT-AZ:availability_zone'?: string;
  addresses?: Record<string, Array<{ addr: string; version: number }>>;
  metadata?: Record<string, string>;
}

export async function listFlavors(session: OpenStackSession, signal: AbortSignal): Promise<Flavor[]> {
  const body = await session.call<{ flavors?: Flavor[] }>('compute', 'GET', '/flavors/detail', signal, { params: { is_public: 'None' } });
  return (body.flavors ?? []).map((flavor) => ({ id: String(flavor.id), name: flavor.name, vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk }));
}

export async function createFlavor(session: OpenStackSession, spec: Omit<Flavor, 'id'>, signal: AbortSignal): Promise<Flavor> {
  const body = await session.call<{ flavor: Flavor }>('compute', 'POST', '/flavors', signal, { data: { flavor: spec } });
  return { ...spec, id: String(body.flavor.id) };
}

export async function deleteFlavor(session: OpenStackSession, id: string, signal: AbortSignal): Promise<void> {
  await session.call('compute', 'DELETE', `/flavors/${encodeURIComponent(id)}`, signal, { accept: [404] });
}

interface ZoneInfo {
  zoneName: string;
  zoneState?: { available?: boolean };
  hosts?: Record<string, unknown> | null;
}

/** The zones servers can go to (Nova's `internal` zone holds its own services, not instances). */
export async function listZones(session: OpenStackSession, signal: AbortSignal): Promise<Zone[]> {
  let info: ZoneInfo[];
  try {
    info = (await session.call<{ availabilityZoneInfo?: ZoneInfo[] }>('compute', 'GET', '/os-availability-zone/detail', signal)).availabilityZoneInfo ?? [];
  } catch {
    // The detail is admin-only by default; the plain list is for every member.
    info = (await session.call<{ availabilityZoneInfo?: ZoneInfo[] }>('compute', 'GET', '/os-availability-zone', signal)).availabilityZoneInfo ?? [];
  }
  return info
    .filter((zone) => zone.zoneName !== 'internal')
    .map((zone) => ({ name: zone.zoneName, available: zone.zoneState?.available !== false, hosts: Object.keys(zone.hosts ?? {}).sort() }));
}

export async function findKeypair(session: OpenStackSession, name: string, signal: AbortSignal): Promise<{ name: string; fingerprint?: string; public_key?: string } | null> {
  const response = await session.send<{ keypair?: { name: string; public_key?: string; fingerprint?: string } }>('compute', 'GET', `/os-keypairs/${encodeURIComponent(name)}`, signal, { accept: [404] });
  return response.status === 404 ? null : (response.data.keypair ?? null);
}

export async function createKeypair(session: OpenStackSession, name: string, publicKey: string, signal: AbortSignal): Promise<void> {
  await session.call('compute', 'POST', '/os-keypairs', signal, { data: { keypair: { name, public_key: publicKey } } });
}

export async function deleteKeypair(session: OpenStackSession, name: string, signal: AbortSignal): Promise<void> {
  await session.call('compute', 'DELETE', `/os-keypairs/${encodeURIComponent(name)}`, signal, { accept: [404] });
}

export interface NewServer {
  name: string;
  flavorRef: string;
  imageRef: string;
  availability_zone?: string;
  networks: Array<{ port: string } | { uuid: string }>;
  key_name?: string;
  /** Base64, as Nova wants it. */
  user_data?: string;
  security_groups?: Array<{ name: string }>;
  metadata?: Record<string, string>;
}

export async function createServer(session: OpenStackSession, spec: NewServer, signal: AbortSignal): Promise<string> {
  const body = await session.call<{ server: { id: string } }>('compute', 'POST', '/servers', signal, { data: { server: spec } });
  return body.server.id;
}

export async function getServer(session: OpenStackSession, id: string, signal: AbortSignal): Promise<Server | null> {
  const response = await session.send<{ server: Server }>('compute', 'GET', `/servers/${encodeURIComponent(id)}`, signal, { accept: [404] });
  return response.status === 404 ? null : response.data.server;
}

/** Servers named exactly `name` (Nova's `name` filter is a regular expression). */
export async function findServers(session: OpenStackSession, name: string, signal: AbortSignal): Promise<Server[]> {
  const pattern = `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
  const body = await session.call<{ servers?: Server[] }>('compute', 'GET', '/servers/detail', signal, { params: { name: pattern } });
  return (body.servers ?? []).filter((server) => server.name === name);
}

export async function deleteServer(session: OpenStackSession, id: string, signal: AbortSignal): Promise<void> {
  await session.call('compute', 'DELETE', `/servers/${encodeURIComponent(id)}`, signal, { accept: [404] });
}

/** The project's absolute limits and use (`GET /limits`, open to every member). */
export interface ProjectLimits {
  maxTotalInstances: number;
  totalInstancesUsed: number;
  maxTotalCores: number;
  totalCoresUsed: number;
  maxTotalRAMSize: number;
  totalRAMUsed: number;
}

export async function projectLimits(session: OpenStackSession, signal: AbortSignal): Promise<ProjectLimits> {
  const body = await session.call<{ limits?: { absolute?: Partial<ProjectLimits> } }>('compute', 'GET', '/limits', signal);
  const absolute = body.limits?.absolute ?? {};
  const number = (value: unknown): number => (typeof value === 'number' ? value : -1);
  return {
    maxTotalInstances: number(absolute.maxTotalInstances),
    totalInstancesUsed: number(absolute.totalInstancesUsed),
    maxTotalCores: number(absolute.maxTotalCores),
    totalCoresUsed: number(absolute.totalCoresUsed),
    maxTotalRAMSize: number(absolute.maxTotalRAMSize),
    totalRAMUsed: number(absolute.totalRAMUsed),
  };
}

/** The hypervisors' totals (admin only; null for a member, whom Nova refuses). */
export async function hypervisorTotals(session: OpenStackSession, signal: AbortSignal): Promise<{ vcpus: number; vcpusUsed: number; memoryMiB: number; memoryMiBUsed: number; hosts: number } | null> {
  const response = await session.send<{ hypervisors?: Array<{ vcpus?: number; vcpus_used?: number; memory_mb?: number; memory_mb_used?: number }> }>('compute', 'GET', '/os-hypervisors/detail', signal, { accept: [403] });
  if (response.status === 403) return null;
  const list = response.data.hypervisors ?? [];
  const sum = (pick: (h: (typeof list)[number]) => number | undefined): number => list.reduce((total, h) => total + (pick(h) ?? 0), 0);
  return { vcpus: sum((h) => h.vcpus), vcpusUsed: sum((h) => h.vcpus_used), memoryMiB: sum((h) => h.memory_mb), memoryMiBUsed: sum((h) => h.memory_mb_used), hosts: list.length };
}
