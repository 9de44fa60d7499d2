import { randomUUID } from 'node:crypto';
import type { Flavor } from './cloud';
import { checkToken, unauthorizedJson, type OsContext } from './context';
import { json, route, type Handler, type LabReply, type LabRequest, type Route } from './http';
import { atLeast, badRequest, negotiate, notFound, novaError, versionHeaders, type Microversion } from './microversion';
import { keypairRoutes } from './novaKeypairs';
import { serverRoutes } from './novaServers';
import { fakeHypervisor, novaVersions } from './options';

/* Nova's compute API v2.1 (nova/api/openstack/compute/): flavors, zones, quotas, limits, hypervisors; servers in novaServers.ts. */

export type NovaHandler = (request: LabRequest, params: string[], version: Microversion) => LabReply | Promise<LabReply>;

export function flavorView(context: OsContext, flavor: Flavor) {
  const link = (base: string) => `${base}/flavors/${flavor.id}`;
  return {
    id: flavor.id,
    name: flavor.name,
    ram: flavor.ram,
    disk: flavor.disk,
    swap: flavor.swap === 0 ? '' : flavor.swap,
    'OS-FLV-EXT-DATA:ephemeral': flavor.ephemeral,
    'OS-FLV-DISABLED:disabled': false,
    vcpus: flavor.vcpus,
    'os-flavor-access:is_public': flavor.isPublic,
    rxtx_factor: 1.0,
    links: [
      { rel: 'self', href: link(`${context.urls.compute}/v2.1`) },
      { rel: 'bookmark', href: link(context.urls.compute) },
    ],
  };
}

const wholeNumber = (value: unknown, min: number): number | null => {
  const number = typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= min ? number : null;
};

function createFlavor(context: OsContext, body: unknown): LabReply {
  const flavor = (body as { flavor?: Record<string, unknown> } | undefined)?.flavor;
  if (!flavor || typeof flavor !== 'object') return badRequest("Invalid input for field/attribute flavor. Value: None. None is not of type 'object'");
  if (typeof flavor.name !== 'string' || flavor.name.trim() === '') return badRequest("Invalid input for field/attribute name. 'name' is a required property");
  const sizes: Record<string, number> = {};
  for (const [field, min] of [['ram', 1], ['vcpus', 1], ['disk', 0]] as const) {
    const value = wholeNumber(flavor[field], min);
    if (value === null) return badRequest(`Invalid input for field/attribute ${field}. Value: ${String(flavor[field])}. '${String(flavor[field])}' does not match '^[0-9]+$'`);
    sizes[field] = value;
  }
  const name = flavor.name.trim();
  if ([...context.cloud.flavors.values()].some((existing) => existing.name === name)) return novaError(409, 'conflictingRequest', `Flavor with name ${name} already exists.`);
  const id = typeof flavor.id === 'string' && flavor.id !== '' ? flavor.id : randomUUID();
  if (context.cloud.flavors.has(id)) return novaError(409, 'conflictingRequest', `Flavor with ID ${id} already exists.`);
  const made: Flavor = { id, name, ram: sizes.ram!, vcpus: sizes.vcpus!, disk: sizes.disk!, ephemeral: wholeNumber(flavor['OS-FLV-EXT-DATA:ephemeral'], 0) ?? 0, swap: wholeNumber(flavor.swap, 0) ?? 0, isPublic: flavor['os-flavor-access:is_public'] !== false };
  context.cloud.flavors.set(id, made);
  return json(200, { flavor: flavorView(context, made) });
}

function zones(context: OsContext, detail: boolean) {
  const updated = new Date().toISOString().replace('Z', '').replace(/\.\d+$/, '.000000');
  const compute = context.cloud.zones.map(({ zone, host }) => ({
    zoneName: zone,
    zoneState: { available: true },
    hosts: detail ? { [host]: { 'nova-compute': { available: true, active: true, updated_at: updated } } } : null,
  }));
  if (!detail) return compute;
  const service = { available: true, active: true, updated_at: updated };
  return [...compute, { zoneName: 'internal', zoneState: { available: true }, hosts: { 'oslab-control': { 'nova-scheduler': service, 'nova-conductor': service } } }];
}

