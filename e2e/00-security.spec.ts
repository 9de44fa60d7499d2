import WebSocket from 'ws';
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
