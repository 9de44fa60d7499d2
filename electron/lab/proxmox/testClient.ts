import { request, type RequestOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { ProxmoxLab } from './server';

/**
 * A plain HTTPS client for the lab's tests: trusts the lab's own certificate
 * (no verification switched off) and checks the peer's fingerprint on every
 * response. Not used by product code.
 */

export interface ApiReply<T = unknown> {
  status: number;
  reason: string;
  body: { data: T; errors?: Record<string, string>; message?: string; total?: number };
}

export interface CallOptions {
  auth?: 'ticket' | 'token' | 'none';
  /** Send the CSRF token with a ticket (default true). */
  csrf?: boolean;
  json?: boolean;
  headers?: Record<string, string>;
}

export function rawRequest(
  lab: Pick<ProxmoxLab, 'url' | 'certPem' | 'fingerprint'>,
  method: string,
  path: string,
  headers: Record<string, string | number>,
  body?: Buffer | string | ((write: (chunk: Buffer) => Promise<void>) => Promise<void>),
): Promise<{ status: number; reason: string; text: string }> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions = { method, headers, ca: lab.certPem, agent: false };
    const req = request(`${lab.url}${path}`, options, (res) => {
      const peer = (res.socket as TLSSocket).getPeerCertificate();
      if (peer.fingerprint256 !== lab.fingerprint) {
        reject(new Error(`certificate fingerprint ${peer.fingerprint256} is not the lab's`));
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (typeof body === 'function') {
      const write = (chunk: Buffer) =>
        new Promise<void>((done, fail) => {
          if (req.destroyed) return fail(new Error('request destroyed'));
          if (req.write(chunk)) return done();
          const settle = (error?: Error) => {
            req.off('drain', onDrain);
            req.off('close', onClose);
            if (error) fail(error);
            else done();
          };
          const onDrain = () => settle();
          const onClose = () => settle(new Error('request closed'));
          req.once('drain', onDrain);
          req.once('close', onClose);
        });
      body(write).then(
        () => req.end(),
        (error: unknown) => {
          req.destroy();
          reject(error);
        },
      );
    } else {
      req.end(body);
    }
  });
}

export class LabClient {
  private session: { ticket: string; csrf: string } | null = null;

  constructor(readonly lab: ProxmoxLab) {}

  async login(username = this.lab.username, password = this.lab.password): Promise<ApiReply<{ ticket: string; CSRFPreventionToken: string; username: string }>> {
    const reply = await this.call<{ ticket: string; CSRFPreventionToken: string; username: string }>('POST', '/access/ticket', { username, password }, { auth: 'none' });
    if (reply.status === 200) this.session = { ticket: reply.body.data.ticket, csrf: reply.body.data.CSRFPreventionToken };
    return reply;
  }

  get ticket(): { ticket: string; csrf: string } | null {
    return this.session;
  }

  async call<T = unknown>(method: string, path: string, params: Record<string, unknown> = {}, options: CallOptions = {}): Promise<ApiReply<T>> {
    const headers: Record<string, string | number> = { ...options.headers };
    const auth = options.auth ?? 'ticket';
    if (auth === 'ticket' && this.session) {
      headers.Cookie = `PVEAuthCookie=${encodeURIComponent(this.session.ticket)}`;
      if (options.csrf !== false) headers.CSRFPreventionToken = this.session.csrf;
    }
    if (auth === 'token') headers.Authorization = this.lab.apiToken.header;
    const entries = Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]);
    let query = '';
    let body: string | undefined;
    if (method === 'GET' || method === 'DELETE') {
      query = entries.length > 0 ? `?${new URLSearchParams(entries).toString()}` : '';
    } else if (options.json) {
      body = JSON.stringify(params);
      headers['Content-Type'] = 'application/json';
    } else {
      body = new URLSearchParams(entries).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const reply = await rawRequest(this.lab, method, `/api2/json${path}${query}`, headers, body);
    return { status: reply.status, reason: reply.reason, body: JSON.parse(reply.text) as ApiReply<T>['body'] };
  }

  /** Polls a task until it stops; returns its exit status and log lines. */
  async waitTask(node: string, upid: string): Promise<{ exitstatus: string; log: string[] }> {
    const path = `/nodes/${node}/tasks/${encodeURIComponent(upid)}`;
    for (;;) {
      const status = await this.call<{ status: string; exitstatus?: string }>('GET', `${path}/status`);
      if (status.status !== 200) throw new Error(`task status: ${status.status} ${status.reason}`);
      if (status.body.data.status === 'stopped') {
        const log = await this.call<{ n: number; t: string }[]>('GET', `${path}/log`, { limit: 0 });
        return { exitstatus: status.body.data.exitstatus ?? '', log: log.body.data.map((line) => line.t) };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Streams a multipart body with `fields` (in their order) before (or after) the file part named `filename`; `newline` LF for bare-LF bodies. */
export function multipartUpload(
  lab: ProxmoxLab,
  client: LabClient,
  target: { node: string; storage: string },
  upload: {
    filename: string;
    fields: Record<string, string>;
    fieldsAfter?: Record<string, string>;
    data: Buffer | { size: number; byte?: number };
    newline?: '\r\n' | '\n';
  },
): Promise<{ status: number; reason: string; text: string }> {
  const boundary = `----rackpilotLab${Math.random().toString(16).slice(2)}`;
  const nl = upload.newline ?? '\r\n';
  const field = (name: string, value: string) => Buffer.from(`--${boundary}${nl}Content-Disposition: form-data; name="${name}"${nl}${nl}${value}${nl}`);
  const before = Buffer.concat(Object.entries(upload.fields).map(([name, value]) => field(name, value)));
  const fileHead = Buffer.from(`--${boundary}${nl}Content-Disposition: form-data; name="filename"; filename="${upload.filename}"${nl}Content-Type: application/octet-stream${nl}${nl}`);
  const after = Buffer.concat([Buffer.from(nl), ...Object.entries(upload.fieldsAfter ?? {}).map(([name, value]) => field(name, value)), Buffer.from(`--${boundary}--${nl}`)]);
  const size = Buffer.isBuffer(upload.data) ? upload.data.length : upload.data.size;
  const session = client.ticket;
  const headers: Record<string, string | number> = {
    'Content-Type': `multipart/form-data; boundary=${boundary}`,
    'Content-Length': before.length + fileHead.length + size + after.length,
  };
  if (session) Object.assign(headers, { Cookie: `PVEAuthCookie=${encodeURIComponent(session.ticket)}`, CSRFPreventionToken: session.csrf });
  const data = upload.data;
  return rawRequest(lab, 'POST', `/api2/json/nodes/${target.node}/storage/${target.storage}/upload`, headers, async (write) => {
    await write(before);
    await write(fileHead);
    if (Buffer.isBuffer(data)) await write(data);
    else {
      const block = Buffer.alloc(256 * 1024, data.byte ?? 0x5a);
      for (let sent = 0; sent < data.size; sent += block.length) await write(block.subarray(0, Math.min(block.length, data.size - sent)));
    }
    await write(after);
  });
}
