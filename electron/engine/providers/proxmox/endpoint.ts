import { text } from '../../../../shared/i18n/engineText';
import { fail, type CellRef } from '../../../../shared/errors';
import { whereOf, type Endpoint } from '../../../../shared/plan/model';
import { Secret } from '../../../../shared/plan/secret';
import type { ProxmoxAuth, ResolvedEndpoint } from './types';
import { endpointOrigin } from '../../net/endpointUrl';

/**
 * A token is `USER@REALM!TOKENID` in the user column with the secret in the
 * token column, or the whole `USER@REALM!TOKENID=SECRET` in the token column.
 */
function tokenAuth(endpoint: Endpoint, token: Secret): ProxmoxAuth {
  const username = endpoint.username?.trim() ?? '';
  if (username.includes('!')) return { kind: 'token', tokenId: username, secret: token };
  const whole = /^([^=\s]+@[^=\s!]+![^=\s]+)=(.+)$/.exec(token.reveal());
  if (whole) return { kind: 'token', tokenId: whole[1] as string, secret: new Secret(whole[2] as string) };
  const cell = whereOf(endpoint, 'username');
  return fail('plan_invalid', text('pve.endpoint.tokenId', { endpoint: endpoint.name }), {
    hint: text('pve.hint.tokenId'),
    ...(cell ? { cell } : {}),
  });
}

/** The plan's endpoint as the provider connects to it; plan errors name the cell. */
export function resolveProxmoxEndpoint(endpoint: Endpoint): ResolvedEndpoint {
  const fingerprints = endpoint.tlsFingerprint ? [endpoint.tlsFingerprint] : [];
  const url = endpointOrigin(endpoint);
  if (endpoint.apiToken && !endpoint.apiToken.isEmpty) {
    return { name: endpoint.name, url, auth: tokenAuth(endpoint, endpoint.apiToken), fingerprints, ...cellOf(endpoint, 'apiToken') };
  }
  if (!endpoint.username || !endpoint.password || endpoint.password.isEmpty) {
    const cell = whereOf(endpoint, endpoint.username ? 'password' : 'username');
    fail('plan_invalid', text(endpoint.username ? 'pve.endpoint.noPassword' : 'pve.endpoint.noUser', { endpoint: endpoint.name }), cell ? { cell } : {});
  }
  return { name: endpoint.name, url, auth: { kind: 'password', username: endpoint.username, password: endpoint.password }, fingerprints, ...cellOf(endpoint, 'password') };
}

function cellOf(endpoint: Endpoint, field: 'password' | 'apiToken'): { credentialCell?: CellRef } {
  const cell = whereOf(endpoint, field);
  return cell ? { credentialCell: cell } : {};
}
