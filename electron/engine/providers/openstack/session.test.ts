import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Secret } from '../../../../shared/plan/secret';
import { OpenStackSession } from './session';
import type { ResolvedOpenStackEndpoint } from './types';

/*
 * A small Keystone + Nova stand-in, in the shapes keystone/auth and
 * nova/api/openstack answer with: enough to tell the session's own logic
 * (two-step login, renewal, 401 replay, microversion) apart. Behaviour
 * against a real cloud is in electron/integration/openstack.
 */
interface Fixture {
  server: Server;
  url: string;
  seen: Array<{ method: string; path: string; headers: IncomingMessage['headers']; body: unknown }>;
  expiresInMs: number;
  tokens: number;
  revoke: boolean;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of request) text += chunk;
  return text ? JSON.parse(text) : null;
}

function startFixture(): Promise<Fixture> {
  const fixture = { seen: [], expiresInMs: 3_600_000, tokens: 0, revoke: false } as unknown as Fixture;
  const send = (response: import('node:http').ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  fixture.server = createServer(async (request, response) => {
    const body = await readBody(request);
    const path = request.url ?? '';
    fixture.seen.push({ method: request.method ?? '', path, headers: request.headers, body });
    const unauthorized = { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } };
    if (path.startsWith('/v3/auth/tokens')) {
      const auth = (body as { auth: { identity: { methods: string[]; password?: { user: { password: string } } }; scope?: { project: { name: string } } } }).auth;
      if (auth.identity.methods[0] === 'password' && auth.identity.password?.user.password !== 'right') return send(response, 401, unauthorized);
      if (auth.scope && auth.scope.project.name !== 'demo') return send(response, 401, unauthorized);
      fixture.tokens++;
      const token = { expires_at: new Date(Date.now() + fixture.expiresInMs).toISOString(), project: { id: 'p1' }, user: { id: 'u1' }, catalog: auth.scope ? [{ type: 'compute', endpoints: [{ interface: 'internal', region_id: 'RegionOne', url: 'http://10.0.0.1:8774/v2.1' }, { interface: 'public', region_id: 'RegionOne', url: `${fixture.url}/compute/v2.1` }] }] : undefined };
      return send(response, 201, { token }, { 'X-Subject-Token': `tok${fixture.tokens}` });
    }
    if (fixture.revoke) {
      fixture.revoke = false;
      return send(response, 401, unauthorized);
    }
    if (path === '/compute/v2.1/') return send(response, 200, { version: { id: 'v2.1', min_version: '2.1', version: '2.93' } });
    if (path.startsWith('/compute/v2.1/flavors/detail')) return send(response, 200, { flavors: [] });
    return send(response, 404, { itemNotFound: { code: 404, message: `${path} could not be found.` } });
  });
  return new Promise((resolve) => fixture.server.listen(0, '127.0.0.1', () => {
    fixture.url = `http://127.0.0.1:${(fixture.server.address() as AddressInfo).port}`;
    resolve(fixture);
  }));
}

const trust = { findPins: () => [], addPin: () => undefined };
const endpointAt = (url: string, password = 'right', project = 'demo'): ResolvedOpenStackEndpoint => ({
  name: 'os1', authUrl: `${url}/v3`, username: 'demo', password: new Secret(password), project, domain: 'Default', region: 'RegionOne', jumpChain: [], fingerprints: [],
  cells: { credential: { sheet: 'Endpoints', cell: 'F3' }, project: { sheet: 'Endpoints', cell: 'K3' } },
});

describe('OpenStack session (Keystone v3, catalog, microversions)', () => {
  let fixture: Fixture;
  let session: OpenStackSession | undefined;
  const signal = new AbortController().signal;
  beforeEach(async () => (fixture = await startFixture()));
  afterEach(async () => {
    session?.close();
    await new Promise((resolve) => fixture.server.close(resolve));
  });

  it('logs in once, scopes to the project, calls the public URL with the token and the negotiated microversion', async () => {
    session = new OpenStackSession({ endpoint: endpointAt(fixture.url), trust });
    await session.call('compute', 'GET', '/flavors/detail', signal);
    const logins = fixture.seen.filter((call) => call.path.startsWith('/v3/auth/tokens'));
    expect(logins.map((call) => (call.body as { auth: { identity: { methods: string[] } } }).auth.identity.methods[0])).toEqual(['password', 'token']);
    const flavors = fixture.seen.find((call) => call.path.startsWith('/compute/v2.1/flavors'))!;
    expect(flavors.headers['x-auth-token']).toBe('tok2');
    expect(flavors.headers['openstack-api-version']).toBe('compute 2.87');
  });

  it('says a wrong password is the credentials, names the cell, and never sends it again', async () => {
    session = new OpenStackSession({ endpoint: endpointAt(fixture.url, 'wrong'), trust });
    const error = (await session.call('compute', 'GET', '/flavors/detail', signal).catch((failure: { appError: { title: string } }) => failure.appError)) as { title: string };
    expect(error).toMatchObject({ code: 'auth', retryable: false, cell: { sheet: 'Endpoints', cell: 'F3' } });
    expect(error.title).toMatch(/refused the login of demo/);
    await expect(session.call('compute', 'GET', '/flavors/detail', signal)).rejects.toThrow(/refused the login/);
    expect(fixture.seen.filter((call) => call.path.startsWith('/v3/auth/tokens'))).toHaveLength(1);
  });

  it('tells a wrong project from a wrong password', async () => {
    session = new OpenStackSession({ endpoint: endpointAt(fixture.url, 'right', 'nosuch'), trust });
    const error = (await session.call('compute', 'GET', '/flavors/detail', signal).catch((failure: { appError: { title: string } }) => failure.appError)) as { title: string };
    expect(error).toMatchObject({ code: 'auth', cell: { cell: 'K3' } });
    expect(error.title).toMatch(/accepted demo's password but not project nosuch/);
  });

  it('renews a token close to its expiry before sending it', async () => {
    fixture.expiresInMs = 5 * 60_000;
    session = new OpenStackSession({ endpoint: endpointAt(fixture.url), trust });
    await session.call('compute', 'GET', '/flavors/detail', signal);
    await session.call('compute', 'GET', '/flavors/detail', signal);
    expect(fixture.tokens).toBeGreaterThanOrEqual(4);
  });

  it('logs in again when a call is refused with 401, and sends it once more', async () => {
    session = new OpenStackSession({ endpoint: endpointAt(fixture.url), trust });
    await session.microversion(signal);
    fixture.revoke = true;
    await session.call('compute', 'GET', '/flavors/detail', signal);
    const flavors = fixture.seen.filter((call) => call.path.startsWith('/compute/v2.1/flavors'));
    expect(flavors.map((call) => call.headers['x-auth-token'])).toEqual(['tok2', 'tok4']);
  });

  it("carries Nova's own message in errors, naming the endpoint and call", async () => {
    session = new OpenStackSession({ endpoint: endpointAt(fixture.url), trust });
    const error = (await session.call('compute', 'GET', '/servers/abc', signal).catch((failure: { appError: { title: string } }) => failure.appError)) as { title: string };
    expect(error).toMatchObject({ code: 'not_found' });
    expect(error.title).toBe('Nova of os1 answered 404 to GET /servers/abc: /compute/v2.1/servers/abc could not be found.');
  });
});
