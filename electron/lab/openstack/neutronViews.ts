import type { Network, Port, Router, SecurityGroup, Subnet } from './cloud';
import type { OsContext } from './context';
import { json, type LabReply } from './http';

/* Neutron's resource bodies, field for field as neutron 21 (Zed) with ML2 + port_security answers. */

export const neutronError = (status: number, type: string, message: string): LabReply => json(status, { NeutronError: { type, message, detail: '' } });

const owner = (context: OsContext) => ({ tenant_id: context.identity.projectId, project_id: context.identity.projectId });

/** `is_default` (auto-allocated topology) is in a create's answer only, as neutron 21 sends it. */
export const networkView = (context: OsContext, network: Network, created = false) => ({
  id: network.id,
  name: network.name,
  ...owner(context),
  admin_state_up: network.adminStateUp,
  mtu: network.mtu,
  status: 'ACTIVE',
  subnets: network.subnets,
  shared: network.shared,
  availability_zone_hints: [],
  availability_zones: [],
  ipv4_address_scope: null,
  ipv6_address_scope: null,
  'router:external': network.external,
  description: '',
  port_security_enabled: true,
  tags: [],
  created_at: network.created,
  updated_at: network.updated,
  revision_number: network.revision,
  ...(created ? { is_default: false } : {}),
  'provider:network_type': 'vxlan',
  'provider:physical_network': null,
  'provider:segmentation_id': network.segmentationId,
});

export const subnetView = (context: OsContext, subnet: Subnet) => ({
  id: subnet.id,
  name: subnet.name,
  ...owner(context),
  network_id: subnet.networkId,
  ip_version: subnet.ipVersion,
  subnetpool_id: null,
  enable_dhcp: subnet.enableDhcp,
  ipv6_ra_mode: null,
  ipv6_address_mode: null,
  gateway_ip: subnet.gatewayIp,
  cidr: subnet.cidr,
  allocation_pools: subnet.allocationPools,
  host_routes: [],
  dns_nameservers: subnet.dnsNameservers,
  description: '',
  service_types: [],
  tags: [],
  created_at: subnet.created,
  updated_at: subnet.updated,
  revision_number: 0,
});

export const portView = (context: OsContext, port: Port) => ({
  id: port.id,
  name: port.name,
  network_id: port.networkId,
  ...owner(context),
  mac_address: port.mac,
  admin_state_up: true,
  status: port.status,
  device_id: port.deviceId,
  device_owner: port.deviceOwner,
  fixed_ips: port.fixedIps,
  port_security_enabled: true,
  security_groups: port.deviceOwner === 'network:router_interface' ? [] : port.securityGroups,
  'binding:vnic_type': 'normal',
  'binding:profile': {},
  'binding:host_id': '',
  'binding:vif_type': port.status === 'ACTIVE' ? 'other' : 'unbound',
  'binding:vif_details': {},
  allowed_address_pairs: [],
  extra_dhcp_opts: [],
  description: '',
  tags: [],
  created_at: port.created,
  updated_at: port.updated,
  revision_number: 1,
});

export const routerView = (context: OsContext, router: Router) => ({
  id: router.id,
  name: router.name,
  ...owner(context),
  admin_state_up: true,
  status: 'ACTIVE',
  external_gateway_info: null,
  description: '',
  availability_zones: [],
  distributed: false,
  ha: false,
  availability_zone_hints: [],
  routes: [],
  flavor_id: null,
  tags: [],
  created_at: router.created,
  updated_at: router.updated,
  revision_number: router.revision,
});

export const securityGroupView = (context: OsContext, group: SecurityGroup) => ({
  id: group.id,
  name: group.name,
  stateful: true,
  ...owner(context),
  description: group.description,
  shared: false,
  security_group_rules: group.rules.map((rule) => ({
    id: rule.id,
    ...owner(context),
    security_group_id: group.id,
    ethertype: rule.ethertype,
    direction: 'egress',
    protocol: null,
    port_range_min: null,
    port_range_max: null,
    remote_ip_prefix: null,
    remote_address_group_id: null,
    normalized_cidr: null,
    remote_group_id: null,
    standard_attr_id: rule.standardAttrId,
    description: null,
    tags: [],
    created_at: group.created,
    updated_at: group.created,
    revision_number: 0,
  })),
  tags: [],
  created_at: group.created,
  updated_at: group.updated,
  revision_number: 1,
});

/** Neutron's list filters: every query parameter that names a field must match it. */
export function filtered<T extends Record<string, unknown>>(items: T[], query: URLSearchParams): T[] {
  const filters = [...query.entries()].filter(([key]) => !['fields', 'limit', 'marker', 'sort_key', 'sort_dir'].includes(key));
  return items.filter((item) => filters.every(([key, value]) => key in item && String(item[key]) === value));
}
