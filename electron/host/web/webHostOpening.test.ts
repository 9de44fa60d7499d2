import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngineService } from '../../engine/service/engineService';
import type { EngineService } from '../../engine/service/types';
import { startWebHost } from './webHost';

// The host listens before the engine is open (`rackpilot serve` prints its URL at once): pages are served
// meanwhile, and a socket that comes early waits for the engine instead of being refused.

const root = mkdtempSync(join(tmpdir(), 'rp-web-opening-'));
const staticDir = join(root, 'static');

beforeAll(() => {
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function getPage(port: number, token: string) {
  return new Promise<number>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: `/?token=${token}` }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
    req.on('error', reject);
    req.end();
  });
}

function firstReply(socket: WebSocket) {
  return new Promise<unknown>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (cause: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('web host while the engine opens', () => {
  it('serves the page at once and answers an early socket once the engine is open', async () => {
    const opening = deferred<EngineService>();
    const host = await startWebHost({ engine: opening.promise, staticDir });
    let engine: EngineService | undefined;
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { headers: { origin: `http://127.0.0.1:${host.port}` } });
      let openedBeforeEngine = false;
      socket.once('open', () => (openedBeforeEngine = engine === undefined));
      expect(await getPage(host.port, host.token)).toBe(200);

      engine = await createEngineService({ dataDir: join(root, 'data'), host: 'web', version: 'opening-test' });
      opening.resolve(engine);
      await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
      expect(openedBeforeEngine).toBe(false);
      const reply = firstReply(socket);
      socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info', payload: {} }));
      expect(await reply).toMatchObject({ type: 'reply', id: 1, reply: { ok: true, value: { version: 'opening-test' } } });
      socket.close();
    } finally {
      await host.close();
      await engine?.close();
    }
  });

  it('answers sockets with 503 when the engine cannot open, and still closes cleanly', async () => {
    const opening = deferred<EngineService>();
    const host = await startWebHost({ engine: opening.promise, staticDir });
    try {
      const socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { headers: { origin: `http://127.0.0.1:${host.port}` } });
      const status = new Promise<number>((resolve, reject) => {
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('open', () => reject(new Error('the socket opened without an engine')));
      });
      socket.on('error', () => undefined);
      opening.reject(new Error('another engine owns the data folder'));
      expect(await status).toBe(503);
    } finally {
      await host.close();
    }
  });
});
