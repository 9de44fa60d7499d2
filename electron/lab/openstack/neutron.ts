import { randomUUID } from 'node:crypto';
import { isoSeconds, type Network, type Router, type SecurityGroup, type Subnet } from './cloud';
import { checkToken, unauthorizedJson, type OsContext } from './context';
import { json, route, type LabReply, type LabRequest, type Route } from './http';
import { inCidr, isAllocated, makePort, nextFreeIp, numberToIp, parseCidr } from './ipam';
import { securityGroupRuleRoutes } from './neutronRules';
import { filtered, networkView, neutronError, portView, routerView, securityGroupView, subnetView } from './neutronViews';

/* Neutron v2.0 (neutron/api/v2/base.py, neutron-lib api definitions): networks, subnets, routers and their interfaces, ports, security groups. */

const allowed: Record<string, string[]> = {
  network: ['name', 'admin_state_up', 'shared', 'description', 'mtu', 'port_security_enabled', 'router:external', 'tenant_id', 'project_id', 'availability_zone_hints', 'provider:network_type', 'provider:physical_network', 'provider:segmentation_id', 'dns_domain', 'qos_policy_id', 'tags'],
  subnet: ['name', 'network_id', 'ip_version', 'cidr', 'gateway_ip', 'enable_dhcp', 'dns_nameservers', 'allocation_pools', 'host_routes', 'description', 'tenant_id', 'project_id', 'subnetpool_id', 'prefixlen', 'ipv6_ra_mode', 'ipv6_address_mode', 'service_types', 'segment_id', 'tags'],
  router: ['name', 'admin_state_up', 'description', 'external_gateway_info', 'tenant_id', 'project_id', 'distributed', 'ha', 'availability_zone_hints', 'tags'],
  port: ['name', 'network_id', 'fixed_ips', 'mac_address', 'admin_state_up', 'device_id', 'device_owner', 'security_groups', 'port_security_enabled', 'description', 'tenant_id', 'project_id', 'allowed_address_pairs', 'binding:host_id', 'binding:vnic_type', 'binding:profile', 'tags'],
  security_group: ['name', 'description', 'tenant_id', 'project_id', 'stateful', 'tags'],
};

/** The resource object of a create body, or the refusal Neutron sends. */
async function resource(request: LabRequest, kind: string): Promise<{ ok: true; fields: Record<string, unknown> } | { ok: false; reply: LabReply }> {
  const body = (await request.json()) as Record<string, unknown> | undefined;
  const fields = body?.[kind];
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return { ok: false, reply: neutronError(400, 'HTTPBadRequest', 'Resource body required') };
  const unknown = Object.keys(fields).filter((key) => !allowed[kind]!.includes(key));
  if (unknown.length > 0) return { ok: false, reply: neutronError(400, 'HTTPBadRequest', `Unrecognized attribute(s) '${unknown.join(', ')}'`) };
  return { ok: true, fields: fields as Record<string, unknown> };
}

