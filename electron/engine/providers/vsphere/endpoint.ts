import { text } from '../../../../shared/i18n/engineText';
import { fail, type CellRef } from '../../../../shared/errors';
import { whereOf, type Endpoint } from '../../../../shared/plan/model';
import type { ResolvedVsphereEndpoint } from './types';
import { endpointOrigin } from '../../net/endpointUrl';

/** The plan's vCenter endpoint as the provider connects to it; plan errors name the cell. */
export function resolveVsphereEndpoint(endpoint: Endpoint): ResolvedVsphereEndpoint {
  if (!endpoint.username || !endpoint.password || endpoint.password.isEmpty) {
    const cell = whereOf(endpoint, endpoint.username ? 'password' : 'username');
    fail('plan_invalid', text(endpoint.username ? 'vsphere.endpoint.noPassword' : 'vsphere.endpoint.noUser', { endpoint: endpoint.name }), cell ? { cell } : {});
  }
  const credentialCell: CellRef | null = whereOf(endpoint, 'password');
  return {
    name: endpoint.name,
    url: endpointOrigin(endpoint),
    username: endpoint.username,
    password: endpoint.password,
    fingerprints: endpoint.tlsFingerprint ? [endpoint.tlsFingerprint] : [],
    ...(credentialCell ? { credentialCell } : {}),
    datacenter: endpoint.datacenter,
    cluster: endpoint.cluster,
  };
}
