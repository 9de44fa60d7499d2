import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/*
 * The little HTTP layer the four simulated services share: routes matched by
 * method and path pattern, JSON or raw bodies, and a request id header on
 * every answer, as oslo.middleware adds to the real services'.
 */

export interface LabRequest {
  method: string;
  /** The path without query, with no trailing slash (except "/"). */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  raw: IncomingMessage;
  /** The body as JSON; `undefined` when empty; throws BadJson when it does not parse. */
  json(): Promise<unknown>;
  bytes(): Promise<Buffer>;
}

export interface LabReply {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, a string (sent as given) or bytes; none for 204. */
  body?: unknown;
  contentType?: string;
}

export class BadJson extends Error {}

export type Handler = (request: LabRequest, params: string[]) => LabReply | Promise<LabReply>;
export interface Route {
  method: string;
  pattern: RegExp;
  handle: Handler;
}

export const route = (method: string, path: string, handle: Handler): Route => ({
  method,
  // `{id}` is one path segment.
  pattern: new RegExp(`^${path.replace(/\{[a-z_]+\}/g, '([^/]+)')}$`),
  handle,
});

export const json = (status: number, body: unknown, headers?: Record<string, string>): LabReply => ({ status, body, headers });

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: LabReply): void {
  const headers: Record<string, string> = { 'x-openstack-request-id': `req-${randomUUID()}`, ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, { ...headers, 'content-length': '0' }).end();
    return;
  }
  const isBytes = Buffer.isBuffer(reply.body);
  const payload = isBytes ? (reply.body as Buffer) : Buffer.from(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  const type = reply.contentType ?? (isBytes ? 'application/octet-stream' : typeof reply.body === 'string' ? 'text/plain; charset=UTF-8' : 'application/json');
  res.writeHead(reply.status, { ...headers, 'content-type': type, 'content-length': String(payload.length) }).end(payload);
}

export interface ServiceOptions {
  routes: Route[];
  /** The answer to a path no route has (each service words it its own way). */
  notFound(request: LabRequest): LabReply;
  /** The answer to a body that is not JSON. */
  badJson(request: LabRequest): LabReply;
  /** Runs before routing: authentication, faults, latency. A reply ends the request there. */
  before?(request: LabRequest): Promise<LabReply | null> | LabReply | null;
  /** Called once a route has answered: true cuts the connection instead of sending the answer (faults.ts `answerLost`). */
  loseAnswer?(request: LabRequest): boolean;
  /** HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

export interface ServiceServer {
  server: Server | TlsServer;
  port: number;
  close(): Promise<void>;
}

export async function startService(host: string, port: number, options: ServiceOptions): Promise<ServiceServer> {
  const listener: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://lab.invalid');
    let body: Promise<Buffer> | undefined;
    const bytes = () => (body ??= readAll(req));
    const request: LabRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname,
      query: url.searchParams,
      headers: req.headers,
      raw: req,
      bytes,
      async json() {
        const text = (await bytes()).toString('utf8');
        if (text.trim() === '') return undefined;
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new BadJson();
        }
      },
    };
    void (async () => {
      try {
        const early = await options.before?.(request);
        if (early) return send(res, early);
        for (const candidate of options.routes) {
          if (candidate.method !== request.method) continue;
          const match = candidate.pattern.exec(request.path);
          if (!match) continue;
          const reply = await candidate.handle(request, match.slice(1).map(decodeURIComponent));
          if (options.loseAnswer?.(request)) return void req.socket.destroy();
          return send(res, reply);
        }
        send(res, options.notFound(request));
      } catch (error) {
        if (error instanceof BadJson) return send(res, options.badJson(request));
        if (!res.headersSent) send(res, { status: 500, body: { error: String(error) } });
        else res.destroy();
      }
    })();
  };
  const server = options.tls ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
