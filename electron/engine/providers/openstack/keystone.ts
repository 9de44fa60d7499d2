import { appError } from '../../../../shared/errors';
import { LoginRefused } from '../../net/endpointSessions';
import { publicUrls, type ServiceUrls } from './catalog';
import { OpenStackFailure, toOpenStackFailure } from './errors';
import type { ResolvedOpenStackEndpoint } from './types';

/** A project-scoped Keystone token and what came with it. */
export interface KeystoneToken {
  value: string;
  expiresAt: number;
  projectId: string;
  userId: string;
  services: ServiceUrls;
}

/** Sends one request to Keystone (through a tunnel when the endpoint is behind a bastion). */
export type KeystonePost = (path: string, body: object, signal: AbortSignal) => Promise<{ status: number; headers: Record<string, unknown>; data: unknown }>;

interface TokenBody {
  token?: { expires_at?: string; project?: { id?: string }; user?: { id?: string }; catalog?: unknown };
}

function tokenOf(response: Awaited<ReturnType<KeystonePost>>, endpoint: ResolvedOpenStackEndpoint): KeystoneToken {
  const value = response.headers['x-subject-token'];
  const body = (response.data ?? {}) as TokenBody;
  const expires = Date.parse(body.token?.expires_at ?? '');
  if (typeof value !== 'string' || !body.token || Number.isNaN(expires)) {
    throw new OpenStackFailure(appError('network', `Keystone of ${endpoint.name} answered the login without a token (no X-Subject-Token or expires_at).`, { hint: 'Is the Address the Keystone v3 URL (http://host:5000/v3)?', retryable: false }), response.status, null);
  }
  return { value, expiresAt: expires, projectId: body.token.project?.id ?? '', userId: body.token.user?.id ?? '', services: publicUrls(body.token.catalog, endpoint) };
}

const credentialsHint = (endpoint: ResolvedOpenStackEndpoint, cell: string): string =>
  `Check the user name and password of endpoint ${endpoint.name}${cell}. Rackpilot does not try again in this run: a Keystone with lockout rules locks an account after a few failed logins.`;

const cellText = (cell: { sheet: string; cell: string } | undefined): string => (cell ? ` (${cell.sheet}!${cell.cell})` : '');

/**
 * Logs in in two requests so a refusal says which part is wrong (Keystone
 * answers the same 401 for both): the password alone (unscoped), then that
 * token exchanged for one scoped to the project. The password is sent once.
 */
export async function keystoneLogin(post: KeystonePost, endpoint: ResolvedOpenStackEndpoint, signal: AbortSignal): Promise<KeystoneToken> {
  const domain = { name: endpoint.domain };
  const call = (what: string) => ({ endpoint: endpoint.name, service: 'identity', method: 'POST', path: `/v3/auth/tokens (${what})` });
  let unscoped: Awaited<ReturnType<KeystonePost>>;
  try {
    unscoped = await post('/auth/tokens?nocatalog', { auth: { identity: { methods: ['password'], password: { user: { name: endpoint.username, domain, password: endpoint.password.reveal() } } } } }, signal);
  } catch (error) {
    const failure = toOpenStackFailure(error, call('password'));
    if (failure instanceof OpenStackFailure && failure.status === 401) {
      throw new LoginRefused(appError('auth', `Keystone of ${endpoint.name} refused the login of ${endpoint.username} in domain ${endpoint.domain}: ${(failure.serviceText ?? 'wrong user name or password').replace(/\.$/, '')}.`, { hint: credentialsHint(endpoint, cellText(endpoint.cells.credential)), ...(endpoint.cells.credential ? { cell: endpoint.cells.credential } : {}) }));
    }
    throw failure;
  }
  const token = unscoped.headers['x-subject-token'];
  try {
    const scoped = await post('/auth/tokens', { auth: { identity: { methods: ['token'], token: { id: String(token) } }, scope: { project: { name: endpoint.project, domain } } } }, signal);
    return tokenOf(scoped, endpoint);
  } catch (error) {
    const failure = toOpenStackFailure(error, call('project scope'));
    if (failure instanceof OpenStackFailure && failure.status === 401) {
      throw new LoginRefused(appError('auth', `Keystone of ${endpoint.name} accepted ${endpoint.username}'s password but not project ${endpoint.project} in domain ${endpoint.domain}: the project does not exist or the user has no role on it.`, { hint: `Correct the Project (or Domain) of endpoint ${endpoint.name}${cellText(endpoint.cells.project)}, or give the user a role on that project.`, ...(endpoint.cells.project ? { cell: endpoint.cells.project } : {}) }));
    }
    throw failure;
  }
}

/** Renew this long before Keystone's expiry, so a call never carries a token that dies on the way. */
export const renewMarginMs = 10 * 60_000;

export const needsRenewal = (token: KeystoneToken, now: number): boolean => token.expiresAt - now < renewMarginMs;
