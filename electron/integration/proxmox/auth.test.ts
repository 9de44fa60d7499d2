import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { Secret } from '../../../shared/plan/secret';
import { ProxmoxClient, type RecordedRequest } from '../../engine/providers/proxmox';
import type { ProxmoxAuth } from '../../engine/providers/proxmox/types';
import { startRehearsal, type Rehearsal } from './harness';

let rehearsal: Rehearsal | null = null;
afterEach(async () => {
  await rehearsal?.close();
  rehearsal = null;
});

const signal = new AbortController().signal;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function open(r: Rehearsal, auth: ProxmoxAuth, options: { renewAfterMs?: number; requests?: RecordedRequest[] } = {}): ProxmoxClient {
  return new ProxmoxClient({
    endpoint: { name: 'lab', url: r.endpoint.url, auth, fingerprints: [r.endpoint.fingerprint] },
    trust: r.store,
    ...(options.renewAfterMs !== undefined ? { renewAfterMs: options.renewAfterMs } : {}),
    ...(options.requests ? { onRequest: (request: RecordedRequest) => options.requests?.push(request) } : {}),
  });
}

const password = (r: Rehearsal, value = r.endpoint.password): ProxmoxAuth => ({ kind: 'password', username: r.endpoint.username, password: new Secret(value) });
const logins = (requests: RecordedRequest[]) => requests.filter((request) => request.path === '/access/ticket');

describe('signing in to the lab', () => {
  it('renews the ticket once it is older than the renewal age, and keeps writing with the fresh CSRF token', async () => {
    rehearsal = await startRehearsal({ ticketLifetimeMs: 3000 });
    const requests: RecordedRequest[] = [];
    const client = open(rehearsal, password(rehearsal), { renewAfterMs: 400, requests });
    try {
      for (let round = 0; round < 4; round++) {
        await client.post('/nodes/pve1/qemu/9000/config', signal, { cores: 2 + (round % 2) });
        await pause(500);
      }
    } finally {
      client.close();
    }
    // One login, then a renewal before each later round (the server would have kept the first ticket all along).
    expect(logins(requests)).toHaveLength(4);
  });

  it('signs in again when the server has expired the ticket', async () => {
    // PVE stamps tickets in whole seconds: the lifetime must outlast the rounding.
    rehearsal = await startRehearsal({ ticketLifetimeMs: 1200 });
    const requests: RecordedRequest[] = [];
    const client = open(rehearsal, password(rehearsal), { requests });
    try {
      await client.get('/version', signal);
      await pause(2300);
      expect(await client.get<{ release: string }>('/version', signal)).toMatchObject({ release: expect.any(String) });
    } finally {
      client.close();
    }
    expect(logins(requests)).toHaveLength(2);
  });

  it('answers a wrong password with an auth error that does not show it', async () => {
    rehearsal = await startRehearsal();
    const client = open(rehearsal, password(rehearsal, 'not-the-password'));
    const error = await client.get('/version', signal).catch((cause: unknown) => cause);
    client.close();
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError).toMatchObject({ code: 'auth', retryable: false });
    expect(JSON.stringify((error as AppFailure).appError)).not.toContain('not-the-password');
  });

  it('uses an API token without a ticket', async () => {
    rehearsal = await startRehearsal();
    const requests: RecordedRequest[] = [];
    const token = rehearsal.lab.proxmox.apiToken;
    const client = open(rehearsal, { kind: 'token', tokenId: token.tokenid, secret: new Secret(token.secret) }, { requests });
    try {
      await client.post('/nodes/pve1/qemu/9000/config', signal, { cores: 2 });
    } finally {
      client.close();
    }
    expect(logins(requests)).toEqual([]);
  });
});
