import { createServer, request as httpsRequest } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { LabController, LabEndpointInfo } from '../../engine/service/types';
import { createSelfSignedCertificate, fingerprintOf } from '../../lab/proxmox/tls';
import { checkRequest, type ParamValue } from './checkRequest';
import { UploadShapeCheck } from './uploadShape';

/**
 * A test-support HTTPS proxy in front of a Proxmox VE API (the lab): every
 * request is checked against the official schema (checkRequest) and, for
 * uploads, against the multipart shape pveproxy requires (UploadShapeCheck),
 * then forwarded unchanged. Violations are collected, never answered: the
 * run goes on as it would against the upstream, and the test reads them.
 * Upload bodies stream through; other bodies are small and read whole.
 */
export interface Violation {
  method: string;
  path: string;
  problems: string[];
}

export interface SchemaProxy {
  url: string;
  certPem: string;
  fingerprint: string;
  violations: Violation[];
  /** How many requests passed. */
  readonly requests: number;
  close(): Promise<void>;
}

const apiPrefix = '/api2/json';
const isUpload = (method: string, path: string): boolean => method === 'POST' && /^\/nodes\/[^/]+\/storage\/[^/]+\/upload$/.test(path);

export async function startSchemaProxy(upstream: { url: string; fingerprint: string }): Promise<SchemaProxy> {
  const tls = await createSelfSignedCertificate('pve-schema-proxy.local');
  const target = new URL(upstream.url);
  const violations: Violation[] = [];
  let requests = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests += 1;
    const url = new URL(req.url ?? '/', 'https://proxy.invalid');
    const method = req.method ?? 'GET';
    const flag = (problems: string[]) => {
      if (problems.length > 0) violations.push({ method, path: url.pathname, problems });
    };
    if (!url.pathname.startsWith(`${apiPrefix}/`)) flag([`${url.pathname} is not under ${apiPrefix}`]);
    const path = url.pathname.slice(apiPrefix.length).replace(/\/+$/, '') || '/';
    const query = Object.fromEntries(url.searchParams) as Record<string, ParamValue>;
    const forward = httpsRequest({
      host: target.hostname,
      port: target.port,
      method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
      rejectUnauthorized: false,
      agent: false,
    });
    // Read at the handshake: once the upstream has closed the socket its certificate is no longer there.
    let peer: string | null = null;
    forward.on('socket', (socket) => (socket as TLSSocket).once('secureConnect', () => (peer = (socket as TLSSocket).getPeerCertificate().fingerprint256)));
    forward.on('response', (answer) => {
      if (peer !== upstream.fingerprint) {
        answer.destroy();
        res.destroy();
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    res.on('close', () => forward.destroy());

    if (isUpload(method, path)) {
      const length = req.headers['content-length'];
      const shape = new UploadShapeCheck(req.headers['content-type'], length === undefined ? null : Number(length));
      req.on('data', (chunk: Buffer) => shape.push(chunk));
      req.on('end', () => {
        shape.end();
        flag([...shape.problems, ...checkRequest(method, path, { ...query, ...shape.params })]);
      });
      req.pipe(forward);
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    flag([...bodyProblems(method, req.headers['content-type'], body), ...checkRequest(method, path, { ...bodyParams(req.headers['content-type'], body), ...query })]);
    forward.end(body);
  };

  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    certPem: tls.certPem,
    fingerprint: fingerprintOf(tls.certPem),
    violations,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function bodyProblems(method: string, contentType: string | undefined, body: Buffer): string[] {
  if (body.length === 0) return [];
  if (method === 'GET' || method === 'DELETE') return [`${method} with a body (PVE: "Unexpected content for method '${method}'")`];
  const type = (contentType ?? '').split(';')[0]?.trim();
  if (type !== 'application/x-www-form-urlencoded' && type !== 'application/json') return [`body of type '${contentType ?? ''}' (PVE reads form or JSON bodies)`];
  return [];
}

function bodyParams(contentType: string | undefined, body: Buffer): Record<string, ParamValue> {
  if (body.length === 0) return {};
  if ((contentType ?? '').startsWith('application/json')) {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : (value as ParamValue)]));
  }
  return Object.fromEntries(new URLSearchParams(body.toString('utf8'))) as Record<string, ParamValue>;
}

/** A lab controller whose Proxmox endpoints are reached through one schema proxy each. */
export function proxiedLabController(inner: LabController, proxies: SchemaProxy[]): LabController {
  const byUpstream = new Map<string, Promise<SchemaProxy>>();
  const through = async (endpoint: LabEndpointInfo): Promise<LabEndpointInfo> => {
    if (endpoint.kind !== 'proxmox') return endpoint;
    let proxy = byUpstream.get(endpoint.url);
    if (!proxy) {
      proxy = startSchemaProxy(endpoint).then((started) => (proxies.push(started), started));
      byUpstream.set(endpoint.url, proxy);
    }
    const { url, fingerprint } = await proxy;
    return { ...endpoint, url, fingerprint };
  };
  let proxied: LabEndpointInfo[] | null = null;
  return {
    ensureStarted: async (prepare) => (proxied = await Promise.all((await inner.ensureStarted(prepare)).map(through))),
    running: () => (inner.running() ? proxied : null),
    reset: () => inner.reset(),
    stop: async () => {
      proxied = null;
      await Promise.all([...byUpstream.values()].map(async (proxy) => (await proxy).close()));
      byUpstream.clear();
      await inner.stop();
    },
  };
}
