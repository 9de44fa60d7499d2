import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngineService } from '../../engine/service/engineService';
import type { EngineService } from '../../engine/service/types';
import { startWebHost, type WebHost } from './webHost';

let engine: EngineService;
let host: WebHost;
const root = mkdtempSync(join(tmpdir(), 'rp-web-'));

beforeAll(async () => {
  const staticDir = join(root, 'static');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(staticDir, 'assets', 'index-Qu-pOIKA.js'), 'console.log(2)');
  writeFileSync(join(root, 'secret.txt'), 'outside');
  engine = await createEngineService({ dataDir: join(root, 'data'), host: 'web', version: 'test' });
  host = await startWebHost({ engine, staticDir });
});

afterAll(async () => {
  await host.close();
  await engine.close();
  rmSync(root, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, headers: Record<string, string> = {}) {
  return new WebSocket(`ws://127.0.0.1:${host.port}/ws${query}`, { headers });
}

function opened(socket: WebSocket) {
  return new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('web host', () => {
  it('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses requests without the token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
  });

  it('serves the page with the token, sets the cookie, injects the bridge and a strict CSP', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<meta name="rackpilot-token" content="${host.token}">`);
    expect(page.body).toContain('<script src="./bridge.js"></script>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toBe(`rackpilot_token_${host.port}=${host.token}`);
    const asset = await get('/assets/app.js', { cookie });
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log(1)');
  });

  it('lets the browser keep content-hashed assets, never the page (it carries the token) or other files', async () => {
    const page = await get(`/?token=${host.token}`);
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect(page.headers['cache-control']).toBe('no-store');
    expect((await get('/assets/app.js', { cookie })).headers['cache-control']).toBe('no-store');
    const hashed = await get('/assets/index-Qu-pOIKA.js', { cookie });
    expect(hashed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(hashed.headers['content-encoding']).toBeUndefined();
  });

  it('refuses other hosts (DNS rebinding) and other origins', async () => {
    expect((await get(`/?token=${host.token}`, { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await get(`/?token=${host.token}`, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('never serves files outside its folder', async () => {
    expect((await get(`/..%2Fsecret.txt?token=${host.token}`)).status).toBe(404);
    expect((await get(`/%2e%2e/secret.txt?token=${host.token}`)).status).toBe(404);
  });

  it('refuses sockets without the token or from another origin', async () => {
    await expect(opened(connect(''))).rejects.toThrow(/401/);
    await expect(opened(connect(`?token=${host.token}`, { origin: 'http://evil.example' }))).rejects.toThrow(/403/);
  });

  it('answers contract calls over the socket and pushes run events', async () => {
    const socket = connect(`?token=${host.token}`, { origin: `http://127.0.0.1:${host.port}` });
    await opened(socket);
    const messages: any[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    const reply = async (id: number) => {
      for (let i = 0; i < 200; i++) {
        const found = messages.find((message) => message.type === 'reply' && message.id === id);
        if (found) return found.reply;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`no reply ${id}`);
    };
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info', payload: {} }));
    expect(await reply(1)).toMatchObject({ ok: true, value: { host: 'web', version: 'test' } });
    socket.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'run:get', payload: { runId: 7 } }));
    expect(await reply(2)).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    socket.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'shell:exec', payload: {} }));
    expect(await reply(3)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    socket.send('not json');
    socket.send(JSON.stringify({ type: 'invoke', id: 4, channel: 'run:start', payload: { source: { kind: 'demo', targets: 1, stepMs: 20 } } }));
    const started = await reply(4);
    expect(started.ok).toBe(true);
    for (let i = 0; i < 200 && !messages.some((m) => m.type === 'event' && m.payload.events.some((e: any) => e.type === 'run.state' && e.state === 'succeeded')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const events = messages.filter((m) => m.type === 'event').flatMap((m) => m.payload.events);
    expect(events.every((event: any) => event.runId === started.value.runId)).toBe(true);
    expect(events.some((event: any) => event.type === 'run.state' && event.state === 'succeeded')).toBe(true);
    socket.close();
  });
});
