import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Simulator } from '../../lab';
import { createSelfSignedCertificate, fingerprintOf } from '../../lab/proxmox/tls';

/**
 * A tiny platform for the provider-seam test: HTTPS on loopback, Basic
 * login, `GET /version`, and servers to create (`POST /servers`), list and
 * delete. It records the preparation the rehearsal sent.
 */
export interface FakeCloud {
  servers: Map<string, { id: string; name: string }>;
  preparations: unknown[];
}

export function fakeCloudSimulator(kind: string): { simulator: Simulator; cloud: FakeCloud } {
  const cloud: FakeCloud = { servers: new Map(), preparations: [] };
  const simulator: Simulator = {
    kind,
    title: 'Fake cloud',
    async start() {
      const tls = await createSelfSignedCertificate('fake-cloud.local');
      const password = randomBytes(9).toString('base64url');
      const expected = `Basic ${Buffer.from(`admin:${password}`).toString('base64')}`;
      let next = 1;
      const reply = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
        if (req.headers.authorization !== expected) return reply(res, 401, { error: 'login failed' });
        if (req.method === 'GET' && req.url === '/version') return reply(res, 200, { version: '1.0' });
        if (req.method === 'GET' && req.url === '/servers') return reply(res, 200, [...cloud.servers.values()]);
        if (req.method === 'POST' && req.url === '/servers') {
          const server = { id: `srv-${next++}`, name: String((JSON.parse(body) as { name?: unknown }).name) };
          cloud.servers.set(server.id, server);
          return reply(res, 201, server);
        }
        const deleted = /^\/servers\/([\w-]+)$/.exec(req.url ?? '');
        if (req.method === 'DELETE' && deleted) return reply(res, cloud.servers.delete(deleted[1]!) ? 204 : 404, {});
        return reply(res, 404, { error: `${req.method} ${req.url}` });
      };
      const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => handle(req, res, body));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      return {
        endpoint: { kind, url: `https://127.0.0.1:${port}`, username: 'admin', password, fingerprint: fingerprintOf(tls.certPem) },
        prepare: (preparation) => void cloud.preparations.push(preparation),
        reset: async () => cloud.servers.clear(),
        handle: cloud,
        close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
      };
    },
  };
  return { simulator, cloud };
}
