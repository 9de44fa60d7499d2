import { expect } from 'vitest';

/*
 * The calls the conformance tests send, the same to the simulator and to the
 * real lab, and what they compare: status, envelope and field names with
 * their types ("shape"), never values that differ by nature (ids, times).
 */

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the body is not JSON, or null when empty. */
  body: unknown;
}

export interface OpenStackTarget {
  label: string;
  authUrl: string;
  username: string;
  password: string;
  project: string;
  domain: string;
  /** Turns a URL the service names (catalog, links) into one this process can reach (a tunnel's end). */
  reach(url: string): Promise<string>;
}

export interface Session {
  token: string;
  catalog: { type: string; endpoints: { interface: string; url: string }[] }[];
  /** The public URL of a service type. */
  url(type: 'compute' | 'network' | 'image' | 'identity'): string;
  call(method: string, url: string, options?: { body?: unknown; raw?: Buffer; headers?: Record<string, string>; token?: string }): Promise<Answer>;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = null;
  if (text !== '') {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

export async function send(target: OpenStackTarget, method: string, url: string, options: { body?: unknown; raw?: Buffer; headers?: Record<string, string>; token?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['x-auth-token'] = options.token;
  let body: string | Uint8Array | undefined;
  if (options.raw) {
    headers['content-type'] = 'application/octet-stream';
    body = new Uint8Array(options.raw);
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return answer(await fetch(await target.reach(url), { method, headers, body, signal: AbortSignal.timeout(60_000) }));
}

export const passwordAuth = (target: OpenStackTarget, password = target.password) => ({
  auth: {
    identity: { methods: ['password'], password: { user: { name: target.username, domain: { name: target.domain }, password } } },
    scope: { project: { name: target.project, domain: { name: target.domain } } },
  },
});

export async function login(target: OpenStackTarget): Promise<Session> {
  const reply = await send(target, 'POST', `${target.authUrl}/auth/tokens`, { body: passwordAuth(target) });
  expect(reply.status, `${target.label}: login`).toBe(201);
  const token = reply.headers.get('x-subject-token')!;
  const catalog = (reply.body as { token: { catalog: Session['catalog'] } }).token.catalog;
  return {
    token,
    catalog,
    url(type) {
      const found = catalog.find((entry) => entry.type === type)?.endpoints.find((endpoint) => endpoint.interface === 'public');
      if (!found) throw new Error(`${target.label}: no public ${type} endpoint`);
      return found.url.replace(/\/+$/, '');
    },
    call: (method, url, options = {}) => send(target, method, url, { token, ...options }),
  };
}

/** The types of a JSON value, keeping keys: `{a: 'string', b: ['number']}`; arrays by their first element. */
export function shape(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([key, entry]) => [key, shape(entry)]));
  return typeof value;
}

/** Glance's and webob's plain-text errors: the first line (`404 Not Found`) is their envelope. */
export const firstLine = (body: unknown): string => (typeof body === 'string' ? body.split('\n')[0]! : JSON.stringify(shape(body)));
