import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type LabRole = 'admin' | 'audit';

export interface LabUser {
  /** `root@pam`, `auditor@pve` */
  userid: string;
  password: string;
  role: LabRole;
}

export interface LabApiToken {
  /** `root@pam!rackpilot` */
  tokenid: string;
  /** The token's secret (a UUID on real clusters). */
  secret: string;
  role: LabRole;
}

/** Who made a request: a ticket's user or an API token (whose tasks carry the token id as user). */
export interface Principal {
  userid: string;
  tokenid: string | null;
  role: LabRole;
}

export type AuthOutcome = { ok: true; principal: Principal } | { ok: false; message: string };

/**
 * Tickets and CSRF tokens shaped like PVE's (`PVE:root@pam:65F0A1B2::sig`,
 * `65F0A1B2:sig`), signed with a per-lab HMAC key instead of PVE's RSA key.
 * A valid ticket may be posted as the password to renew it, as on PVE.
 */
export class LabAuth {
  private key = randomBytes(32);
  /** What POST /access/ticket answered so far, for tests (a realm's lockout counts the refusals). */
  readonly logins = { granted: 0, refused: 0 };

  constructor(
    private readonly users: readonly LabUser[],
    private readonly tokens: readonly LabApiToken[],
    private readonly ticketLifetimeMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `username` may carry the realm (`root@pam`) or take it from `realm`. */
  login(username: string, password: string, realm?: string): { userid: string; ticket: string; csrf: string } | null {
    const userid = username.includes('@') ? username : `${username}@${realm ?? 'pam'}`;
    const user = this.users.find((candidate) => candidate.userid === userid);
    const renewing = password.startsWith('PVE:') && this.verifyTicket(password)?.userid === userid;
    if (!user || (!renewing && !sameText(password, user.password))) {
      this.logins.refused++;
      return null;
    }
    this.logins.granted++;
    const stamp = Math.floor(this.now() / 1000).toString(16).toUpperCase().padStart(8, '0');
    const plain = `PVE:${userid}:${stamp}`;
    return { userid, ticket: `${plain}::${this.sign(plain)}`, csrf: `${stamp}:${this.sign(`${stamp}:${userid}`)}` };
  }

  /**
   * Every ticket and CSRF token issued so far stops being valid, as when
   * they outlive their lifetime (or pve-cluster regenerates the authkey);
   * a login afterwards gets a valid one.
   */
  invalidateTickets(): void {
    this.key = randomBytes(32);
  }

  authenticate(req: IncomingMessage, method: string): AuthOutcome {
    const header = req.headers.authorization;
    if (header?.startsWith('PVEAPIToken')) return this.authenticateToken(header);
    const ticket = readCookie(req.headers.cookie, 'PVEAuthCookie');
    if (!ticket) return { ok: false, message: 'No ticket' };
    const verified = this.verifyTicket(ticket);
    if (!verified) return { ok: false, message: 'permission denied - invalid PVE ticket' };
    if (method !== 'GET' && !this.verifyCsrf(req.headers.csrfpreventiontoken, verified.userid)) {
      return { ok: false, message: 'Permission denied - invalid csrf token' };
    }
    const user = this.users.find((candidate) => candidate.userid === verified.userid);
    if (!user) return { ok: false, message: 'permission denied - invalid PVE ticket' };
    return { ok: true, principal: { userid: user.userid, tokenid: null, role: user.role } };
  }

  private authenticateToken(header: string): AuthOutcome {
    const match = /^PVEAPIToken=([^!\s]+)!([^=:\s]+)[=:](\S+)$/.exec(header.trim());
    if (!match) return { ok: false, message: 'invalid token value!' };
    const tokenid = `${match[1]}!${match[2]}`;
    const token = this.tokens.find((candidate) => candidate.tokenid === tokenid);
    if (!token || !sameText(match[3] as string, token.secret)) return { ok: false, message: 'invalid token value!' };
    return { ok: true, principal: { userid: match[1] as string, tokenid, role: token.role } };
  }

  private verifyTicket(ticket: string): { userid: string } | null {
    const match = /^PVE:([^:]+):([0-9A-F]{8})::(.+)$/.exec(ticket);
    if (!match) return null;
    const plain = `PVE:${match[1]}:${match[2]}`;
    if (!sameText(match[3] as string, this.sign(plain))) return null;
    const ageMs = this.now() - parseInt(match[2] as string, 16) * 1000;
    return ageMs <= this.ticketLifetimeMs && ageMs >= -300_000 ? { userid: match[1] as string } : null;
  }

  private verifyCsrf(header: string | string[] | undefined, userid: string): boolean {
    const token = Array.isArray(header) ? header[0] : header;
    const match = token ? /^([0-9A-F]{8}):(.+)$/.exec(token) : null;
    if (!match) return false;
    const ageMs = this.now() - parseInt(match[1] as string, 16) * 1000;
    return ageMs <= this.ticketLifetimeMs && sameText(match[2] as string, this.sign(`${match[1]}:${userid}`));
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64');
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** PVE URL-decodes the cookie value; clients send the ticket encoded or raw. */
function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    const raw = rest.join('=');
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}
