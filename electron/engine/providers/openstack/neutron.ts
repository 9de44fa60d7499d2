import { fail } from '../../../../shared/errors';
import { text, type EngineTextKey } from '../../../../shared/i18n/engineText';
import type { OpenStackSession } from './session';

/* Neutron (network v2.0) calls: one resource kind at a time, found by name, created, deleted (404 = already gone). */

export type NeutronKind = 'networks' | 'subnets' | 'routers' | 'ports' | 'security-groups' | 'security-group-rules';

const singular: Record<NeutronKind, string> = {
  networks: 'network',
  subnets: 'subnet',
  routers: 'router',
  ports: 'port',
  'security-groups': 'security_group',
  'security-group-rules': 'security_group_rule',
};
const plural: Record<NeutronKind, string> = {
  networks: 'networks',
  subnets: 'subnets',
  routers: 'routers',
  ports: 'ports',
  'security-groups': 'security_groups',
  'security-group-rules': 'security_group_rules',
};

/** Each kind's name in a reader's language, for messages. */
const kindWords: Record<NeutronKind, EngineTextKey> = {
  networks: 'openstack.kind.networks',
  subnets: 'openstack.kind.subnets',
  routers: 'openstack.kind.routers',
  ports: 'openstack.kind.ports',
  'security-groups': 'openstack.kind.securityGroups',
  'security-group-rules': 'openstack.kind.securityGroupRules',
};

export interface NeutronResource {
  id: string;
  name?: string;
  [field: string]: unknown;
}

export async function listNeutron(session: OpenStackSession, kind: NeutronKind, filters: Record<string, string>, signal: AbortSignal): Promise<NeutronResource[]> {
  const body = await session.call<Record<string, NeutronResource[]>>('network', 'GET', `/v2.0/${kind}`, signal, { params: filters });
  return body[plural[kind]] ?? [];
}

export async function createNeutron(session: OpenStackSession, kind: NeutronKind, fields: Record<string, unknown>, signal: AbortSignal): Promise<NeutronResource> {
  const body = await session.call<Record<string, NeutronResource>>('network', 'POST', `/v2.0/${kind}`, signal, { data: { [singular[kind]]: fields } });
  return body[singular[kind]]!;
}

export async function deleteNeutron(session: OpenStackSession, kind: NeutronKind, id: string, signal: AbortSignal): Promise<void> {
  await session.call('network', 'DELETE', `/v2.0/${kind}/${encodeURIComponent(id)}`, signal, { accept: [404] });
}

/** The one resource of a kind with this name in the project, or null; two are an ambiguity the engineer resolves. */
export async function findNamed(session: OpenStackSession, kind: NeutronKind, name: string, filters: Record<string, string>, signal: AbortSignal): Promise<NeutronResource | null> {
  const found = (await listNeutron(session, kind, { ...filters, name, project_id: (await session.token(signal)).projectId }, signal)).filter((item) => item.name === name);
  if (found.length > 1) {
    fail('conflict', text('openstack.neutron.duplicates', { endpoint: session.endpoint.name, count: found.length, kind: text(kindWords[kind]), name, project: session.endpoint.project }), {
      hint: text('openstack.neutron.duplicatesHint'),
      retryable: false,
    });
  }
  return found[0] ?? null;
}

export async function addRouterInterface(session: OpenStackSession, routerId: string, subnetId: string, signal: AbortSignal): Promise<void> {
  await session.call('network', 'PUT', `/v2.0/routers/${encodeURIComponent(routerId)}/add_router_interface`, signal, { data: { subnet_id: subnetId } });
}

export async function removeRouterInterface(session: OpenStackSession, routerId: string, subnetId: string, signal: AbortSignal): Promise<void> {
  await session.call('network', 'PUT', `/v2.0/routers/${encodeURIComponent(routerId)}/remove_router_interface`, signal, { data: { subnet_id: subnetId }, accept: [404] });
}
