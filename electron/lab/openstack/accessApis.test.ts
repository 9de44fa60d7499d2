import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenStackLab, type OpenStackLab } from './server';

/* What a rehearsal's access steps and routers call: Keystone rescoping, Nova key pairs, Neutron security-group rules, router gateways. */

describe('the OpenStack simulator, access APIs', () => {
  let lab: OpenStackLab;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'rp-os-access-'));

  async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(url, { method, headers: { 'x-auth-token': token, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  }
  const tokens = (identity: unknown, scope?: unknown) => fetch(`${lab.authUrl}/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ auth: { identity, ...(scope ? { scope } : {}) } }) });

  beforeAll(async () => {
    lab = await startOpenStackLab({ buildMs: 20 });
    const response = await tokens({ methods: ['password'], password: { user: { name: lab.username, domain: { name: 'Default' }, password: lab.password } } }, { project: { name: lab.project, domain: { name: 'Default' } } });
    token = response.headers.get('x-subject-token')!;
  });
  afterAll(async () => {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exchanges a valid token for a project-scoped one and refuses an unknown token with 401', async () => {
    const unscoped = (await tokens({ methods: ['password'], password: { user: { name: lab.username, domain: { name: 'Default' }, password: lab.password } } })).headers.get('x-subject-token')!;
    const scoped = await tokens({ methods: ['token'], token: { id: unscoped } }, { project: { name: lab.project, domain: { name: 'Default' } } });
    expect(scoped.status).toBe(201);
    expect(scoped.headers.get('x-subject-token')).not.toBe(unscoped);
    expect((await tokens({ methods: ['token'], token: { id: 'gAAAAAnot-a-token' } })).status).toBe(401);
  });

  it('imports a key pair with the fingerprint ssh-keygen computes, refuses a duplicate and a bad key, and deletes it', async () => {
    const key = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'ops' }).public;
    writeFileSync(join(dir, 'key.pub'), `${key}\n`);
    // The peer: OpenSSH's own MD5 fingerprint of the same key.
    const expected = execFileSync('ssh-keygen', ['-l', '-E', 'md5', '-f', join(dir, 'key.pub')], { encoding: 'utf8' }).split(' ')[1]!.replace(/^MD5:/, '');
    const compute = `${lab.urls.compute}/v2.1`;
    const v = { 'openstack-api-version': 'compute 2.79' };
    const made = await call('POST', `${compute}/os-keypairs`, { keypair: { name: 'ops-key', public_key: key } }, v);
    expect(made.status).toBe(201);
    expect(made.body.keypair).toMatchObject({ name: 'ops-key', fingerprint: expected, type: 'ssh', public_key: key });
    expect((await call('POST', `${compute}/os-keypairs`, { keypair: { name: 'ops-key', public_key: key } }, v)).status).toBe(409);
    expect((await call('POST', `${compute}/os-keypairs`, { keypair: { name: 'other', public_key: 'ssh-rsa bm90IGEga2V5' } }, v)).body.badRequest.message).toContain('failed to generate fingerprint');
    expect((await call('GET', `${compute}/os-keypairs/ops-key`, undefined, v)).body.keypair).toMatchObject({ name: 'ops-key', fingerprint: expected, deleted: false });
    expect((await call('GET', `${compute}/os-keypairs`, undefined, v)).body.keypairs.map((entry: any) => entry.keypair.name)).toEqual(['ops-key']);
    expect((await call('DELETE', `${compute}/os-keypairs/ops-key`, undefined, v)).status).toBe(204);
    expect((await call('GET', `${compute}/os-keypairs/ops-key`, undefined, v)).status).toBe(404);
  });

  it("checks a key pair's name as Nova does: a dot or @ only from 2.92, never outer whitespace, with Nova's InvalidName message", async () => {
    const key = ssh2.utils.generateKeyPairSync('ed25519').public;
    const compute = `${lab.urls.compute}/v2.1`;
    const create = (name: string, version: string) => call('POST', `${compute}/os-keypairs`, { keypair: { name, public_key: key } }, { 'openstack-api-version': `compute ${version}` });
    const dotted = await create('ops.key', '2.87');
    expect(dotted.status).toBe(400);
    expect(dotted.body.badRequest.message).toBe("An invalid 'name' value was provided. The name must be: Only expected characters: [_- 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ]");
    expect((await create(' ops', '2.92')).body.badRequest.message).toBe("An invalid 'name' value was provided. The name must be: printable characters. Can not start or end with whitespace.");
    expect((await create('ops.key@site', '2.92')).status).toBe(201);
    expect((await call('DELETE', `${compute}/os-keypairs/ops.key@site`, undefined, { 'openstack-api-version': 'compute 2.92' })).status).toBe(204);
  });

  it('adds security-group rules, refuses a duplicate and ports without a protocol, lists them by group and deletes one', async () => {
    const neutron = `${lab.urls.network}/v2.0`;
    const group = (await call('POST', `${neutron}/security-groups`, { security_group: { name: 'mesh-ssh' } })).body.security_group;
    const rule = { security_group_id: group.id, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '0.0.0.0/0' };
    const made = await call('POST', `${neutron}/security-group-rules`, { security_group_rule: rule });
    expect(made.status).toBe(201);
    expect(made.body.security_group_rule).toMatchObject({ direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22 });
    expect((await call('POST', `${neutron}/security-group-rules`, { security_group_rule: rule })).body.NeutronError.type).toBe('SecurityGroupRuleExists');
    const { protocol: _protocol, ...noProtocol } = rule;
    expect((await call('POST', `${neutron}/security-group-rules`, { security_group_rule: noProtocol })).body.NeutronError.type).toBe('SecurityGroupProtocolRequiredWithPorts');
    const listed = (await call('GET', `${neutron}/security-group-rules?security_group_id=${group.id}`)).body.security_group_rules;
    // Neutron's two default egress rules, and ours.
    expect(listed.map((entry: any) => entry.direction).sort()).toEqual(['egress', 'egress', 'ingress']);
    expect((await call('DELETE', `${neutron}/security-group-rules/${made.body.security_group_rule.id}`)).status).toBe(204);
    expect((await call('GET', `${neutron}/security-group-rules/${made.body.security_group_rule.id}`)).status).toBe(404);
  });

  it('sets a router gateway only on an external network', async () => {
    const admin = (path: string, body: unknown) => fetch(`${lab.admin.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${lab.admin.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await admin('/prepare', { networks: [{ name: 'public', external: true }, { name: 'inside' }] })).status).toBeLessThan(300);
    const neutron = `${lab.urls.network}/v2.0`;
    const networks = (await call('GET', `${neutron}/networks`)).body.networks as Array<{ id: string; name: string; 'router:external': boolean }>;
    const idOf = (name: string) => networks.find((network) => network.name === name)!.id;
    const router = await call('POST', `${neutron}/routers`, { router: { name: 'r1', external_gateway_info: { network_id: idOf('public') } } });
    expect(router.status).toBe(201);
    expect(router.body.router.external_gateway_info).toMatchObject({ network_id: idOf('public') });
    expect((await call('POST', `${neutron}/routers`, { router: { name: 'r2', external_gateway_info: { network_id: idOf('inside') } } })).status).toBe(400);
  });
});