export function neutronRoutes(context: OsContext): { routes: Route[]; before(request: LabRequest): Promise<LabReply | null>; loseAnswer(request: LabRequest): boolean } {
  const now = () => isoSeconds();
  const gone = (type: string, label: string, id: string) => neutronError(404, `${type}NotFound`, `${label} ${id} could not be found.`);
  const base = '/v2\\.0';
  // The store is looked up per request: reset() gives the lab a new cloud on the same address.
  const crud = <T extends { id: string }>(plural: string, singular: string, store: () => Map<string, T>, view: (context: OsContext, item: T) => Record<string, unknown>, notFound: (id: string) => LabReply): Route[] => [
    route('GET', `${base}/${plural}`, (request) => json(200, { [singular.includes('_') ? `${singular}s` : plural]: filtered([...store().values()].map((item) => view(context, item)), request.query) })),
    route('GET', `${base}/${plural}/{id}`, (_, [id]) => {
      const item = store().get(id!);
      return item ? json(200, { [singular]: view(context, item) }) : notFound(id!);
    }),
  ];
  const networkGone = (id: string) => gone('Network', 'Network', id);
  const subnetGone = (id: string) => gone('Subnet', 'Subnet', id);
  const portGone = (id: string) => gone('Port', 'Port', id);
  const routerGone = (id: string) => gone('Router', 'Router', id);
  const groupGone = (id: string) => gone('SecurityGroup', 'Security group', id);

  return {
    loseAnswer: (request) => context.faults.takeAnswerLost('network', request.method, request.path),
    async before(request) {
      if (request.path === '/') return null;
      return checkToken(context, 'network', request, unauthorizedJson);
    },
    routes: [
      route('GET', '/', () => json(200, { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ href: `${context.urls.network}/v2.0/`, rel: 'self' }] }] })),
      ...crud('networks', 'network', () => context.cloud.networks, networkView, networkGone),
      route('POST', `${base}/networks`, async (request) => {
        const parsed = await resource(request, 'network');
        if (!parsed.ok) return parsed.reply;
        const fields = parsed.fields;
        const stamp = now();
        const network: Network = { id: randomUUID(), name: String(fields.name ?? ''), segmentationId: context.cloud.segmentId(), created: stamp, updated: stamp, revision: 1, subnets: [], adminStateUp: fields.admin_state_up !== false, shared: fields.shared === true, external: fields['router:external'] === true, mtu: 1450 };
        context.cloud.networks.set(network.id, network);
        return json(201, { network: networkView(context, network, true) });
      }),
      route('DELETE', `${base}/networks/{id}`, (_, [id]) => {
        const network = context.cloud.networks.get(id!);
        if (!network) return networkGone(id!);
        const inUse = [...context.cloud.ports.values()].some((port) => port.networkId === id && port.deviceOwner !== '' && !port.deviceOwner.startsWith('network:dhcp'));
        if (inUse) return neutronError(409, 'NetworkInUse', `Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`);
        for (const [portId, port] of context.cloud.ports) if (port.networkId === id) context.cloud.ports.delete(portId);
        for (const subnetId of network.subnets) context.cloud.subnets.delete(subnetId);
        context.cloud.networks.delete(id!);
        return { status: 204 };
      }),
      ...crud('subnets', 'subnet', () => context.cloud.subnets, subnetView, subnetGone),
      route('POST', `${base}/subnets`, async (request) => {
        const parsed = await resource(request, 'subnet');
        if (!parsed.ok) return parsed.reply;
        const fields = parsed.fields;
        const network = context.cloud.networks.get(String(fields.network_id ?? ''));
        if (!network) return networkGone(String(fields.network_id ?? ''));
        if (fields.ip_version !== 4 && fields.ip_version !== 6) return neutronError(400, 'HTTPBadRequest', `Invalid input for ip_version. Reason: '${String(fields.ip_version)}' is not in [4, 6].`);
        const cidr = String(fields.cidr ?? '');
        const range = parseCidr(cidr);
        if (!range) return neutronError(400, 'InvalidInput', `Invalid input for operation: ${cidr} is not in a CIDR format.`);
        const gateway = fields.gateway_ip === null ? null : typeof fields.gateway_ip === 'string' ? fields.gateway_ip : numberToIp(range.base + 1);
        if (gateway !== null && !inCidr(gateway, cidr)) return neutronError(400, 'InvalidInput', `Invalid input for operation: Gateway IP ${gateway} conflicts with allocation pool.`);
        const overlaps = network.subnets.some((id) => {
          const other = parseCidr(context.cloud.subnets.get(id)!.cidr)!;
          return range.base < other.base + other.size && other.base < range.base + range.size;
        });
        if (overlaps) return neutronError(400, 'InvalidInput', `Invalid input for operation: Requested subnet with cidr: ${cidr} for network: ${network.id} overlaps with another subnet.`);
        const stamp = now();
        const pools = Array.isArray(fields.allocation_pools) ? (fields.allocation_pools as { start: string; end: string }[]) : [{ start: numberToIp(range.base + (gateway === numberToIp(range.base + 1) ? 2 : 1)), end: numberToIp(range.base + range.size - 2) }];
        const subnet: Subnet = { id: randomUUID(), name: String(fields.name ?? ''), networkId: network.id, cidr: `${numberToIp(range.base)}/${cidr.split('/')[1]}`, ipVersion: 4, gatewayIp: gateway, enableDhcp: fields.enable_dhcp !== false, dnsNameservers: Array.isArray(fields.dns_nameservers) ? (fields.dns_nameservers as string[]) : [], allocationPools: pools, created: stamp, updated: stamp };
        context.cloud.subnets.set(subnet.id, subnet);
        network.subnets.push(subnet.id);
        network.revision += 1;
        network.updated = stamp;
        return json(201, { subnet: subnetView(context, subnet) });
      }),
      route('DELETE', `${base}/subnets/{id}`, (_, [id]) => {
        const subnet = context.cloud.subnets.get(id!);
        if (!subnet) return subnetGone(id!);
        if ([...context.cloud.ports.values()].some((port) => port.fixedIps.some((fixed) => fixed.subnet_id === id))) return neutronError(409, 'SubnetInUse', `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`);
        context.cloud.subnets.delete(id!);
        const network = context.cloud.networks.get(subnet.networkId);
        if (network) network.subnets = network.subnets.filter((other) => other !== id);
        return { status: 204 };
      }),
      ...crud('ports', 'port', () => context.cloud.ports, portView, portGone),
      route('POST', `${base}/ports`, async (request) => {
        const parsed = await resource(request, 'port');
        if (!parsed.ok) return parsed.reply;
        const fields = parsed.fields;
        const network = context.cloud.networks.get(String(fields.network_id ?? ''));
        if (!network) return networkGone(String(fields.network_id ?? ''));
        let fixedIps: { subnet_id: string; ip_address: string }[] | undefined;
        if (Array.isArray(fields.fixed_ips)) {
          fixedIps = [];
          for (const asked of fields.fixed_ips as { subnet_id?: string; ip_address?: string }[]) {
            const subnet = asked.subnet_id ? context.cloud.subnets.get(asked.subnet_id) : network.subnets.map((id) => context.cloud.subnets.get(id)!).find((candidate) => asked.ip_address !== undefined && inCidr(asked.ip_address, candidate.cidr));
            if (!subnet || subnet.networkId !== network.id) return neutronError(400, 'InvalidInput', `Invalid input for operation: IP address ${asked.ip_address ?? ''} is not a valid IP for the specified subnet.`);
            if (asked.ip_address !== undefined && !inCidr(asked.ip_address, subnet.cidr)) return neutronError(400, 'InvalidIpForSubnet', `IP address ${asked.ip_address} is not a valid IP for the specified subnet.`);
            if (asked.ip_address !== undefined && isAllocated(context.cloud, subnet, asked.ip_address)) return neutronError(409, 'IpAddressAlreadyAllocated', `IP address ${asked.ip_address} already allocated in subnet ${subnet.id}`);
            if (asked.ip_address !== undefined) fixedIps.push({ subnet_id: subnet.id, ip_address: asked.ip_address });
            else {
              const free = nextFreeIp(context.cloud, subnet);
              if (free) fixedIps.push({ subnet_id: subnet.id, ip_address: free });
            }
          }
        }
        const port = makePort(context.cloud, { networkId: network.id, name: String(fields.name ?? ''), fixedIps, deviceId: String(fields.device_id ?? ''), deviceOwner: String(fields.device_owner ?? '') });
        if (Array.isArray(fields.security_groups)) port.securityGroups = fields.security_groups as string[];
        return json(201, { port: portView(context, port) });
      }),
      route('DELETE', `${base}/ports/{id}`, (_, [id]) => (context.cloud.ports.delete(id!) ? { status: 204 } : portGone(id!))),
      ...crud('routers', 'router', () => context.cloud.routers, routerView, routerGone),
      route('POST', `${base}/routers`, async (request) => {
        const parsed = await resource(request, 'router');
        if (!parsed.ok) return parsed.reply;
        const fields = parsed.fields;
        const stamp = now();
        // A gateway must be an external network (neutron/db/l3_db.py _validate_gw_info).
        const gatewayNetworkId = (fields.external_gateway_info as { network_id?: string } | null | undefined)?.network_id ?? null;
        if (gatewayNetworkId !== null) {
          const gateway = context.cloud.networks.get(gatewayNetworkId);
          if (!gateway) return networkGone(gatewayNetworkId);
          if (!gateway.external) return neutronError(400, 'BadRequest', `Bad router request: Network ${gatewayNetworkId} is not a valid external network.`);
        }
        const router: Router = { id: randomUUID(), name: String(fields.name ?? ''), created: stamp, updated: stamp, revision: 1, gatewayNetworkId };
        context.cloud.routers.set(router.id, router);
        return json(201, { router: routerView(context, router) });
      }),
      route('DELETE', `${base}/routers/{id}`, (_, [id]) => {
        if (!context.cloud.routers.has(id!)) return routerGone(id!);
        if ([...context.cloud.ports.values()].some((port) => port.deviceId === id && port.deviceOwner === 'network:router_interface')) return neutronError(409, 'RouterInUse', `Router ${id} still has ports`);
        context.cloud.routers.delete(id!);
        return { status: 204 };
      }),
      route('PUT', `${base}/routers/{id}/add_router_interface`, async (request, [id]) => {
        const router = context.cloud.routers.get(id!);
        if (!router) return routerGone(id!);
        const body = ((await request.json()) ?? {}) as { subnet_id?: string };
        const subnet = body.subnet_id ? context.cloud.subnets.get(body.subnet_id) : undefined;
        if (!subnet) return subnetGone(body.subnet_id ?? '');
        if (subnet.gatewayIp === null) return neutronError(400, 'BadRequest', `Bad router request: Subnet for router interface must have a gateway IP.`);
        if ([...context.cloud.ports.values()].some((port) => port.deviceId === id && port.fixedIps.some((fixed) => fixed.subnet_id === subnet.id))) return neutronError(400, 'BadRequest', `Bad router request: Router already has a port on subnet ${subnet.id}.`);
        const port = makePort(context.cloud, { networkId: subnet.networkId, fixedIps: [{ subnet_id: subnet.id, ip_address: subnet.gatewayIp }], deviceId: router.id, deviceOwner: 'network:router_interface' });
        port.status = 'ACTIVE';
        return json(200, { id: router.id, tenant_id: context.identity.projectId, port_id: port.id, network_id: subnet.networkId, subnet_id: subnet.id, subnet_ids: [subnet.id] });
      }),
      route('PUT', `${base}/routers/{id}/remove_router_interface`, async (request, [id]) => {
        const router = context.cloud.routers.get(id!);
        if (!router) return routerGone(id!);
        const body = ((await request.json()) ?? {}) as { subnet_id?: string };
        const port = [...context.cloud.ports.values()].find((candidate) => candidate.deviceId === id && candidate.fixedIps.some((fixed) => fixed.subnet_id === body.subnet_id));
        if (!port) return neutronError(404, 'RouterInterfaceNotFoundForSubnet', `Router ${id} has no interface on subnet ${body.subnet_id ?? ''}`);
        context.cloud.ports.delete(port.id);
        return json(200, { id: router.id, tenant_id: context.identity.projectId, port_id: port.id, network_id: port.networkId, subnet_id: body.subnet_id, subnet_ids: [body.subnet_id] });
      }),
      ...crud('security-groups', 'security_group', () => context.cloud.securityGroups, securityGroupView, groupGone),
      ...securityGroupRuleRoutes(context, base),
      route('POST', `${base}/security-groups`, async (request) => {
        const parsed = await resource(request, 'security_group');
        if (!parsed.ok) return parsed.reply;
        const fields = parsed.fields;
        const group = newSecurityGroup(String(fields.name ?? ''), String(fields.description ?? ''));
        context.cloud.securityGroups.set(group.id, group);
        return json(201, { security_group: securityGroupView(context, group) });
      }),
      route('DELETE', `${base}/security-groups/{id}`, (_, [id]) => {
        if (!context.cloud.securityGroups.has(id!)) return groupGone(id!);
        if ([...context.cloud.ports.values()].some((port) => port.securityGroups.includes(id!))) return neutronError(409, 'SecurityGroupInUse', `Security Group ${id} in use.`);
        context.cloud.securityGroups.delete(id!);
        return { status: 204 };
      }),
    ],
  };
}

let nextAttr = 1;
/** A security group with Neutron's two default egress rules (IPv4 and IPv6). */
export function newSecurityGroup(name: string, description: string): SecurityGroup {
  const stamp = isoSeconds();
  return { id: randomUUID(), name, description, created: stamp, updated: stamp, rules: [{ id: randomUUID(), ethertype: 'IPv4', standardAttrId: nextAttr++ }, { id: randomUUID(), ethertype: 'IPv6', standardAttrId: nextAttr++ }] };
}

export const neutronNotFound = () => neutronError(404, 'HTTPNotFound', 'The resource could not be found.');
export const neutronBadJson = () => neutronError(400, 'HTTPBadRequest', 'Malformed request body');
