import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the web host: a request must name 127.0.0.1/localhost on
 * our port (no DNS rebinding), come from our own origin when it has one (no
 * other site's page), and carry the per-launch token in the query or cookie.
 */
export interface GuardVerdict {
  allowed: boolean;
  status: 200 | 403 | 401;
  reason: string;
  /** The token came in the query string: the response sets the cookie. */
  tokenFromQuery: boolean;
}

export function cookieName(port: number): string {
  return `rackpilot_token_${port}`;
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function checkRequest(request: IncomingMessage, port: number, token: string): GuardVerdict {
  const hosts = allowedHosts(port);
  const host = request.headers.host ?? '';
  if (!hosts.has(host)) return { allowed: false, status: 403, reason: `host ${host} is not this web host`, tokenFromQuery: false };
  const origin = request.headers.origin;
  if (origin !== undefined && !hosts.has(origin.replace(/^http:\/\//, ''))) {
    return { allowed: false, status: 403, reason: `origin ${origin} is not this web host`, tokenFromQuery: false };
  }
  const url = new URL(request.url ?? '/', `http://${host}`);
  const queryToken = url.searchParams.get('token');
  if (sameToken(queryToken, token)) return { allowed: true, status: 200, reason: 'token in query', tokenFromQuery: true };
  if (sameToken(readCookie(request.headers.cookie, cookieName(port)), token)) {
    return { allowed: true, status: 200, reason: 'token in cookie', tokenFromQuery: false };
  }
  return { allowed: false, status: 401, reason: 'missing or wrong launch token', tokenFromQuery: false };
}
