import { randomBytes } from 'node:crypto';
import type { Cloud } from './cloud';
import type { OpenStackFaultBook } from './faults';
import { json, type LabReply, type LabRequest } from './http';

/*
 * Tokens, as Keystone issues them (`X-Subject-Token`) and every service
 * checks them (`X-Auth-Token`). A token is valid until its expiry or until
 * the lab expires all of them (the token-expiry fault):
 *
 *   issued ──expires_at passed, or expireAll()──> expired (401 everywhere, 404 on validation)
 */
export interface IssuedToken {
  id: string;
  issuedAt: number;
  expiresAt: number;
  auditId: string;
}

export class TokenBook {
  private readonly tokens = new Map<string, IssuedToken>();
  /** Every token issued since the lab started, expired ones included: what tests count logins by. */
  issuedCount = 0;

  constructor(private readonly lifetimeMs: number) {}

  issue(): IssuedToken {
    const now = Date.now();
    const token: IssuedToken = { id: `gAAAAA${randomBytes(96).toString('base64url')}`, issuedAt: now, expiresAt: now + this.lifetimeMs, auditId: randomBytes(16).toString('base64url').slice(0, 22) };
    this.tokens.set(token.id, token);
    this.issuedCount += 1;
    return token;
  }

  valid(id: string | undefined): IssuedToken | null {
    const token = id ? this.tokens.get(id) : undefined;
    return token && token.expiresAt > Date.now() ? token : null;
  }

  expireAll(): number {
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }
}

export interface Identity {
  userId: string;
  username: string;
  password: string;
  projectId: string;
  project: string;
  domain: string;
  region: string;
}

export interface OsContext {
  cloud: Cloud;
  tokens: TokenBook;
  faults: OpenStackFaultBook;
  identity: Identity;
  buildMs: number;
  /** Each service's root URL (`http://127.0.0.1:PORT`), set once the servers listen. */
  urls: { identity: string; compute: string; network: string; image: string };
}

export const unauthorizedJson = (): LabReply =>
  json(401, { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }, { 'www-authenticate': 'Keystone uri="{identity}"' });

/** keystonemiddleware's check in front of Nova, Neutron and Glance: a reply when the token is missing or expired. */
export async function checkToken(context: OsContext, service: string, request: LabRequest, refusal: () => LabReply): Promise<LabReply | null> {
  const delay = context.faults.delayFor(service);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const header = request.headers['x-auth-token'];
  return context.tokens.valid(Array.isArray(header) ? header[0] : header) ? null : refusal();
}
