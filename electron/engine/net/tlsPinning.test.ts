import { X509Certificate } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunStore } from '../store/runStore';
import { fetchCertificate } from './fetchCertificate';
import { createHttpClient, type HttpClient } from './httpClient';
import { makeCaSigned, makeSelfSigned, memoryTrustStore, startByteCountingTlsServer, startTlsServer, type KeyPair } from './tlsTestKit';
import type { TrustPrompt, TrustStore } from './types';
import { failureOf } from '../testing/failureOf';

// The engine's store must fit the client's trust interface as it is.
const storeFits: (store: RunStore) => TrustStore = (store) => store;
void storeFits;

let selfSigned: KeyPair;
let impostor: KeyPair;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  selfSigned = makeSelfSigned('pve-test');
  impostor = makeSelfSigned('pve-test');
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(keys: KeyPair) {
  const server = await startTlsServer(keys);
  cleanups.push(() => server.stop());
  return server;
}

function client(port: number, options: Partial<Parameters<typeof createHttpClient>[0]> = {}): HttpClient {
  const created = createHttpClient({ baseURL: `https://127.0.0.1:${port}`, trust: memoryTrustStore(), timeoutMs: 5000, ...options });
  cleanups.push(() => created.close());
  return created;
}


describe('TLS trust on first use', () => {
  it('refuses an unpinned self-signed certificate before sending the request', async () => {
    const server = await serve(selfSigned);
    const failure = await failureOf(client(server.port).get('/api2/json/version'));
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toContain(`127.0.0.1:${server.port}`);
    expect(failure.appError.title).toContain(selfSigned.fingerprint);
    expect(failure.appError.retryable).toBe(false);
    expect(server.requests()).toBe(0);
  });

  it('accepts a pinned certificate', async () => {
    const server = await serve(selfSigned);
    const trust = memoryTrustStore();
    trust.addPin({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint: selfSigned.fingerprint, subject: null }, 0);
    const response = await client(server.port, { trust }).get('/api2/json/version');
    expect(response.data).toEqual({ data: { path: '/api2/json/version' } });
  });

  it('accepts a pin written in another spelling (lower case, no colons)', async () => {
    const server = await serve(selfSigned);
    const trust = memoryTrustStore();
    const loose = selfSigned.fingerprint.replace(/:/g, '').toLowerCase();
    trust.addPin({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint: loose, subject: null }, 0);
    expect((await client(server.port, { trust }).get('/x')).status).toBe(200);
  });

  it('refuses a different certificate on a pinned host:port without asking (MITM)', async () => {
    const server = await serve(selfSigned);
    const trust = memoryTrustStore();
    trust.addPin({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint: selfSigned.fingerprint, subject: null }, 0);
    server.server.setSecureContext({ key: impostor.key, cert: impostor.cert });
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    const failure = await failureOf(client(server.port, { trust, prompt }).get('/x'));
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toContain('changed');
    expect(failure.appError.title).toContain(impostor.fingerprint);
    expect(prompt).not.toHaveBeenCalled();
    expect(server.requests()).toBe(0);
    expect(trust.pins).toHaveLength(1);
  });

  it('accepts a fingerprint given up front by the workbook', async () => {
    const server = await serve(selfSigned);
    const prompt = vi.fn<TrustPrompt>(async () => 'reject');
    const response = await client(server.port, { prompt, expectedFingerprints: [selfSigned.fingerprint.toLowerCase()] }).get('/x');
    expect(response.status).toBe(200);
    expect(prompt).not.toHaveBeenCalled();
  });

  it("accepts the workbook's SHA-1 thumbprint (as vCenter shows it) and refuses another one before sending a byte", async () => {
    const server = await serve(selfSigned);
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    const thumbprint = new X509Certificate(selfSigned.cert).fingerprint;
    const accepted = await client(server.port, { prompt, expectedFingerprints: [thumbprint] }).get('/x');
    expect(accepted.status).toBe(200);
    const other = new X509Certificate(impostor.cert).fingerprint;
    const trust = memoryTrustStore();
    const failure = await failureOf(client(server.port, { prompt, trust, expectedFingerprints: [other] }).get('/y'));
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toContain(`SHA-1 ${thumbprint}`);
    expect(prompt).not.toHaveBeenCalled();
    expect(trust.pins).toEqual([]);
    expect(server.requests()).toBe(1);
  });

  it('rejects a malformed expected fingerprint when the client is made', () => {
    expect(() => createHttpClient({ baseURL: 'https://h', trust: memoryTrustStore(), timeoutMs: 1000, expectedFingerprints: ['12:34'] })).toThrow(
      /neither a SHA-256 fingerprint .* nor a SHA-1 thumbprint/,
    );
  });

  it("asks once per connection; 'trust-always' pins it and the next client does not ask", async () => {
    const server = await serve(selfSigned);
    const trust = memoryTrustStore();
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    expect((await client(server.port, { trust, prompt }).get('/a')).status).toBe(200);
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(prompt.mock.calls[0]![0]).toMatchObject({ host: '127.0.0.1', port: server.port, fingerprint: selfSigned.fingerprint });
    expect(prompt.mock.calls[0]![0].subject).toContain('CN=pve-test');
    expect(trust.pins).toEqual([{ host: '127.0.0.1', port: server.port, fingerprint: selfSigned.fingerprint, subject: expect.stringContaining('CN=pve-test') }]);
    expect((await client(server.port, { trust, prompt }).get('/b')).status).toBe(200);
    expect(prompt).toHaveBeenCalledTimes(1);
  });

  it("'trust-once' lasts for the client only and pins nothing", async () => {
    const server = await serve(selfSigned);
    const trust = memoryTrustStore();
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-once');
    const first = client(server.port, { trust, prompt });
    await first.get('/a');
    first.close(); // force a new connection on the next request
    await first.get('/b');
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(trust.pins).toHaveLength(0);
    await client(server.port, { trust, prompt }).get('/c');
    expect(prompt).toHaveBeenCalledTimes(2);
  });

  it("'reject' fails with tls_untrusted and nothing reaches the server; the next attempt asks again", async () => {
    const server = await serve(selfSigned);
    const prompt = vi.fn<TrustPrompt>(async () => 'reject');
    const http = client(server.port, { prompt });
    const failure = await failureOf(http.get('/a'));
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toContain(selfSigned.fingerprint);
    expect(server.requests()).toBe(0);
    await failureOf(http.get('/b'));
    expect(prompt).toHaveBeenCalledTimes(2);
  });

  it('shares one question between concurrent connections', async () => {
    const server = await serve(selfSigned);
    let answer: (value: 'trust-once') => void = () => undefined;
    const prompt = vi.fn<TrustPrompt>(() => new Promise((resolve) => (answer = resolve)));
    const http = client(server.port, { prompt });
    const requests = Promise.all([http.get('/1'), http.get('/2'), http.get('/3')]);
    await vi.waitFor(() => expect(prompt).toHaveBeenCalled());
    answer('trust-once');
    expect((await requests).map((response) => response.status)).toEqual([200, 200, 200]);
    expect(prompt).toHaveBeenCalledTimes(1);
  });

  it('asks about a CA-signed certificate like any unknown one (the CA is shown, not trusted), and flags one naming another host', async () => {
    const good = makeCaSigned('IP:127.0.0.1');
    const server = await serve(good.leaf);
    const trust = memoryTrustStore();
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    expect((await client(server.port, { trust, prompt, ca: [good.ca] }).get('/x')).status).toBe(200);
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(prompt.mock.calls[0]![0]).toMatchObject({ fingerprint: good.leaf.fingerprint, caValid: true });
    expect(trust.pins.map((pin) => pin.fingerprint)).toEqual([good.leaf.fingerprint]);

    const wrongHost = makeCaSigned('DNS:other.example');
    const other = await serve(wrongHost.leaf);
    const failure = await failureOf(client(other.port, { ca: [wrongHost.ca] }).get('/x'));
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.detail).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(other.requests()).toBe(0);
  });
});

