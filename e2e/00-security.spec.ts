import WebSocket from 'ws';
import { contentSecurityPolicy, serializeCsp } from '../shared/csp';
import { expect, test } from './webhost.fixture';

/** The status of a WebSocket handshake (101 when accepted). */
function handshakeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', (error) => reject(error));
  });
}

test('the web host refuses requests and sockets without the launch token or from another origin', async ({ playwright, webHost }) => {
  // A fresh context: no cookie from an earlier visit.
  const api = await playwright.request.newContext();
  try {
    expect((await api.get(`${webHost.origin}/`)).status()).toBe(401);
    expect((await api.get(`${webHost.origin}/?token=wrong`)).status()).toBe(401);
    expect((await api.get(`${webHost.origin}/bridge.js`)).status()).toBe(401);
    expect((await api.get(webHost.url, { headers: { Origin: 'http://evil.example' } })).status()).toBe(403);
    expect((await api.get(webHost.url)).status()).toBe(200);
  } finally {
    await api.dispose();
  }

  const socketUrl = `ws://127.0.0.1:${webHost.port}/ws`;
  expect([401, 403]).toContain(await handshakeStatus(socketUrl));
  expect(await handshakeStatus(`${socketUrl}?token=${webHost.token}`, { Origin: 'http://evil.example' })).toBe(403);
  expect(await handshakeStatus(`${socketUrl}?token=${webHost.token}`)).toBe(101);
});

test('the built page and the served header carry the one policy of shared/csp.ts, and the app still connects under it', async ({ page, webHost }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto(webHost.url);
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy);
  const metas = await page.locator('meta[http-equiv="Content-Security-Policy"]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('content')));
  expect(metas).toEqual([serializeCsp('meta')]);
  // `connect-src 'self'` must admit the page's own WebSocket: the app info arrives over it.
  await expect(page.getByTestId('start-screen')).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveAttribute('data-connected', 'true');
  const reply = await page.evaluate(() => (globalThis as unknown as { rackpilot: { invoke(channel: string, request: unknown): Promise<{ ok: boolean }> } }).rackpilot.invoke('app:info', {}));
  expect(reply.ok).toBe(true);
  expect(violations).toEqual([]);
});
