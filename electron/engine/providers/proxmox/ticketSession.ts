import { text } from '../../../../shared/i18n/engineText';
import { appError, fail } from '../../../../shared/errors';
import { EndpointSession, LoginRefused, type EndpointSessions } from '../../net/endpointSessions';
import type { ProxmoxClient } from './client';
import type { ProxmoxFailure } from './proxmoxErrors';
import type { ResolvedEndpoint } from './types';

/** PVE's login: the ticket cookie and the CSRF token that writes carry. */
export interface Ticket {
  ticket: string;
  csrf: string;
}

/** PVE tickets last 2 h; renewing at 90 min keeps a long run from ever sending a dead one. */
const defaultRenewAfterMs = 90 * 60_000;

export function loginName(endpoint: ResolvedEndpoint): string {
  if (endpoint.auth.kind !== 'password') return endpoint.auth.tokenId;
  return endpoint.auth.username.includes('@') ? endpoint.auth.username : `${endpoint.auth.username}@pam`;
}

/** The one error every step of an endpoint gets once its login is refused. */
export function refusedLogin(endpoint: ResolvedEndpoint, username: string, failure: ProxmoxFailure): LoginRefused {
  const cell = endpoint.credentialCell;
  return new LoginRefused(
    appError('auth', text('pve.login.refused', { endpoint: endpoint.name, user: username, message: failure.pveMessage }), {
      hint: cell ? text('pve.hint.loginRefusedAt', { endpoint: endpoint.name, cell: `${cell.sheet}!${cell.cell}` }) : text('pve.hint.loginRefused', { endpoint: endpoint.name }),
      retryable: false,
      ...(endpoint.credentialCell ? { cell: endpoint.credentialCell } : {}),
    }),
  );
}

/** A ticket session that logs in through `client` (whose connections it uses). */
export function openTicketSession(client: ProxmoxClient, endpoint: ResolvedEndpoint, options: { renewAfterMs?: number; now?: () => number } = {}): EndpointSession<Ticket> {
  const { auth } = endpoint;
  if (auth.kind !== 'password') fail('internal', `Proxmox ${endpoint.name} uses an API token: it has no ticket session.`);
  const username = loginName(endpoint);
  return new EndpointSession<Ticket>(
    endpoint.name,
    {
      login: (signal) => client.requestTicket(username, auth.password.reveal(), signal),
      // PVE renews a still valid ticket that is posted as the password.
      renew: (previous, signal) => client.requestTicket(username, previous.ticket, signal),
      renewAfterMs: options.renewAfterMs ?? defaultRenewAfterMs,
    },
    options.now ? { now: options.now } : {},
  );
}

/**
 * The run's ticket session of a password endpoint (null for a token one),
 * with a client of its own for the logins; closed with the registry.
 */
export function runTicketSession(sessions: EndpointSessions, endpoint: ResolvedEndpoint, open: (endpoint: ResolvedEndpoint) => ProxmoxClient): EndpointSession<Ticket> | null {
  if (endpoint.auth.kind !== 'password') return null;
  return sessions.get(`proxmox:${endpoint.name}`, () => {
    const loginClient = open(endpoint);
    const session = openTicketSession(loginClient, endpoint);
    return {
      value: session,
      close: () => {
        session.close();
        loginClient.close();
      },
    };
  });
}