describe('a pin or the workbook wins over the CA', () => {
  let corporate: ReturnType<typeof makeCaSigned>;
  let renewed: ReturnType<typeof makeCaSigned>;
  beforeAll(() => {
    corporate = makeCaSigned('IP:127.0.0.1');
    renewed = makeCaSigned('IP:127.0.0.1');
  });

  async function countingServer(keys: KeyPair) {
    const server = await startByteCountingTlsServer(keys);
    cleanups.push(() => server.stop());
    return server;
  }

  it('sends the request to a CA-valid certificate the workbook names (the counter sees bytes)', async () => {
    const server = await countingServer(corporate.leaf);
    const response = await client(server.port, { ca: [corporate.ca], expectedFingerprints: [corporate.leaf.fingerprint] }).get('/x');
    expect(response.status).toBe(200);
    expect(server.bytesReceived()).toBeGreaterThan(0);
  });

  it('refuses a CA-valid certificate whose fingerprint is not the one the workbook names, before sending a byte', async () => {
    const server = await countingServer(corporate.leaf);
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    const trust = memoryTrustStore();
    const failure = await failureOf(
      client(server.port, { trust, prompt, ca: [corporate.ca], expectedFingerprints: [impostor.fingerprint] }).post('/access/ticket', { password: 'secret' }),
    );
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toContain(corporate.leaf.fingerprint);
    expect(failure.appError.title).toContain(impostor.fingerprint);
    expect(prompt).not.toHaveBeenCalled();
    expect(trust.pins).toHaveLength(0);
    expect(server.bytesReceived()).toBe(0);
  });

  it('refuses a CA-valid certificate that is not the pinned one, naming old and new, before sending a byte', async () => {
    const server = await countingServer(renewed.leaf);
    const trust = memoryTrustStore();
    trust.addPin({ kind: 'tls', host: '127.0.0.1', port: server.port, fingerprint: corporate.leaf.fingerprint, subject: null }, 0);
    const prompt = vi.fn<TrustPrompt>(async () => 'trust-always');
    const failure = await failureOf(client(server.port, { trust, prompt, ca: [renewed.ca] }).get('/x'));
    expect(failure.appError.code).toBe('tls_untrusted');
    expect(failure.appError.title).toContain('changed');
    expect(failure.appError.title).toContain(corporate.leaf.fingerprint);
    expect(failure.appError.title).toContain(renewed.leaf.fingerprint);
    expect(prompt).not.toHaveBeenCalled();
    expect(trust.pins.map((pin) => pin.fingerprint)).toEqual([corporate.leaf.fingerprint]);
    expect(server.bytesReceived()).toBe(0);
  });
});

describe('fetchCertificate', () => {
  it('reports what the server presents without trusting it', async () => {
    const server = await serve(selfSigned);
    const info = await fetchCertificate('127.0.0.1', server.port);
    expect(info.fingerprint).toBe(selfSigned.fingerprint);
    expect(info.subject).toBe('CN=pve-test, O=Rackpilot Test');
    expect(info.issuer).toBe(info.subject);
    expect(new Date(info.validTo).getTime()).toBeGreaterThan(new Date(info.validFrom).getTime());
    expect(info.trustedBySystem).toBe(false);
    expect(info.systemError).toBeTruthy();
    expect(server.requests()).toBe(0);
  });

  it('names host:port when nothing listens', async () => {
    const server = await serve(selfSigned);
    const port = server.port;
    await server.stop();
    const failure = await failureOf(fetchCertificate('127.0.0.1', port));
    expect(failure.appError.code).toBe('network');
    expect(failure.appError.title).toContain(`127.0.0.1:${port} refused the connection`);
  });

  it('stops when cancelled', async () => {
    const server = await serve(selfSigned);
    const failure = await failureOf(fetchCertificate('127.0.0.1', server.port, AbortSignal.abort()));
    expect(failure.appError.code).toBe('cancelled');
  });
});
