import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { failureOf } from '../testing/failureOf';
import { fetchCertificate } from './fetchCertificate';
import { createHttpClient, type HttpClient } from './httpClient';
import { makeSelfSigned, memoryTrustStore, type KeyPair } from './tlsTestKit';
import type { TrustPrompt } from './types';

/*
 * A client whose baseURL names the service (https://localhost:P) while its
 * sockets open at a TCP relay (a stand-in for a tunnel's local end): trust,
 * pins, SNI, Host and errors follow the service, and every byte goes through
 * the relay.
 */

let keys: KeyPair;
let other: KeyPair;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  keys = makeSelfSigned('os-head', 'DNS:localhost');
  other = makeSelfSigned('os-head', 'DNS:localhost');
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const listen = (server: Server, host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));

interface Seen {
  sni: string | false | null;
  host: IncomingHttpHeaders['host'];
  path: string | undefined;
}

async function service(tls: KeyPair | null) {
  const seen: Seen[] = [];
  let bytes = 0;
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void => {
    seen.push({ sni: (req.socket as TLSSocket).servername ?? null, host: req.headers.host, path: req.url });
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  };
  const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
  server.on(tls ? 'secureConnection' : 'connection', (socket: TLSSocket) => socket.on('data', (chunk: Buffer) => (bytes += chunk.length)));
  const port = await listen(server);
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { server, port, seen, bytes: () => bytes };
}

/** Carries every connection it accepts to 127.0.0.1:target, counting them. */
async function relay(target: number) {
  let carried = 0;
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    carried++;
    const onward = connect(target, '127.0.0.1');
    for (const end of [socket, onward]) {
      sockets.add(end);
      end.on('error', () => end.destroy());
      end.once('close', () => sockets.delete(end));
    }
    socket.pipe(onward).pipe(socket);
  });
  const port = await listen(server);
  cleanups.push(() => new Promise<void>((resolve) => (sockets.forEach((socket) => socket.destroy()), server.close(() => resolve()))));
  return { port, carried: () => carried };
}

function client(baseURL: string, dialPort: number, options: Partial<Parameters<typeof createHttpClient>[0]> = {}): HttpClient {
  const created = createHttpClient({ baseURL, dialTo: { host: '127.0.0.1', port: dialPort }, trust: memoryTrustStore(), timeoutMs: 5000, ...options });
  cleanups.push(() => created.close());
  return created;
}

describe('an HTTP client that dials elsewhere than the service it names (dialTo)', () => {
  it("refuses an unknown certificate naming the service's host:port and fingerprint, before a byte is sent", async () => {
    const api = await service(keys);
    const tunnel = await relay(api.port);
    const failure = await failureOf(client(`https://localhost:${api.port}`, tunnel.port).post('/v3/auth/tokens', { password: 'secret' }));
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toContain(`localhost:${api.port}`);
    expect(failure.appError.title).toContain(keys.fingerprint);
    expect(failure.appError.title).not.toContain(`:${tunnel.port}`);
    expect(tunnel.carried()).toBe(1);
    expect(api.bytes()).toBe(0);
  });

  it("asks about and pins the service's host:port, sends SNI and Host for it, and every connection goes through the relay", async () => {
    const api = await service(keys);
    const tunnel = await relay(api.port);
    const trust = memoryTrustStore();
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    const response = await client(`https://localhost:${api.port}`, tunnel.port, { trust, prompt }).get('/v2.1/');
    expect(response.data).toEqual({ ok: true });
    expect(prompt.mock.calls.map(([request]) => `${request.host}:${request.port}`)).toEqual([`localhost:${api.port}`]);
    expect(trust.pins).toEqual([expect.objectContaining({ host: 'localhost', port: api.port, fingerprint: keys.fingerprint })]);
    expect(api.seen).toEqual([{ sni: 'localhost', host: `localhost:${api.port}`, path: '/v2.1/' }]);
    expect(tunnel.carried()).toBeGreaterThan(0);
    // The byte counter sees a request once one is allowed: its zero elsewhere means something.
    expect(api.bytes()).toBeGreaterThan(0);

    // Another relay port (the next run's tunnel): the pin holds, nobody is asked.
    const next = await relay(api.port);
    prompt.mockClear();
    expect((await client(`https://localhost:${api.port}`, next.port, { trust, prompt }).get('/again')).status).toBe(200);
    expect(prompt).not.toHaveBeenCalled();
    expect(next.carried()).toBe(1);
  });

  it('refuses a changed certificate through the relay, naming old and new, without asking', async () => {
    const api = await service(other);
    const tunnel = await relay(api.port);
    const trust = memoryTrustStore();
    trust.addPin({ kind: 'tls', host: 'localhost', port: api.port, fingerprint: keys.fingerprint, subject: null }, 0);
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    const failure = await failureOf(client(`https://localhost:${api.port}`, tunnel.port, { trust, prompt }).get('/x'));
    expect(failure.appError.title).toContain(`localhost:${api.port} changed`);
    expect(failure.appError.title).toContain(keys.fingerprint);
    expect(failure.appError.title).toContain(other.fingerprint);
    expect(prompt).not.toHaveBeenCalled();
    expect(api.bytes()).toBe(0);
  });

  it('plain HTTP: the Host header names the service, the socket opens at the relay, errors name the service', async () => {
    const api = await service(null);
    const tunnel = await relay(api.port);
    const http = client(`http://localhost:${api.port}`, tunnel.port);
    expect((await http.get('/v2.0/networks')).status).toBe(200);
    expect(api.seen).toEqual([{ sni: null, host: `localhost:${api.port}`, path: '/v2.0/networks' }]);
    expect(tunnel.carried()).toBe(1);

    const unused = createServer();
    const closed = await listen(unused);
    await new Promise((resolve) => unused.close(resolve));
    const failure = await failureOf(client(`http://localhost:${api.port}`, closed).get('/v2.0/ports'));
    expect(failure.appError.code).toBe('network');
    expect(failure.appError.title).toContain(`localhost:${api.port} refused`);
  });

  it('fetchCertificate through the relay reads the certificate for the service name (SNI) without sending anything', async () => {
    const api = await service(keys);
    const tunnel = await relay(api.port);
    const info = await fetchCertificate('localhost', api.port, undefined, { dialTo: { host: '127.0.0.1', port: tunnel.port } });
    expect(info.fingerprint).toBe(keys.fingerprint);
    expect(tunnel.carried()).toBe(1);
    expect(api.bytes()).toBe(0);
  });

  it('keeps the network scope on the far end as well as on the address dialled', async () => {
    const scope = process.env.RACKPILOT_NETWORK_SCOPE;
    process.env.RACKPILOT_NETWORK_SCOPE = 'loopback';
    try {
      const failure = await failureOf(client('https://192.168.202.1:5000', 1).get('/v3'));
      expect(failure.appError.title).toContain('192.168.202.1:5000 are blocked');
      const fetched = await failureOf(fetchCertificate('192.168.202.1', 5000, undefined, { dialTo: { host: '127.0.0.1', port: 1 } }));
      expect(fetched.appError.title).toContain('192.168.202.1:5000 are blocked');
    } finally {
      process.env.RACKPILOT_NETWORK_SCOPE = scope;
    }
  });
});
