import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenStackLab, type OpenStackLab } from './server';

/* The simulator's own behaviour: faults, quotas, token expiry, microversions, preparation, reset (its answers' shapes are checked against the real lab in electron/integration/openstack). */

describe('the OpenStack simulator', () => {
  let lab: OpenStackLab;
  let token: string;
  let compute: string;

  async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(url, { method, headers: { 'x-auth-token': token, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  }
  async function login(password = lab.password) {
    return fetch(`${lab.authUrl}/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: lab.username, domain: { name: 'Default' }, password } } }, scope: { project: { name: lab.project, domain: { name: 'Default' } } } } }),
    });
  }
  async function serverUntilSettled(id: string) {
    for (let i = 0; i < 100; i++) {
      const { body } = await call('GET', `${compute}/servers/${id}`, undefined, { 'openstack-api-version': 'compute 2.67' });
      if (body.server.status !== 'BUILD') return body.server;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('server stayed in BUILD');
  }

  beforeAll(async () => {
    lab = await startOpenStackLab({ buildMs: 20 });
    const response = await login();
    token = response.headers.get('x-subject-token')!;
    compute = `${lab.urls.compute}/v2.1`;
  });
  afterAll(() => lab.close());

  it('refuses a wrong password with Keystone 401 and names every service in the catalog', async () => {
    const refused = await login('wrong');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' } });
    const accepted = await login();
    const { token: body } = (await accepted.json()) as { token: { catalog: { type: string; endpoints: { interface: string; url: string }[] }[] } };
    expect(body.catalog.map((entry) => entry.type).sort()).toEqual(['compute', 'identity', 'image', 'network']);
    expect(body.catalog.find((entry) => entry.type === 'compute')!.endpoints.find((e) => e.interface === 'public')!.url).toBe(compute);
  });

  it('negotiates microversions from the advertised range', async () => {
    const latest = await call('GET', `${compute}/flavors`, undefined, { 'openstack-api-version': 'compute latest' });
    expect(latest.headers.get('openstack-api-version')).toBe('compute 2.93');
    const legacy = await call('GET', `${compute}/flavors`, undefined, { 'x-openstack-nova-api-version': '2.37' });
    expect(legacy.headers.get('x-openstack-nova-api-version')).toBe('2.37');
    const tooNew = await call('GET', `${compute}/flavors`, undefined, { 'openstack-api-version': 'compute 2.999' });
    expect(tooNew.status).toBe(406);
    expect(tooNew.body.computeFault.message).toBe('Version 2.999 is not supported by the API. Minimum is 2.1 and maximum is 2.93.');
  });

  it('builds a server to ACTIVE in its zone with its fixed IP, and to ERROR with the fault a serverError names', async () => {
    lab.prepare({ flavors: [{ name: 'small', vcpus: 1, ram: 512, disk: 1 }], images: [{ name: 'cirros', content: 'disk' }], networks: [{ name: 'lan', cidr: '10.9.0.0/24' }] });
    const flavors = (await call('GET', `${compute}/flavors`)).body.flavors as { id: string; name: string }[];
    const images = (await call('GET', `${lab.urls.image}/v2/images?name=cirros`)).body.images as { id: string }[];
    const networks = (await call('GET', `${lab.urls.network}/v2.0/networks?name=lan`)).body.networks as { id: string }[];
    const base = { imageRef: images[0]!.id, flavorRef: flavors.find((flavor) => flavor.name === 'small')!.id };
    const created = await call('POST', `${compute}/servers`, { server: { ...base, name: 'web-1', availability_zone: 'az-2', networks: [{ uuid: networks[0]!.id, fixed_ip: '10.9.0.20' }] } }, { 'openstack-api-version': 'compute 2.67' });
    expect(created.status).toBe(202);
    const active = await serverUntilSettled(created.body.server.id);
    expect(active).toMatchObject({ status: 'ACTIVE', 'OS-EXT-AZ:availability_zone': 'az-2', 'OS-EXT-SRV-ATTR:host': 'oslab-az2', addresses: { lan: [{ addr: '10.9.0.20', version: 4 }] } });

    lab.faults.add([{ kind: 'serverError', name: 'db-1', message: 'Build of instance aborted: boom' }]);
    const failing = await call('POST', `${compute}/servers`, { server: { ...base, name: 'db-1', networks: 'none' } }, { 'openstack-api-version': 'compute 2.67' });
    expect(await serverUntilSettled(failing.body.server.id)).toMatchObject({ status: 'ERROR', fault: { code: 500, message: 'Build of instance aborted: boom' } });
    // The fault wore off: the next one builds.
    const next = await call('POST', `${compute}/servers`, { server: { ...base, name: 'db-1', networks: 'none' } }, { 'openstack-api-version': 'compute 2.67' });
    expect((await serverUntilSettled(next.body.server.id)).status).toBe('ACTIVE');
  });

  it('refuses direct uploads with 403 while directUploadRefused is in force, the image stays queued and takes the import flow', async () => {
    const glance = `${lab.urls.image}/v2/images`;
    const send = (method: string, url: string, bytes: Buffer) => fetch(url, { method, headers: { 'x-auth-token': token, 'content-type': 'application/octet-stream', accept: 'text/plain' }, body: new Uint8Array(bytes) });
    const { body: image } = await call('POST', glance, { name: 'refused', disk_format: 'raw', container_format: 'bare' });
    lab.faults.add([{ kind: 'directUploadRefused' }]);
    const refused = await send('PUT', `${glance}/${image.id}/file`, Buffer.alloc(256 * 1024, 7));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('You are not authorized to complete upload_image action.');
    expect((await call('GET', `${glance}/${image.id}`)).body.status).toBe('queued');
    expect((await send('PUT', `${glance}/${image.id}/stage`, Buffer.alloc(1024, 7))).status).toBe(204);
    expect((await call('POST', `${glance}/${image.id}/import`, { method: { name: 'glance-direct' } })).status).toBe(202);
    lab.faults.clear();
    const { body: other } = await call('POST', glance, { name: 'direct', disk_format: 'raw', container_format: 'bare' });
    expect((await send('PUT', `${glance}/${other.id}/file`, Buffer.alloc(1024, 7))).status).toBe(204);
  });

  it('refuses a server over the project quota with Nova 403, and the limits show the use', async () => {
    const limits = (await call('GET', `${compute}/limits`)).body.limits.absolute;
    lab.prepare({ quota: { instances: limits.totalInstancesUsed } });
    const flavors = (await call('GET', `${compute}/flavors`)).body.flavors as { id: string }[];
    const images = (await call('GET', `${lab.urls.image}/v2/images?name=cirros`)).body.images as { id: string }[];
    const refused = await call('POST', `${compute}/servers`, { server: { name: 'one-too-many', imageRef: images[0]!.id, flavorRef: flavors[0]!.id, networks: 'none' } }, { 'openstack-api-version': 'compute 2.67' });
    expect(refused.status).toBe(403);
    expect(refused.body.forbidden.message).toBe(`Quota exceeded for instances: Requested 1, but already used ${limits.totalInstancesUsed} of ${limits.totalInstancesUsed} instances`);
  });

  it('expires every token at once, and the services then answer 401 until a new login', async () => {
    lab.expireTokens();
    expect((await call('GET', `${compute}/flavors`)).status).toBe(401);
    expect((await call('GET', `${lab.urls.network}/v2.0/networks`)).status).toBe(401);
    token = (await login()).headers.get('x-subject-token')!;
    expect((await call('GET', `${compute}/flavors`)).status).toBe(200);
  });

  it('refuses a malformed preparation naming the field, and reset() empties the cloud on the same address', async () => {
    expect(() => lab.prepare({ networks: [{ name: 'x', cidr: '10.0.0.0/99' }] })).toThrow(/networks\[0\]\.cidr/);
    lab.reset();
    expect((await call('GET', `${compute}/flavors`)).body.flavors).toEqual([]);
    expect((await call('GET', `${compute}/limits`)).body.limits.absolute.maxTotalInstances).toBe(10);
  });

  it('after reset(), Nova, Neutron and Glance all serve the new cloud: a port made there boots a server, and images made before are gone', async () => {
    const network = `${lab.urls.network}/v2.0`;
    const image = `${lab.urls.image}/v2/images`;
    const before = (await call('POST', image, { name: 'before-reset', disk_format: 'qcow2', container_format: 'bare' })).body;
    const publicKey = ssh2.utils.generateKeyPairSync('ed25519').public;
    expect((await call('POST', `${compute}/os-keypairs`, { keypair: { name: 'before-reset', public_key: publicKey } }, { 'openstack-api-version': 'compute 2.67' })).status).toBe(201);
    lab.reset();
    expect((await call('GET', `${compute}/os-keypairs`)).body.keypairs).toEqual([]);
    // Each service once read the cloud it started with; a rehearsal in a fresh lab then made ports Nova could not find.
    // Glance answers a missing image with an HTML page, as the real one does.
    expect((await fetch(`${image}/${before.id}`, { headers: { 'x-auth-token': token } })).status).toBe(404);
    expect((await call('GET', image)).body.images).toEqual([]);
    const net = (await call('POST', `${network}/networks`, { network: { name: 'after' } })).body.network;
    await call('POST', `${network}/subnets`, { subnet: { network_id: net.id, cidr: '10.9.0.0/24', ip_version: 4 } });
    const port = (await call('POST', `${network}/ports`, { port: { network_id: net.id } })).body.port;
    const flavor = (await call('POST', `${compute}/flavors`, { flavor: { name: 'f1', vcpus: 1, ram: 512, disk: 1 } })).body.flavor;
    const img = (await call('POST', image, { name: 'after-reset', disk_format: 'qcow2', container_format: 'bare' })).body;
    await fetch(`${image}/${img.id}/file`, { method: 'PUT', headers: { 'x-auth-token': token, 'content-type': 'application/octet-stream' }, body: new Uint8Array(16) });
    const created = await call('POST', `${compute}/servers`, { server: { name: 'after', flavorRef: flavor.id, imageRef: img.id, networks: [{ port: port.id }] } }, { 'openstack-api-version': 'compute 2.67' });
    expect(created.status).toBe(202);
    expect((await serverUntilSettled(created.body.server.id)).status).toBe('ACTIVE');
    expect((await call('GET', `${network}/ports/${port.id}`)).body.port.device_id).toBe(created.body.server.id);
  });
});
