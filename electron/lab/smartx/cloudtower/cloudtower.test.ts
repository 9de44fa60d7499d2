import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { httpsJson } from '../testClient';
import { defaultSpecPath, subsetPath } from './extractSpec.mjs';
import { handlers } from './handlers';
import { startCloudTowerLab, type CloudTowerLab, type CloudTowerLabOptions } from './server';
import { checkRequest } from './spec';
import { extractSubset, implementedOperations, serializeSubset } from './specRules.mjs';
import { TowerTestClient } from './towerClient';

const open: CloudTowerLab[] = [];
afterEach(async () => void (await Promise.all(open.splice(0).map((lab) => lab.close()))));

async function start(options: CloudTowerLabOptions = {}) {
  const lab = await startCloudTowerLab({ latency: { requestMs: 0, taskMs: 20 }, ...options });
  open.push(lab);
  return { lab, client: new TowerTestClient(lab) };
}

const password = 'Tower-Pa55word';

describe('CloudTower spec subset', () => {
  // The full spec lives beside the repo (../shared/reference), not in it; where it is absent the title says so.
  it.skipIf(!existsSync(defaultSpecPath))(`equals a fresh extraction from the full 4.6.0 spec${existsSync(defaultSpecPath) ? '' : ` (skipped: no ${defaultSpecPath})`}`, () => {
    const fresh = serializeSubset(extractSubset(JSON.parse(readFileSync(defaultSpecPath, 'utf8'))));
    expect(readFileSync(subsetPath, 'utf8')).toBe(fresh);
  });

  it('has a handler for exactly the extracted operations', () => {
    expect(Object.keys(handlers).sort()).toEqual([...implementedOperations].sort());
  });

  it('rejects requests the spec does not allow, naming the field', () => {
    expect(checkRequest('/login', { username: 'root', password: 'x', source: 'LOCAL' })).toEqual({ ok: true });
    expect(checkRequest('/login', { username: 'root' })).toEqual({ ok: false, message: "body must have required property 'password'" });
    expect(checkRequest('/login', { username: 'root', password: 'x', source: 'KERBEROS' })).toMatchObject({ ok: false, message: expect.stringContaining('body.source') });
    expect(checkRequest('/connect-cluster', { ip: '10.0.0.1', username: 'root', password: 'x' })).toMatchObject({ ok: false, message: 'body must be array' });
    expect(checkRequest('/get-tasks', { where: { idd: 'x' } })).toMatchObject({ ok: false, message: expect.stringContaining('(idd)') });
    expect(checkRequest('/get-tasks', { where: { id: null } })).toEqual({ ok: true });
  });
});

