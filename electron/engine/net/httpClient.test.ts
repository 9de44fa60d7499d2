import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Redactor } from '../util/redactor';
import { createHttpClient, type HttpClient } from './httpClient';
import { HttpFailure } from './httpErrors';
import { memoryTrustStore } from './tlsTestKit';
import type { HttpClientOptions } from './types';
import { failureOf } from '../testing/failureOf';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: Handler): Promise<{ port: number; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => handler(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, hits: () => hits };
}

function client(port: number, options: Partial<HttpClientOptions> = {}): HttpClient {
  const created = createHttpClient({ baseURL: `http://127.0.0.1:${port}`, trust: memoryTrustStore(), timeoutMs: 2000, ...options });
  cleanups.push(() => created.close());
  return created;
}


const json = (res: ServerResponse, status: number, value: unknown, reason?: string): void => {
  res.writeHead(status, reason ?? '', { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

const fastRetry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5, jitter: 0 };

describe('createHttpClient errors', () => {
  it('maps a refused connection to a retryable network error naming host:port', async () => {
    const { port } = await serve((_req, res) => res.end());
    const http = client(port);
    cleanups.splice(0, 1)[0]!(); // stop the server now, keep the port number
    await new Promise((resolve) => setTimeout(resolve, 20));
    const failure = await failureOf(http.get('/api2/json/version'));
    expect(failure.appError).toMatchObject({ code: 'network', retryable: true });
    expect(failure.appError.title).toBe(`127.0.0.1:${port} refused the connection (nothing listens on that port, or a firewall rejects it) (GET /api2/json/version).`);
  });

  it('maps 401 and 403 to auth, keeping the status and body for the provider', async () => {
    const { port } = await serve((req, res) => json(res, req.url === '/a' ? 401 : 403, { data: null }, req.url === '/a' ? 'authentication failure' : 'Permission check failed'));
    const unauthorised = await failureOf(client(port).get('/a'));
    expect(unauthorised.appError.code).toBe('auth');
    expect(unauthorised.appError.title).toContain('401 authentication failure');
    expect(unauthorised).toBeInstanceOf(HttpFailure);
    expect((unauthorised as HttpFailure).status).toBe(401);
    const forbidden = await failureOf(client(port).post('/b', { x: 1 }));
    expect(forbidden.appError.code).toBe('auth');
    expect(forbidden.appError.title).toContain('POST /b');
  });

  it('maps a server that does not answer in time to timeout', async () => {
    const { port } = await serve(() => undefined);
    const failure = await failureOf(client(port, { timeoutMs: 150 }).get('/slow'));
    expect(failure.appError.code).toBe('timeout');
    expect(failure.appError.title).toContain(`127.0.0.1:${port}`);
  });

  it('refuses a 200 answer that is not JSON', async () => {
    const { port } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Login</body></html>');
    });
    const failure = await failureOf(client(port).get('/api2/json/nodes'));
    expect(failure.appError.code).toBe('network');
    expect(failure.appError.title).toBe(`127.0.0.1:${port} answered GET /api2/json/nodes with something that is not JSON (text/html).`);
    expect(failure.appError.detail).toContain('<html>');
  });

  it('passes an empty body as undefined and JSON through', async () => {
    const { port } = await serve((req, res) => (req.url === '/empty' ? res.end() : json(res, 200, { data: [1, 2] })));
    expect((await client(port).get('/empty')).data).toBeUndefined();
    expect((await client(port).get('/json')).data).toEqual({ data: [1, 2] });
  });
});

describe('createHttpClient retries', () => {
  it('repeats a GET after 502/503/504 and a reset connection, then succeeds', async () => {
    let calls = 0;
    const { port, hits } = await serve((req, res) => {
      calls++;
      if (calls === 1) return json(res, 503, { data: null });
      if (calls === 2) return req.socket.destroy();
      json(res, 200, { data: 'ok' });
    });
    const response = await client(port, { retry: fastRetry }).get('/x');
    expect(response.data).toEqual({ data: 'ok' });
    expect(hits()).toBe(3);
  });

  it('gives up after maxAttempts with the last failure', async () => {
    const { port, hits } = await serve((_req, res) => json(res, 502, { data: null }, 'Bad Gateway'));
    const failure = await failureOf(client(port, { retry: fastRetry }).get('/x'));
    expect(failure.appError.code).toBe('network');
    expect(failure.appError.title).toContain('502 Bad Gateway');
    expect(hits()).toBe(3);
  });

  it('never repeats a POST, and does not repeat a 500', async () => {
    const { port, hits } = await serve((req, res) => json(res, req.method === 'POST' ? 503 : 500, { data: null }));
    await failureOf(client(port, { retry: fastRetry }).post('/x', { a: 1 }));
    expect(hits()).toBe(1);
    const failure = await failureOf(client(port, { retry: fastRetry }).get('/y'));
    expect(failure.appError.code).toBe('step_failed');
    expect(hits()).toBe(2);
  });

  it('stops waiting for a retry when cancelled', async () => {
    const { port, hits } = await serve((_req, res) => json(res, 503, { data: null }));
    const controller = new AbortController();
    const pending = client(port, { retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000, jitter: 0 } }).get('/x', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const failure = await failureOf(pending);
    expect(failure.appError.code).toBe('cancelled');
    expect(hits()).toBe(1);
  });
});

describe('createHttpClient logging', () => {
  it('never logs passwords, tickets, tokens or cookies, in requests, responses or errors', async () => {
    const secrets = ['hunter2-pw', 'PVE:root@pam:TICKET', 'csrf-123', 'smartx-tok', 'keystone-tok', 'PVEAPIToken=root@pam!ci=uuid', 'cookie-val', 'echoed-secret'];
    const { port } = await serve((req, res, body) => {
      if (req.url === '/ticket') {
        res.setHeader('set-cookie', 'PVEAuthCookie=cookie-val; Path=/');
        return json(res, 200, { data: { username: 'root@pam', ticket: 'PVE:root@pam:TICKET', CSRFPreventionToken: 'csrf-123' } });
      }
      json(res, 500, { message: `bad input: ${body} echoed-secret` });
    });
    const lines: string[] = [];
    const redactor = new Redactor();
    redactor.add('echoed-secret');
    const http = client(port, { redactor, onLog: (_level, text) => lines.push(text) });
    await http.post('/ticket', 'username=root%40pam&password=hunter2-pw', {
      headers: { Cookie: 'PVEAuthCookie=cookie-val', CSRFPreventionToken: 'csrf-123', 'content-type': 'application/x-www-form-urlencoded' },
    });
    const failure = await failureOf(
      http.post(
        '/config?password=hunter2-pw',
        { name: 'web-01', password: 'hunter2-pw', nested: { token: 'keystone-tok' } },
        { headers: { Authorization: 'PVEAPIToken=root@pam!ci=uuid', 'X-SmartX-Token': 'smartx-tok', 'X-Auth-Token': 'keystone-tok' } },
      ),
    );
    const everything = [...lines, failure.appError.title, failure.appError.detail ?? ''].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    // What is not secret stays readable: the log is still useful.
    expect(everything).toContain('root@pam');
    expect(everything).toContain('web-01');
    expect(everything).toContain('/ticket');
    expect(lines.some((line) => line.startsWith('← 200'))).toBe(true);
  });
});
