import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectChinese } from '../../integration/expectChinese';
import { thrownAppError } from '../runner/testFakes';
import { failureOf } from '../testing/failureOf';
import { createHttpClient, type HttpClient } from './httpClient';
import { assertTargetAllowed } from './networkScope';
import { makeSelfSigned, memoryTrustStore, startTlsServer, type KeyPair } from './tlsTestKit';
import type { HttpClientOptions } from './types';

/*
 * The HTTP and TLS failures an engineer meets most, made to happen against
 * real peers on loopback and read in Chinese: Rackpilot's words are Chinese,
 * hosts, ports, fingerprints and what the server said stay as they were.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let serverKeys: KeyPair;
let impostorKeys: KeyPair;
beforeAll(() => {
  serverKeys = makeSelfSigned('pve-zh');
  impostorKeys = makeSelfSigned('pve-zh');
});

function client(baseURL: string, options: Partial<HttpClientOptions> = {}): HttpClient {
  const created = createHttpClient({ baseURL, trust: memoryTrustStore(), timeoutMs: 5000, ...options });
  cleanups.push(() => created.close());
  return created;
}

async function tlsServer(keys: KeyPair) {
  const server = await startTlsServer(keys);
  cleanups.push(() => server.stop());
  return server;
}

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function httpServer(answer: (res: import('node:http').ServerResponse) => void): Promise<number> {
  const server: Server = createHttpServer((_req, res) => answer(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}



describe('HTTP and TLS failures read in Chinese', () => {
  it('a refused port names host:port and the request, in Chinese', async () => {
    const port = await closedPort();
    const failure = await failureOf(client(`http://127.0.0.1:${port}`).get('/api2/json/version'));
    expect(failure.appError.code).toBe('network');
    expect(failure.appError.title).toContain(`127.0.0.1:${port} refused the connection`);
    const zh = expectChinese(failure.appError, [`127.0.0.1:${port}`, 'GET /api2/json/version']);
    expect(zh.title).toContain('拒绝了连接');
  });

  it('an unknown self-signed certificate is not trusted without a prompt, and the hint says where to trust it', async () => {
    const server = await tlsServer(serverKeys);
    const failure = await failureOf(client(`https://127.0.0.1:${server.port}`).get('/x'));
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toBe(`The certificate of 127.0.0.1:${server.port} (SHA-256 ${serverKeys.fingerprint}) is not trusted.`);
    const zh = expectChinese(failure.appError, [`127.0.0.1:${server.port}`, serverKeys.fingerprint]);
    expect(zh.title).toContain('不受信任');
    expect(zh.hint).toContain('预检');
    expect(server.requests()).toBe(0);
  });

  it('a certificate that changed since it was pinned names both fingerprints in Chinese', async () => {
    const server = await tlsServer(serverKeys);
    const trust = memoryTrustStore();
    trust.addPin({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint: serverKeys.fingerprint, subject: null }, 0);
    server.server.setSecureContext({ key: impostorKeys.key, cert: impostorKeys.cert });
    const failure = await failureOf(client(`https://127.0.0.1:${server.port}`, { trust, prompt: async () => 'trust-always' }).get('/x'));
    expect(failure.appError.title).toContain('changed');
    const zh = expectChinese(failure.appError, [`127.0.0.1:${server.port}`, impostorKeys.fingerprint, serverKeys.fingerprint]);
    expect(zh.title).toContain('已改变');
    expect(zh.hint).toContain('拦截');
  });

  it("a certificate that is not the workbook's names the expected one, and a rejected one says how to be asked again", async () => {
    const server = await tlsServer(serverKeys);
    const unexpected = await failureOf(client(`https://127.0.0.1:${server.port}`, { expectedFingerprints: [impostorKeys.fingerprint] }).get('/x'));
    expectChinese(unexpected.appError, [`127.0.0.1:${server.port}`, serverKeys.fingerprint, impostorKeys.fingerprint]);
    const rejected = await failureOf(client(`https://127.0.0.1:${server.port}`, { prompt: async () => 'reject' }).get('/x'));
    expect(rejected.appError.title).toContain('was rejected');
    expect(expectChinese(rejected.appError, [`127.0.0.1:${server.port}`]).title).toContain('已被拒绝');
  });

  it("a 200 answer that is not JSON keeps the server's content type and the request", async () => {
    const port = await httpServer((res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Please log in</body></html>');
    });
    const failure = await failureOf(client(`http://127.0.0.1:${port}`).get('/api2/json/nodes'));
    expect(failure.appError.detail).toContain('Please log in');
    const zh = expectChinese(failure.appError, [`127.0.0.1:${port}`, 'GET /api2/json/nodes', 'text/html; charset=utf-8']);
    expect(zh.title).toContain('不是 JSON');
  });

  it('a malformed workbook fingerprint, a bad endpoint URL and a blocked address read in Chinese', () => {
    const fingerprint = thrownAppError(() => createHttpClient({ baseURL: 'https://127.0.0.1:1', trust: memoryTrustStore(), timeoutMs: 1000, expectedFingerprints: ['12:34'] }));
    expect(fingerprint.title).toContain('"12:34" is neither a SHA-256 fingerprint');
    expect(expectChinese(fingerprint, ['12:34']).title).toContain('预期的证书指纹');

    const notUrl = thrownAppError(() => createHttpClient({ baseURL: 'pve 1', trust: memoryTrustStore(), timeoutMs: 1000 }));
    expect(notUrl.title).toBe('The endpoint URL "pve 1" is not a valid URL.');
    expect(expectChinese(notUrl, ['pve 1']).hint).toContain('https://pve1.example.com:8006');
    expectChinese(thrownAppError(() => createHttpClient({ baseURL: 'ftp://127.0.0.1', trust: memoryTrustStore(), timeoutMs: 1000 })), ['ftp://127.0.0.1']);

    // Decided before any socket is opened: nothing is sent to the address.
    const blocked = thrownAppError(() => assertTargetAllowed('192.0.2.10', 8006, { RACKPILOT_NETWORK_SCOPE: 'loopback' }));
    expect(expectChinese(blocked, ['192.0.2.10:8006']).hint).toContain('RACKPILOT_NETWORK_SCOPE=loopback');
  });
});
