import { fail, type CellRef } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { whereOf, type Endpoint } from '../../../../shared/plan/model';
import { endpointOrigin } from '../../net/endpointUrl';
import type { ResolvedSmartxEndpoint } from './types';

/** The plan's SMTX OS or CloudTower endpoint as the provider connects to it; plan errors name the cell. */
export function resolveSmartxEndpoint(endpoint: Endpoint): ResolvedSmartxEndpoint {
  if (!endpoint.username || !endpoint.password || endpoint.password.isEmpty) {
    const cell = whereOf(endpoint, endpoint.username ? 'password' : 'username');
    fail('plan_invalid', text(endpoint.username ? 'smartx.endpoint.noPassword' : 'smartx.endpoint.noUser', { name: endpoint.name }), { retryable: false, ...(cell ? { cell } : {}) });
  }
  const credentialCell: CellRef | null = whereOf(endpoint, 'password');
  return {
    name: endpoint.name,
    url: endpointOrigin(endpoint),
    username: endpoint.username,
    password: endpoint.password,
    fingerprints: endpoint.tlsFingerprint ? [endpoint.tlsFingerprint] : [],
    ...(credentialCell ? { credentialCell } : {}),
  };
}
