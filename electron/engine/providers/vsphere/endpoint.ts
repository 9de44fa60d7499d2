import { fail, type CellRef } from '../../../../shared/errors';
import { whereOf, type Endpoint } from '../../../../shared/plan/model';
import type { ResolvedVsphereEndpoint } from './types';

function baseUrl(endpoint: Endpoint): string {
  const address = endpoint.address.trim();
  if (/^https?:\/\//i.test(address)) {
    const url = new URL(address);
    if (!url.port && endpoint.port) url.port = String(endpoint.port);
    return url.origin;
  }
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `https://${host}:${endpoint.port}`;
}

/** The plan's vCenter endpoint as the provider connects to it; plan errors name the cell. */
export function resolveVsphereEndpoint(endpoint: Endpoint): ResolvedVsphereEndpoint {
  if (!endpoint.username || !endpoint.password || endpoint.password.isEmpty) {
    const cell = whereOf(endpoint, endpoint.username ? 'password' : 'username');
    fail('plan_invalid', `Endpoint ${endpoint.name} has no ${endpoint.username ? 'password' : 'user name'}.`, cell ? { cell } : {});
  }
  const credentialCell: CellRef | null = whereOf(endpoint, 'password');
  return {
    name: endpoint.name,
    url: baseUrl(endpoint),
    username: endpoint.username,
    password: endpoint.password,
    fingerprints: endpoint.tlsFingerprint ? [endpoint.tlsFingerprint] : [],
    ...(credentialCell ? { credentialCell } : {}),
    datacenter: endpoint.datacenter,
    cluster: endpoint.cluster,
  };
}