describe('CloudTower lab', () => {
  it('cuts every connection until it is installed', async () => {
    const { lab, client } = await start();
    await expect(client.call('login', { username: 'root', password })).rejects.toThrow(/ECONNRESET|socket hang up|disconnected/);
    lab.markInstalled('10.0.0.50');
    expect((await client.call('create-root-user', { password })).status).toBe(200);
  });

  it('runs the first-run setup, login, NTP, license, and answers in the spec shapes', async () => {
    const { lab, client } = await start({ installed: { address: '10.0.0.50' }, hooks: { ntpServers: () => ['10.0.0.2'] } });
    await lab.reset(); // `installed` holds after a reset too; the root user is the endpoint's
    expect((await client.call('create-root-user', { password: 'short' })).status).toBe(400);
    expect((await client.call('create-root-user', { password })).status).toBe(400); // already set at start
    expect((await client.login('wrong')).status).toBe(400);
    expect((await client.call('get-organizations', {})).status).toBe(401);
    expect((await client.login(lab.endpoint.password)).status).toBe(200);
    const [created] = await client.ok('create-organization', [{ name: 'SMTX-HCI' }]);
    expect(created).toMatchObject({ task_id: expect.any(String), data: { name: 'SMTX-HCI' } });
    expect((await client.task(created.task_id)).status).toBe('SUCCESSED');
    expect(await client.ok('get-organizations', { where: { name: 'SMTX-HCI' } })).toEqual([{ id: created.data.id, name: 'SMTX-HCI', datacenters: [] }]);
    expect(await client.ok('get-ntp-service-url')).toEqual({ ntp_service_url: '10.0.0.2' });
    expect((await client.ok('get-licenses', {}))[0]).toMatchObject({ type: 'TRIAL', license_serial: expect.stringMatching(/^TRIAL-/) });
    const [license] = await client.ok('get-licenses', {});
    expect(await client.ok('get-deploys', {})).toEqual([{ id: expect.any(String), version: '4.6.0', license: { id: license.id } }]);
    expect(lab.snapshot()).toMatchObject({ organizations: ['SMTX-HCI'], logins: { granted: 1, refused: 1 } });
  });

  it('creates the root user once on a fresh install', async () => {
    const { lab, client } = await start();
    lab.markInstalled('10.0.0.50');
    const created = await client.ok('create-root-user', { password });
    expect(created).toMatchObject({ task_id: null, data: { username: 'root', source: 'LOCAL' } });
    expect((await client.call('create-root-user', { password })).body).toMatchObject({ status: 400, message: 'root user already exists', path: '/v2/api/create-root-user' });
    expect((await client.login(password)).status).toBe(200);
  });

  it('connects a cluster through a task and lists it; a wrong cluster fails the task and is not listed', async () => {
    const verifyCluster = (ip: string, username: string, secret: string) =>
      ip === '192.0.2.10' && username === 'root' && secret === 'smtx-pw' ? { ok: true as const, name: 'smtx-cluster', version: '6.1.0', hostNum: 3 } : { ok: false as const, reason: 'LOAD_CLUSTER_UNAUTHORIZED' };
    const { client, lab } = await start({ installed: { address: '10.0.0.50' }, hooks: { verifyCluster } });
    await client.login(lab.endpoint.password);
    const [bad] = await client.ok('connect-cluster', [{ ip: '192.0.2.10', username: 'root', password: 'nope' }]);
    expect(await client.task(bad.task_id)).toMatchObject({ status: 'FAILED', error_message: 'LOAD_CLUSTER_UNAUTHORIZED' });
    expect(await client.ok('get-clusters', {})).toEqual([]);
    const [good] = await client.ok('connect-cluster', [{ ip: '192.0.2.10', username: 'root', password: 'smtx-pw' }]);
    expect(good.data.connect_state).toBe('INITIALIZING');
    expect((await client.task(good.task_id)).status).toBe('SUCCESSED');
    expect(await client.ok('get-clusters', { where: { ip: '192.0.2.10' } })).toEqual([expect.objectContaining({ name: 'smtx-cluster', connect_state: 'CONNECTED', type: 'SMTX_OS' })]);
  });

  it('fails a task under taskFails and wears tokens out under tokenExpires', async () => {
    const { lab, client } = await start({ installed: { address: '10.0.0.50' } });
    await client.login(lab.endpoint.password);
    lab.faults.add([{ kind: 'taskFails', operation: 'create-organization', message: 'db locked' }]);
    const [failed] = await client.ok('create-organization', [{ name: 'A' }]);
    expect(await client.task(failed.task_id)).toMatchObject({ status: 'FAILED', error_message: 'db locked' });
    lab.faults.add([{ kind: 'tokenExpires', afterRequests: 1 }]);
    await client.login(lab.endpoint.password);
    expect((await client.call('get-licenses', {})).status).toBe(200);
    expect((await client.call('get-licenses', {})).status).toBe(401);
  });

  it('refuses a request against the spec with ErrorBody and records it', async () => {
    const { lab, client } = await start({ installed: { address: '10.0.0.50' } });
    await client.login(lab.endpoint.password);
    const reply = await client.call('create-organization', { name: 'not-an-array' });
    expect(reply).toMatchObject({ status: 400, body: { status: 400, path: '/v2/api/create-organization', message: 'body must be array' } });
    expect(lab.snapshot().specRejections).toEqual([{ operation: '/create-organization', message: 'body must be array' }]);
    const unknown = await httpsJson(`${lab.endpoint.url}/v2/api/get-everything`, lab.certPem, { method: 'POST', body: {} });
    expect(unknown.status).toBe(404);
  });
});