function quotaSet(context: OsContext, projectId: string) {
  const { instances, cores, ram } = context.cloud.quota;
  return { id: projectId, cores, instances, ram, key_pairs: 100, metadata_items: 128, server_groups: 10, server_group_members: 10, injected_files: 5, injected_file_content_bytes: 10240, injected_file_path_bytes: 255 };
}

function hypervisors(context: OsContext) {
  return context.cloud.zones.map(({ host }, i) => {
    const here = [...context.cloud.servers.values()].filter((server) => server.state.kind === 'ACTIVE' && server.state.host === host);
    const used = (field: 'vcpus' | 'ram' | 'disk') => here.reduce((sum, server) => sum + server.flavor[field], 0);
    // The fake driver reserves 512 MB of host memory, as nova's default reserved_host_memory_mb does.
    const memoryUsed = 512 + used('ram');
    return {
      id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      hypervisor_hostname: host,
      state: 'up',
      status: 'enabled',
      hypervisor_type: 'fake',
      hypervisor_version: 1000,
      host_ip: '127.0.0.1',
      service: { id: `00000000-0000-4000-9000-${String(i + 1).padStart(12, '0')}`, host, disabled_reason: null },
      vcpus: fakeHypervisor.vcpus,
      memory_mb: fakeHypervisor.memoryMb,
      local_gb: fakeHypervisor.localGb,
      vcpus_used: used('vcpus'),
      memory_mb_used: memoryUsed,
      local_gb_used: used('disk'),
      free_ram_mb: fakeHypervisor.memoryMb - memoryUsed,
      free_disk_gb: fakeHypervisor.localGb - used('disk'),
      current_workload: 0,
      running_vms: here.length,
      disk_available_least: 0,
      // What the fake driver reports (nova/virt/fake.py get_available_resource).
      cpu_info: { arch: 'x86_64', model: 'Nehalem', vendor: 'Intel', features: ['pge', 'clflush'], topology: { cores: 1, threads: 1, sockets: 4 } },
    };
  });
}

