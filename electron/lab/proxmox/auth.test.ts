import { afterEach, describe, expect, it } from 'vitest';
import { LabAuth } from './auth';
import { LabPool } from './labTestKit';
import { LabClient, rawRequest } from './testClient';

const labs = new LabPool();
afterEach(() => labs.closeAll());

describe('Proxmox lab authentication', () => {
  it('issues a ticket for the credentials it was started with', async () => {
    const { lab, client } = await labs.start();
    const reply = await client.login();
    expect(reply.status).toBe(200);
    expect(reply.body.data.username).toBe('root@pam');
    expect(reply.body.data.ticket).toMatch(/^PVE:root@pam:[0-9A-F]{8}::/);
    expect(reply.body.data.CSRFPreventionToken).toMatch(/^[0-9A-F]{8}:/);
    expect(lab.password.length).toBeGreaterThanOrEqual(16);
    expect(lab.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('refuses a wrong password with 401 authentication failure', async () => {
    const { lab } = await labs.start();
    const client = new LabClient(lab);
    const reply = await client.login('root@pam', `${lab.password}x`);
    expect(reply.status).toBe(401);
    expect(reply.reason).toBe('authentication failure');
    expect(reply.body).toEqual({ data: null, message: 'authentication failure\n' });
  });

  it('accepts the realm as its own parameter and JSON bodies', async () => {
    const { lab } = await labs.start();
    const client = new LabClient(lab);
    const reply = await client.call('POST', '/access/ticket', { username: 'root', realm: 'pam', password: lab.password }, { auth: 'none', json: true });
    expect(reply.status).toBe(200);
  });

  it('answers 401 No ticket without credentials', async () => {
    const { lab } = await labs.start();
    const reply = await new LabClient(lab).call('GET', '/nodes', {}, { auth: 'none' });
    expect([reply.status, reply.reason]).toEqual([401, 'No ticket']);
  });

  it('requires the CSRF token on writes but not on reads', async () => {
    const { client } = await labs.start();
    expect((await client.call('GET', '/nodes', {}, { csrf: false })).status).toBe(200);
    const write = await client.call('POST', '/nodes/pve1/qemu/9000/clone', { newid: 150 }, { csrf: false });
    expect([write.status, write.reason]).toEqual([401, 'Permission denied - invalid csrf token']);
    const withToken = await client.call('POST', '/nodes/pve1/qemu/9000/clone', { newid: 150 });
    expect(withToken.status).toBe(200);
  });

  it('takes an API token without CSRF and names the token as the task user', async () => {
    const { lab, client } = await labs.start();
    const reply = await client.call<string>('POST', '/nodes/pve1/qemu/9000/clone', { newid: 151 }, { auth: 'token' });
    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatch(/^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmclone:9000:root@pam!lab:$/);
    const bad = await rawRequest(lab, 'GET', '/api2/json/nodes', { Authorization: `PVEAPIToken=${lab.apiToken.tokenid}=00000000-0000-0000-0000-000000000000` });
    expect(bad.status).toBe(401);
  });

  it('renews a ticket posted as the password', async () => {
    const { lab, client } = await labs.start();
    const renewed = await new LabClient(lab).login('root@pam', client.ticket?.ticket);
    expect(renewed.status).toBe(200);
  });

  it('answers 403 Permission check failed for a user without the privilege', async () => {
    const { lab } = await labs.start({ users: [{ userid: 'auditor@pve', password: 'audit-pass', role: 'audit' }] });
    const auditor = new LabClient(lab);
    expect((await auditor.login('auditor@pve', 'audit-pass')).status).toBe(200);
    expect((await auditor.call('GET', '/nodes/pve1/qemu/9000/config')).status).toBe(200);
    const clone = await auditor.call('POST', '/nodes/pve1/qemu/9000/clone', { newid: 152 });
    expect([clone.status, clone.reason]).toEqual([403, 'Permission check failed (/vms/9000, VM.Clone)']);
  });
});

describe('LabAuth tickets', () => {
  it('expire after their lifetime', () => {
    let now = Date.UTC(2030, 0, 1);
    const auth = new LabAuth([{ userid: 'root@pam', password: 'pw', role: 'admin' }], [], 60_000, () => now);
    const session = auth.login('root@pam', 'pw');
    const request = (cookie: string) => ({ headers: { cookie: `PVEAuthCookie=${cookie}`, csrfpreventiontoken: session?.csrf } }) as never;
    expect(auth.authenticate(request(session?.ticket ?? ''), 'POST')).toMatchObject({ ok: true });
    now += 61_000;
    expect(auth.authenticate(request(session?.ticket ?? ''), 'GET')).toEqual({ ok: false, message: 'permission denied - invalid PVE ticket' });
    expect(auth.login('root@pam', session?.ticket ?? '')).toBeNull();
  });

  it('rejects a forged signature', () => {
    const auth = new LabAuth([{ userid: 'root@pam', password: 'pw', role: 'admin' }], [], 60_000);
    const ticket = auth.login('root@pam', 'pw')?.ticket ?? '';
    const forged = ticket.replace(/::.*/, '::AAAA');
    expect(auth.authenticate({ headers: { cookie: `PVEAuthCookie=${forged}` } } as never, 'GET')).toMatchObject({ ok: false });
  });
});
