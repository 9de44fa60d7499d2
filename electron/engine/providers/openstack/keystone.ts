import { appError, type CellRef } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
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
    throw new OpenStackFailure(appError('network', text('openstack.login.noToken', { endpoint: endpoint.name }), { hint: text('openstack.login.noTokenHint'), retryable: false }), response.status, null);
  }
  return { value, expiresAt: expires, projectId: body.token.project?.id ?? '', userId: body.token.user?.id ?? '', services: publicUrls(body.token.catalog, endpoint) };
}

const cellText = (cell: CellRef): string => `${cell.sheet}!${cell.cell}`;

const credentialsHint = (endpoint: ResolvedOpenStackEndpoint): TextRef => {
  const cell = endpoint.cells.credential;
  return cell ? text('openstack.login.refusedHintCell', { endpoint: endpoint.name, cell: cellText(cell) }) : text('openstack.login.refusedHint', { endpoint: endpoint.name });
};

const projectHint = (endpoint: ResolvedOpenStackEndpoint): TextRef => {
  const cell = endpoint.cells.project;
  return cell ? text('openstack.login.noProjectHintCell', { endpoint: endpoint.name, cell: cellText(cell) }) : text('openstack.login.noProjectHint', { endpoint: endpoint.name });
};

/**
 * Logs in in two requests so a refusal says which part is wrong (Keystone
 * answers the same 401 for both): the password alone (unscoped), then that
 * token exchanged for one scoped to the project. The password is sent once.
 */
export async function keystoneLogin(post: KeystonePost, endpoint: ResolvedOpenStackEndpoint, signal: AbortSignal): Promise<KeystoneToken> {
  const domain = { name: endpoint.domain };
  const call = (purpose: TextRef) => ({ endpoint: endpoint.name, service: 'identity', method: 'POST', path: '/v3/auth/tokens', purpose });
  let unscoped: Awaited<ReturnType<KeystonePost>>;
  try {
    unscoped = await post('/auth/tokens?nocatalog', { auth: { identity: { methods: ['password'], password: { user: { name: endpoint.username, domain, password: endpoint.password.reveal() } } } } }, signal);
  } catch (error) {
    const failure = toOpenStackFailure(error, call(text('openstack.purpose.password')));
    if (failure instanceof OpenStackFailure && failure.status === 401) {
      // Keystone's own reason stays as it said it, without its full stop: ours ends the sentence.
      const said = failure.serviceText ? failure.serviceText.replace(/\.$/, '') : text('openstack.login.wrongCredentials');
      const title = text('openstack.login.refused', { endpoint: endpoint.name, user: endpoint.username, domain: endpoint.domain, said });
      throw new LoginRefused(appError('auth', title, { hint: credentialsHint(endpoint), ...(endpoint.cells.credential ? { cell: endpoint.cells.credential } : {}) }));
    }
    throw failure;
  }
  const token = unscoped.headers['x-subject-token'];
  try {
    const scoped = await post('/auth/tokens', { auth: { identity: { methods: ['token'], token: { id: String(token) } }, scope: { project: { name: endpoint.project, domain } } } }, signal);
    return tokenOf(scoped, endpoint);
  } catch (error) {
    const failure = toOpenStackFailure(error, call(text('openstack.purpose.projectScope')));
    if (failure instanceof OpenStackFailure && failure.status === 401) {
      const title = text('openstack.login.noProject', { endpoint: endpoint.name, user: endpoint.username, project: endpoint.project, domain: endpoint.domain });
      throw new LoginRefused(appError('auth', title, { hint: projectHint(endpoint), ...(endpoint.cells.project ? { cell: endpoint.cells.project } : {}) }));
    }
    throw failure;
  }
}

/** Renew this long before Keystone's expiry, so a call never carries a token that dies on the way. */
export const renewMarginMs = 10 * 60_000;

export const needsRenewal = (token: KeystoneToken, now: number): boolean => token.expiresAt - now < renewMarginMs;