export function novaRoutes(context: OsContext): { routes: Route[]; before(request: LabRequest): Promise<LabReply | null>; loseAnswer(request: LabRequest): boolean } {
  const versions = new WeakMap<LabRequest, Microversion>();
  const api = (method: string, path: string, handle: NovaHandler): Route => {
    const wrapped: Handler = async (request, params) => {
      const version = versions.get(request)!;
      const reply = await handle(request, params, version);
      return { ...reply, headers: { ...versionHeaders(version), ...reply.headers } };
    };
    return route(method, `/v2\\.1${path}`, wrapped);
  };
  const versionDoc = (base: string) => ({
    id: 'v2.1',
    status: 'CURRENT',
    version: novaVersions.max,
    min_version: novaVersions.min,
    updated: '2013-07-23T11:33:21Z',
    links: [{ rel: 'self', href: `${base}/v2.1/` }],
  });
  const flavorOf = (id: string) => context.cloud.flavors.get(id);
  return {
    loseAnswer: (request) => context.faults.takeAnswerLost('compute', request.method, request.path),
    async before(request) {
      if (request.path === '/') return null;
      const version = negotiate(request);
      if (!('major' in version)) return version;
      versions.set(request, version);
      const refused = await checkToken(context, 'compute', request, unauthorizedJson);
      return refused;
    },
    routes: [
      route('GET', '/', () =>
        json(200, { versions: [{ id: 'v2.0', status: 'SUPPORTED', version: '', min_version: '', updated: '2011-01-21T11:33:21Z', links: [{ rel: 'self', href: `${context.urls.compute}/v2/` }] }, versionDoc(context.urls.compute)] }),
      ),
      api('GET', '', () => {
        const doc = versionDoc(context.urls.compute);
        return json(200, { version: { ...doc, links: [...doc.links, { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' }], 'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }] } });
      }),
      api('GET', '/flavors', () => json(200, { flavors: [...context.cloud.flavors.values()].map((flavor) => ({ id: flavor.id, links: flavorView(context, flavor).links, name: flavor.name })) })),
      api('GET', '/flavors/detail', () => json(200, { flavors: [...context.cloud.flavors.values()].map((flavor) => flavorView(context, flavor)) })),
      api('GET', '/flavors/{id}', (_, [id]) => {
        const flavor = flavorOf(id!);
        return flavor ? json(200, { flavor: flavorView(context, flavor) }) : notFound(`Flavor ${id} could not be found.`);
      }),
      api('POST', '/flavors', async (request) => createFlavor(context, await request.json())),
      api('DELETE', '/flavors/{id}', (_, [id]) => (context.cloud.flavors.delete(id!) ? { status: 202 } : notFound(`Flavor ${id} could not be found.`))),
      api('GET', '/os-availability-zone', () => json(200, { availabilityZoneInfo: zones(context, false) })),
      api('GET', '/os-availability-zone/detail', () => json(200, { availabilityZoneInfo: zones(context, true) })),
      api('GET', '/os-quota-sets/{project}', (_, [project]) => json(200, { quota_set: quotaSet(context, project!) })),
      api('PUT', '/os-quota-sets/{project}', async (request, [project]) => {
        const body = (await request.json()) as { quota_set?: Record<string, unknown> } | undefined;
        for (const field of ['instances', 'cores', 'ram'] as const) {
          const value = body?.quota_set?.[field];
          if (value === undefined) continue;
          if (typeof value !== 'number' || !Number.isInteger(value) || value < -1) return badRequest(`Invalid input for field/attribute ${field}. Value: ${String(value)}.`);
          context.cloud.quota[field] = value;
        }
        const { id: _id, ...set } = quotaSet(context, project!);
        return json(200, { quota_set: set });
      }),
      api('GET', '/limits', () => {
        const { instances, cores, ram } = context.cloud.quota;
        const used = context.cloud.usage();
        return json(200, {
          limits: {
            rate: [],
            absolute: { maxTotalInstances: instances, maxTotalCores: cores, maxTotalRAMSize: ram, maxServerMeta: 128, maxImageMeta: 128, maxPersonality: 5, maxPersonalitySize: 10240, maxTotalKeypairs: 100, maxServerGroups: 10, maxServerGroupMembers: 10, maxTotalFloatingIps: -1, maxSecurityGroups: -1, maxSecurityGroupRules: -1, totalRAMUsed: used.ram, totalCoresUsed: used.cores, totalInstancesUsed: used.instances, totalFloatingIpsUsed: 0, totalSecurityGroupsUsed: 0, totalServerGroupsUsed: 0 },
          },
        });
      }),
      api('GET', '/os-hypervisors/statistics', (_, __, version) => {
        // Removed in 2.88 (nova/api/openstack/compute/hypervisors.py).
        if (atLeast(version, '2.88')) return notFound('The resource could not be found.');
        const all = hypervisors(context);
        const sum = (field: 'vcpus' | 'memory_mb' | 'local_gb' | 'vcpus_used' | 'memory_mb_used' | 'local_gb_used' | 'free_ram_mb' | 'free_disk_gb' | 'running_vms') => all.reduce((total, entry) => total + entry[field], 0);
        return json(200, { hypervisor_statistics: { count: all.length, vcpus: sum('vcpus'), memory_mb: sum('memory_mb'), local_gb: sum('local_gb'), vcpus_used: sum('vcpus_used'), memory_mb_used: sum('memory_mb_used'), local_gb_used: sum('local_gb_used'), free_ram_mb: sum('free_ram_mb'), free_disk_gb: sum('free_disk_gb'), current_workload: 0, running_vms: sum('running_vms'), disk_available_least: 0 } });
      }),
      api('GET', '/os-hypervisors/detail', (_, __, version) => {
        const all = hypervisors(context);
        // 2.88 dropped the usage fields; before 2.53 ids were integers.
        return json(200, { hypervisors: atLeast(version, '2.88') ? all.map(({ id, hypervisor_hostname, state, status, hypervisor_type, hypervisor_version, host_ip, service }) => ({ id, hypervisor_hostname, state, status, hypervisor_type, hypervisor_version, host_ip, service })) : atLeast(version, '2.53') ? all : all.map((entry, i) => ({ ...entry, id: i + 1, service: { ...entry.service, id: i + 1 } })) });
      }),
      ...keypairRoutes(context, api),
      ...serverRoutes(context, api, flavorOf),
    ],
  };
}
