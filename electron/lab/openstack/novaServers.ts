import { randomBytes, randomUUID } from 'node:crypto';
import { isoSeconds, type Flavor, type Server } from './cloud';
import type { OsContext } from './context';
import { json, type LabReply, type Route } from './http';
import { inCidr, isAllocated, makePort } from './ipam';
import { atLeast, badRequest, notFound, novaError, type Microversion } from './microversion';
import type { NovaHandler } from './nova';

/* Servers (nova/api/openstack/compute/servers.py and views/servers.py): create, show, list, delete; BUILD -> ACTIVE | ERROR in context.cloud.ts. */

type Api = (method: string, path: string, handle: NovaHandler) => Route;
type NetworkRequest = { uuid?: string; port?: string; fixed_ip?: string };

function addresses(context: OsContext, server: Server) {
  const result: Record<string, { version: number; addr: string; 'OS-EXT-IPS:type': string; 'OS-EXT-IPS-MAC:mac_addr': string }[]> = {};
  if (server.state.kind !== 'ACTIVE') return result;
  for (const id of server.portIds) {
    const port = context.cloud.ports.get(id);
    const network = port && context.cloud.networks.get(port.networkId);
    if (!port || !network) continue;
    result[network.name] = [...(result[network.name] ?? []), ...port.fixedIps.map((fixed) => ({ version: 4, addr: fixed.ip_address, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': port.mac }))];
  }
  return result;
}

export function serverView(context: OsContext, server: Server, version: Microversion) {
  const links = [
    { rel: 'self', href: `${context.urls.compute}/v2.1/servers/${server.id}` },
    { rel: 'bookmark', href: `${context.urls.compute}/servers/${server.id}` },
  ];
  const state = server.state;
  const host = state.kind === 'ACTIVE' ? state.host : null;
  const flavor = atLeast(version, '2.47')
    ? { vcpus: server.flavor.vcpus, ram: server.flavor.ram, disk: server.flavor.disk, ephemeral: server.flavor.ephemeral, swap: server.flavor.swap, original_name: server.flavor.name, extra_specs: {} }
    : { id: server.flavor.id, links: [{ rel: 'bookmark', href: `${context.urls.compute}/flavors/${server.flavor.id}` }] };
  const view: Record<string, unknown> = {
    id: server.id,
    name: server.name,
    status: state.kind,
    tenant_id: context.identity.projectId,
    user_id: context.identity.userId,
    metadata: server.metadata,
    hostId: host ? randomHostId(host, context.identity.projectId) : '',
    image: { id: server.imageId, links: [{ rel: 'bookmark', href: `${context.urls.compute}/images/${server.imageId}` }] },
    flavor,
    created: server.created,
    updated: server.updated,
    addresses: addresses(context, server),
    accessIPv4: '',
    accessIPv6: '',
    links,
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': host ? (context.cloud.zoneOfHost(host) ?? 'nova') : (server.zone ?? ''),
    config_drive: '',
    key_name: server.keyName,
    'OS-SRV-USG:launched_at': state.kind === 'ACTIVE' ? state.launchedAt : null,
    'OS-SRV-USG:terminated_at': null,
    'OS-EXT-SRV-ATTR:host': host,
    'OS-EXT-SRV-ATTR:instance_name': state.kind === 'BUILD' ? '' : server.reservationId.replace('r-', 'instance-'),
    'OS-EXT-SRV-ATTR:hypervisor_hostname': host,
    'OS-EXT-STS:task_state': state.kind === 'BUILD' ? 'scheduling' : null,
    'OS-EXT-STS:vm_state': state.kind === 'BUILD' ? 'building' : state.kind === 'ACTIVE' ? 'active' : 'error',
    'OS-EXT-STS:power_state': state.kind === 'ACTIVE' ? 1 : 0,
    'os-extended-volumes:volumes_attached': [],
  };
  // Nova shows progress only while a server builds or runs (views/servers.py _progress_states).
  if (state.kind !== 'ERROR') view.progress = 0;
  if (atLeast(version, '2.3')) {
    Object.assign(view, {
      'OS-EXT-SRV-ATTR:hostname': server.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-'),
      'OS-EXT-SRV-ATTR:kernel_id': '',
      'OS-EXT-SRV-ATTR:launch_index': 0,
      'OS-EXT-SRV-ATTR:ramdisk_id': '',
      'OS-EXT-SRV-ATTR:reservation_id': server.reservationId,
      'OS-EXT-SRV-ATTR:root_device_name': state.kind === 'ACTIVE' ? '/dev/sda' : null,
      'OS-EXT-SRV-ATTR:user_data': server.userData,
    });
  }
  if (atLeast(version, '2.16')) view.host_status = host ? 'UP' : '';
  if (atLeast(version, '2.63')) view.trusted_image_certificates = null;
  if (state.kind === 'ERROR') view.fault = { code: state.fault.code, created: state.fault.created, message: state.fault.message };
  if (server.portIds.length > 0 || state.kind !== 'ERROR') view.security_groups = [{ name: 'default' }];
  if (atLeast(version, '2.9')) view.locked = false;
  if (atLeast(version, '2.19')) view.description = null;
  if (atLeast(version, '2.26')) view.tags = [];
  return view;
}

// Nova's hostId: sha224 of project id + host, so it differs per project; any stable hex of that length serves.
const randomHostId = (host: string, project: string): string => Buffer.from(`${project}${host}`).toString('hex').padEnd(56, '0').slice(0, 56);

function checkQuota(context: OsContext, flavor: Flavor): LabReply | null {
  const used = context.cloud.usage();
  const limits = context.cloud.quota;
  const asks = { instances: 1, cores: flavor.vcpus, ram: flavor.ram };
  for (const field of ['instances', 'cores', 'ram'] as const) {
    if (limits[field] >= 0 && used[field] + asks[field] > limits[field]) {
      return novaError(403, 'forbidden', `Quota exceeded for ${field}: Requested ${asks[field]}, but already used ${used[field]} of ${limits[field]} ${field}`);
    }
  }
  return null;
}

/** Ports for the requested networks, made or checked; a reply when Nova would refuse the request. */
function portsFor(context: OsContext, networks: unknown, version: Microversion): { id: string; own: boolean }[] | LabReply {
  if (networks === undefined) return atLeast(version, '2.37') ? badRequest("Invalid input for field/attribute server. 'networks' is a required property") : [];
  if (networks === 'none' || networks === 'auto') return atLeast(version, '2.37') ? [] : badRequest(`Invalid input for field/attribute networks. Value: ${networks}. '${networks}' is not of type 'array'`);
  if (!Array.isArray(networks)) return badRequest(`Invalid input for field/attribute networks. Value: ${String(networks)}.`);
  for (const entry of networks as NetworkRequest[]) {
    if (entry.port !== undefined) {
      const port = context.cloud.ports.get(entry.port);
      if (!port) return badRequest(`Port id ${entry.port} could not be found.`);
      if (port.deviceId !== '') return novaError(409, 'conflictingRequest', `Port ${entry.port} is still in use.`);
    } else if (!entry.uuid || !context.cloud.networks.has(entry.uuid)) {
      return badRequest(`Network ${entry.uuid ?? ''} could not be found.`);
    } else if (entry.fixed_ip !== undefined) {
      const subnet = context.cloud.networks.get(entry.uuid)!.subnets.map((id) => context.cloud.subnets.get(id)!).find((candidate) => inCidr(entry.fixed_ip!, candidate.cidr));
      if (!subnet) return badRequest(`Invalid input for field/attribute fixed_ip. Value: ${entry.fixed_ip}.`);
      if (isAllocated(context.cloud, subnet, entry.fixed_ip)) return novaError(409, 'conflictingRequest', `Fixed IP address ${entry.fixed_ip} is already in use on instance.`);
    }
  }
  return (networks as NetworkRequest[]).map((entry) => {
    if (entry.port !== undefined) return { id: entry.port, own: false };
    const subnet = entry.fixed_ip === undefined ? undefined : context.cloud.networks.get(entry.uuid!)!.subnets.find((id) => inCidr(entry.fixed_ip!, context.cloud.subnets.get(id)!.cidr));
    return { id: makePort(context.cloud, { networkId: entry.uuid!, fixedIps: subnet ? [{ subnet_id: subnet, ip_address: entry.fixed_ip! }] : undefined }).id, own: true };
  });
}

function build(context: OsContext, server: Server): void {
  server.timer = setTimeout(() => {
    const now = isoSeconds();
    server.updated = now;
    const failure = context.faults.takeServerError(server.name);
    const host = failure ? null : context.cloud.pickHost(server.zone, server.flavor);
    if (!host) {
      server.state = { kind: 'ERROR', fault: { code: 500, created: now, message: failure ?? 'No valid host was found. ' } };
      return;
    }
    server.state = { kind: 'ACTIVE', host, launchedAt: new Date().toISOString().replace('Z', '').replace(/\.(\d{3})$/, '.$1000') };
    for (const id of server.portIds) {
      const port = context.cloud.ports.get(id);
      if (port) Object.assign(port, { deviceId: server.id, deviceOwner: `compute:${context.cloud.zoneOfHost(host) ?? 'nova'}`, status: 'ACTIVE', updated: now });
    }
  }, context.buildMs);
}

export function serverRoutes(context: OsContext, api: Api, flavorOf: (id: string) => Flavor | undefined): Route[] {
  const find = (id: string) => context.cloud.servers.get(id);
  const missing = (id: string) => notFound(`Instance ${id} could not be found.`);
  return [
    api('POST', '/servers', async (request, _, version) => {
      const body = (await request.json()) as { server?: Record<string, unknown> } | undefined;
      const fields = body?.server;
      if (!fields || typeof fields !== 'object') return badRequest("Invalid input for field/attribute server. 'server' is a required property");
      for (const required of ['name', 'flavorRef']) {
        if (fields[required] === undefined) return badRequest(`Invalid input for field/attribute server. Value: ${JSON.stringify(fields)}. '${required}' is a required property`);
      }
      const flavor = flavorOf(String(fields.flavorRef));
      if (!flavor) return badRequest(`Flavor ${String(fields.flavorRef)} could not be found.`);
      const imageId = String(fields.imageRef ?? '');
      if (!context.cloud.images.has(imageId) || context.cloud.images.get(imageId)!.status !== 'active') return badRequest('Can not find requested image');
      const zone = typeof fields.availability_zone === 'string' && fields.availability_zone !== '' ? fields.availability_zone : null;
      if (zone !== null && !context.cloud.zones.some((entry) => entry.zone === zone)) return badRequest('The requested availability zone is not available');
      const overQuota = checkQuota(context, flavor);
      if (overQuota) return overQuota;
      const ports = portsFor(context, fields.networks, version);
      if (!Array.isArray(ports)) return ports;
      const now = isoSeconds();
      const server: Server = {
        id: randomUUID(),
        name: String(fields.name),
        flavor,
        imageId,
        zone,
        keyName: typeof fields.key_name === 'string' ? fields.key_name : null,
        userData: typeof fields.user_data === 'string' ? fields.user_data : null,
        portIds: ports.map((port) => port.id),
        ownPortIds: ports.filter((port) => port.own).map((port) => port.id),
        metadata: (fields.metadata as Record<string, string> | undefined) ?? {},
        created: now,
        updated: now,
        state: { kind: 'BUILD' },
        reservationId: `r-${randomBytes(4).toString('hex')}`,
      };
      context.cloud.servers.set(server.id, server);
      build(context, server);
      const links = serverView(context, server, version).links;
      return json(202, { server: { id: server.id, links, 'OS-DCF:diskConfig': 'MANUAL', security_groups: [{ name: 'default' }], adminPass: randomBytes(9).toString('base64url').slice(0, 12) } }, { location: `${context.urls.compute}/v2.1/servers/${server.id}` });
    }),
    api('GET', '/servers', (request) => {
      const name = request.query.get('name');
      const listed = [...context.cloud.servers.values()].filter((server) => name === null || new RegExp(name).test(server.name));
      return json(200, { servers: listed.map((server) => ({ id: server.id, links: serverView(context, server, { major: 2, minor: 1 }).links, name: server.name })) });
    }),
    api('GET', '/servers/detail', (request, _, version) => {
      const name = request.query.get('name');
      return json(200, { servers: [...context.cloud.servers.values()].filter((server) => name === null || new RegExp(name).test(server.name)).map((server) => serverView(context, server, version)) });
    }),
    api('GET', '/servers/{id}', (_, [id], version) => {
      const server = find(id!);
      return server ? json(200, { server: serverView(context, server, version) }) : missing(id!);
    }),
    api('DELETE', '/servers/{id}', (_, [id]) => {
      const server = find(id!);
      if (!server) return missing(id!);
      clearTimeout(server.timer);
      context.cloud.servers.delete(server.id);
      for (const portId of server.portIds) {
        const port = context.cloud.ports.get(portId);
        // Ports Nova made for the server go with it; ports the user made are only unbound.
        if (server.ownPortIds.includes(portId)) context.cloud.ports.delete(portId);
        else if (port) Object.assign(port, { deviceId: '', deviceOwner: '', status: 'DOWN' });
      }
      return { status: 204 };
    }),
  ];
}
