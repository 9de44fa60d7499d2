import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import { Secret } from '../../../../shared/plan/secret';
import { ProxmoxClient } from './client';
import { ProxmoxFailure } from './proxmoxErrors';
import type { ProxmoxAuth } from './types';

interface Seen {
  method: string;
  url: string;
  cookie?: string;
  csrf?: string;
  authorization?: string;
  body: string;
}

type Answer = { status: number; reason?: string; body: unknown };

/** A tiny pveproxy stand-in: records requests, answers from `script` (by "METHOD path"), else {data: 'ok'}. */
let seen: Seen[] = [];
let script: Map<string, Answer[]> = new Map();
let server: Server;
let url: string;
const signal = new AbortController().signal;
const trust = { findPins: () => [], addPin: () => undefined };

function handle(req: IncomingMessage, res: ServerResponse): void {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      body,
      ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}),
      ...(typeof req.headers.csrfpreventiontoken === 'string' ? { csrf: req.headers.csrfpreventiontoken } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const key = `${req.method} ${(req.url ?? '').split('?')[0]}`;
    const queued = script.get(key)?.shift();
    const loginCount = seen.filter((entry) => entry.url.endsWith('/access/ticket')).length;
    const answer: Answer =
      queued ?? (key.endsWith('/access/ticket') ? { status: 200, body: { data: { ticket: `PVE:root@pam:T${loginCount}`, CSRFPreventionToken: `C${loginCount}`, username: 'root@pam' } } } : { status: 200, body: { data: 'ok' } });
    res.statusCode = answer.status;
    if (answer.reason) res.statusMessage = answer.reason;
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify(answer.body));
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  script = new Map();
});

const passwordAuth: ProxmoxAuth = { kind: 'password', username: 'root', password: new Secret('hunter2-secret') };

function client(auth: ProxmoxAuth = passwordAuth, now?: () => number): ProxmoxClient {
  return new ProxmoxClient({ endpoint: { name: 'pve-test', url, auth, fingerprints: [] }, trust, ...(now ? { now } : {}) });
}

describe('ProxmoxClient with a ticket', () => {
  it('logs in once, sends the cookie on every call and the CSRF token only on writes, form-encoded', async () => {
    const pve = client();
    try {
      expect(await pve.get('/version', signal)).toBe('ok');
      await pve.post('/nodes/pve1/qemu/100/config', signal, { cores: 2, onboot: true, name: 'a b', skip: undefined });
      await pve.delete('/nodes/pve1/qemu/100', signal, { purge: true });
    } finally {
      pve.close();
    }
    const [login, get, post, del] = seen;
    expect(login).toMatchObject({ method: 'POST', url: '/api2/json/access/ticket', body: 'username=root%40pam&password=hunter2-secret' });
    expect(get).toMatchObject({ method: 'GET', url: '/api2/json/version', cookie: 'PVEAuthCookie=PVE:root@pam:T1' });
    expect(get?.csrf).toBeUndefined();
    expect(post).toMatchObject({ method: 'POST', csrf: 'C1', body: 'cores=2&onboot=1&name=a+b' });
    expect(del).toMatchObject({ method: 'DELETE', url: '/api2/json/nodes/pve1/qemu/100?purge=1', csrf: 'C1' });
    expect(seen).toHaveLength(4);
  });

  it('renews the ticket by posting it as the password once it is older than the renewal age', async () => {
    let now = 0;
    const pve = client(passwordAuth, () => now);
    try {
      await pve.get('/version', signal);
      now = 91 * 60_000;
      await pve.get('/version', signal);
    } finally {
      pve.close();
    }
    const logins = seen.filter((entry) => entry.url.endsWith('/access/ticket'));
    expect(logins.map((entry) => entry.body)).toEqual(['username=root%40pam&password=hunter2-secret', 'username=root%40pam&password=PVE%3Aroot%40pam%3AT1']);
    expect(seen.at(-1)?.cookie).toBe('PVEAuthCookie=PVE:root@pam:T2');
  });

  it('logs in again once when a call answers 401, and gives up on a second 401', async () => {
    script.set('GET /api2/json/version', [{ status: 401, reason: 'invalid PVE ticket', body: { data: null } }]);
    const pve = client();
    try {
      expect(await pve.get('/version', signal)).toBe('ok');
      script.set('GET /api2/json/nodes', [401, 401].map(() => ({ status: 401, reason: 'invalid PVE ticket', body: { data: null } })));
      const failure = await pve.get('/nodes', signal).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ProxmoxFailure);
      expect((failure as AppFailure).appError).toMatchObject({ code: 'auth', retryable: false });
    } finally {
      pve.close();
    }
    expect(seen.filter((entry) => entry.url.endsWith('/access/ticket'))).toHaveLength(3);
  });
});

describe('ProxmoxClient with an API token', () => {
  it('sends the token header and never logs in or sends CSRF', async () => {
    const pve = client({ kind: 'token', tokenId: 'root@pam!ci', secret: new Secret('0b6d-uuid') });
    try {
      await pve.post('/nodes/pve1/qemu/100/status/start', signal);
    } finally {
      pve.close();
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ authorization: 'PVEAPIToken=root@pam!ci=0b6d-uuid' });
    expect(seen[0]?.csrf).toBeUndefined();
  });
});

describe('Proxmox errors', () => {
  it('recognises a lock from the reason phrase as a retryable conflict naming endpoint, call and message', async () => {
    script.set('POST /api2/json/nodes/pve1/qemu/9000/clone', [{ status: 500, reason: 'VM is locked (clone)', body: { data: null, message: 'VM is locked (clone)\n' } }]);
    const pve = client();
    const failure = (await pve.post('/nodes/pve1/qemu/9000/clone', signal, { newid: 101 }).catch((error: unknown) => error)) as ProxmoxFailure;
    pve.close();
    expect(failure.isLock).toBe(true);
    expect(failure.appError).toMatchObject({ code: 'conflict', retryable: true });
    expect(failure.appError.title).toBe('Proxmox pve-test: POST /nodes/pve1/qemu/9000/clone failed: VM is locked (clone).');
  });

  it('lists the parameter errors of a 400 and keeps secrets out of the message', async () => {
    script.set('POST /api2/json/nodes/pve1/qemu/100/config', [
      { status: 400, reason: 'Parameter verification failed.', body: { data: null, errors: { net0: 'invalid format - unknown bridge', cipassword: 'value hunter2-secret too short' } } },
    ]);
    const pve = client();
    const failure = (await pve.post('/nodes/pve1/qemu/100/config', signal, { net0: 'virtio,bridge=x' }).catch((error: unknown) => error)) as ProxmoxFailure;
    pve.close();
    expect(failure.appError).toMatchObject({ code: 'step_failed', retryable: false });
    expect(failure.appError.title).toContain('net0: invalid format - unknown bridge');
    expect(JSON.stringify(failure.appError)).not.toContain('hunter2-secret');
  });

  it('refuses an answer without the {data} envelope', async () => {
    script.set('GET /api2/json/version', [{ status: 200, body: { version: '9' } }]);
    const pve = client();
    const failure = (await pve.get('/version', signal).catch((error: unknown) => error)) as AppFailure;
    pve.close();
    expect(failure.appError).toMatchObject({ code: 'network', retryable: false });
  });
});
