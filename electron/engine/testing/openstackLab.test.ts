import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type RunStore } from '../store';
import { TunnelPool } from '../ssh/tunnels';
import type { SshHop } from '../ssh/types';
import { openStackLabSkipReason, releaseOpenStackLab, useOpenStackLab, type OpenStackLab } from './openstackLab';

/*
 * The OpenStack lab itself: Keystone, Nova, Neutron and Glance answer through
 * SSH tunnels from the bastion, and the catalog's addresses do not answer from
 * the host while the direct doors are closed.
 */

const skip = openStackLabSkipReason();
if (skip) console.warn(`OpenStack lab tests skipped: ${skip}`);

interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region_id: string; url: string }[];
}

describe.skipIf(skip)('the OpenStack lab behind its bastion', () => {
  let lab: OpenStackLab;
  let store: RunStore;
  let pool: TunnelPool;

  beforeAll(async () => {
    lab = await useOpenStackLab();
    store = openStore(':memory:');
    pool = new TunnelPool({ store });
  }, 30 * 60_000);

  afterAll(() => {
    pool?.close();
    store?.close();
    releaseOpenStackLab();
  });

  /** `url` with the head node's host:port replaced by the local end of a tunnel to it. */
  async function throughTunnel(url: string, hop: SshHop = lab.bastionHop()): Promise<string> {
    const target = new URL(url);
    const lease = await pool.acquire({ chain: [hop], host: target.hostname, port: Number(target.port) });
    target.host = `127.0.0.1:${lease.localPort}`;
    return target.toString();
  }

  async function login(): Promise<{ token: string; catalog: CatalogEntry[] }> {
    const { username, password, project, domain } = lab.admin;
    const response = await fetch(await throughTunnel(`${lab.authUrl}/auth/tokens`), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        auth: {
          identity: { methods: ['password'], password: { user: { name: username, domain: { name: domain }, password } } },
          scope: { project: { name: project, domain: { name: domain } } },
        },
      }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { token: { catalog: CatalogEntry[]; expires_at: string } };
    return { token: response.headers.get('x-subject-token')!, catalog: body.token.catalog };
  }

  function publicUrl(catalog: CatalogEntry[], type: string): string {
    const endpoint = catalog.find((entry) => entry.type === type)?.endpoints.find((candidate) => candidate.interface === 'public' && candidate.region_id === lab.region);
    expect(endpoint, `a public ${type} endpoint in ${lab.region}`).toBeDefined();
    return endpoint!.url;
  }

  it('does not answer on the catalog addresses from the host while the direct doors are closed', async () => {
    if (await lab.directAccessOpen()) {
      // Another test file has opened them for its own direct-access tests; then they must answer.
      expect((await fetch(lab.authUrl)).status).toBe(200);
      return;
    }
    const direct = await fetch(lab.authUrl, { signal: AbortSignal.timeout(5000) }).then(
      () => 'answered',
      (error: unknown) => String((error as { cause?: { code?: string } }).cause?.code ?? error),
    );
    expect(direct).toBe('ECONNREFUSED');
  });

  it('issues a project-scoped token through a tunnel, with a catalog that names the head node', async () => {
    const { token, catalog } = await login();
    expect(token.length).toBeGreaterThan(20);
    for (const type of ['identity', 'compute', 'network', 'image', 'placement']) {
      expect(new URL(publicUrl(catalog, type)).hostname).toBe(lab.head);
    }
  });

  it('lets the key log in to the bastion as well as the password', async () => {
    const response = await fetch(await throughTunnel(lab.authUrl, lab.bastionHop('key')));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { version: { id: string } }).version.id).toMatch(/^v3\./);
  });

  it('has Nova with two zones of one compute host each, Neutron and Glance, all through tunnels', async () => {
    const { token, catalog } = await login();
    const get = async (url: string, headers: Record<string, string> = {}) => {
      const response = await fetch(await throughTunnel(url), { headers: { 'x-auth-token': token, ...headers } });
      return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
    };
    const compute = publicUrl(catalog, 'compute');
    const versions = await get(compute);
    expect(versions.status).toBe(200);
    expect((versions.body.version as { version: string }).version).toMatch(/^2\.\d+$/);

    const zones = await get(`${compute}/os-availability-zone/detail`, { 'openstack-api-version': 'compute 2.1' });
    expect(zones.status).toBe(200);
    const info = zones.body.availabilityZoneInfo as { zoneName: string; zoneState: { available: boolean }; hosts: Record<string, unknown> | null }[];
    for (const { zone, host } of lab.zones) {
      const found = info.find((entry) => entry.zoneName === zone);
      expect(found?.zoneState.available, zone).toBe(true);
      expect(Object.keys(found?.hosts ?? {})).toEqual([host]);
    }

    const networks = await get(`${publicUrl(catalog, 'network')}/v2.0/networks`);
    expect(networks.status).toBe(200);
    expect(Array.isArray(networks.body.networks)).toBe(true);
    const images = await get(`${publicUrl(catalog, 'image')}/v2/images`);
    expect(images.status).toBe(200);
    expect(Array.isArray(images.body.images)).toBe(true);
  });

  it('sets a project quota that Nova then reports', async () => {
    const { token, catalog } = await login();
    const projects = (await lab.openstack(['project', 'list'])) as { ID: string; Name: string }[];
    const demo = projects.find((project) => project.Name === lab.demo.project)!;
    const quotaOf = async () => {
      const response = await fetch(await throughTunnel(`${publicUrl(catalog, 'compute')}/os-quota-sets/${demo.ID}`), { headers: { 'x-auth-token': token } });
      return ((await response.json()) as { quota_set: { instances: number; cores: number } }).quota_set;
    };
    const before = await quotaOf();
    await lab.setComputeQuota(lab.demo.project, { instances: before.instances + 3, cores: 7 });
    try {
      expect(await quotaOf()).toMatchObject({ instances: before.instances + 3, cores: 7 });
    } finally {
      await lab.setComputeQuota(lab.demo.project, { instances: before.instances, cores: before.cores });
    }
    // The openstack CLI takes several seconds per call on a busy machine.
  }, 180_000);
});
