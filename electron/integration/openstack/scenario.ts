import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { negotiateMicroversion } from '../../engine/providers/openstack/microversion';
import { firstLine, login, send, shape, type Answer, type OpenStackTarget, type Session } from './conformanceClient';

/*
 * One pass over what the provider uses, recording for each call what must be
 * the same on the simulator and on the real lab. It cleans up after itself.
 */

export interface Observation {
  status: number;
  /** Shape of a JSON body, or the first line of a text one. */
  body: unknown;
  /** Headers whose presence (and for some, value) matters. */
  headers?: Record<string, string | null>;
  /** Values that must agree (messages, computed checksums). */
  values?: Record<string, unknown>;
}

const observe = (reply: Answer, headers: string[] = [], values: Record<string, unknown> = {}): Observation => ({
  status: reply.status,
  body: typeof reply.body === 'string' ? firstLine(reply.body) : shape(reply.body),
  ...(headers.length > 0 ? { headers: Object.fromEntries(headers.map((name) => [name, reply.headers.get(name) === null ? null : 'present'])) } : {}),
  ...(Object.keys(values).length > 0 ? { values } : {}),
});

const message = (reply: Answer): string | undefined => {
  const body = reply.body as Record<string, { message?: string }> | null;
  return body && typeof body === 'object' ? Object.values(body)[0]?.message : undefined;
};

async function until(check: () => Promise<boolean>, what: string, seconds = 90): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function runScenario(target: OpenStackTarget): Promise<Record<string, Observation>> {
  const seen: Record<string, Observation> = {};
  const tag = `conf-${randomBytes(3).toString('hex')}`;
  seen['keystone wrong password'] = observe(await send(target, 'POST', `${target.authUrl}/auth/tokens`, { body: { auth: { identity: { methods: ['password'], password: { user: { name: target.username, domain: { name: target.domain }, password: 'not-the-password' } } } } } }));
  seen['keystone no identity'] = { ...observe(await send(target, 'POST', `${target.authUrl}/auth/tokens`, { body: { auth: {} } })), body: 'error envelope' };
  const s: Session = await login(target);
  seen['keystone token'] = observe(await send(target, 'POST', `${target.authUrl}/auth/tokens`, { body: { auth: { identity: { methods: ['password'], password: { user: { name: target.username, domain: { name: target.domain }, password: target.password } } }, scope: { project: { name: target.project, domain: { name: target.domain } } } } } }), ['x-subject-token']);
  seen['keystone validate unknown'] = observe(await s.call('GET', `${target.authUrl}/auth/tokens`, { headers: { 'x-subject-token': 'gAAAAAnot-a-token' } }));
  const nova = s.url('compute');
  const neutron = `${s.url('network')}/v2.0`;
  const glance = s.url('image');
  for (const service of [nova + '/flavors', `${neutron}/networks`, `${glance}/v2/images`]) {
    seen[`unauthorized ${service.replace(/^https?:\/\/[^/]+/, '').split('/').slice(-1)[0]}`] = observe(await s.call('GET', service, { token: 'gAAAAAexpired-or-bogus' }));
  }

  // Nova: versions and microversions
  seen['nova version 2.1'] = observe(await s.call('GET', nova, { headers: { 'openstack-api-version': 'compute 2.1' } }), ['openstack-api-version', 'x-openstack-nova-api-version']);
  const latest = await s.call('GET', `${nova}/os-availability-zone`, { headers: { 'openstack-api-version': 'compute latest' } });
  seen['nova latest'] = observe(latest, [], { version: latest.headers.get('openstack-api-version') });
  seen['nova 3.0 refused'] = observe(await s.call('GET', `${nova}/flavors`, { headers: { 'openstack-api-version': 'compute 3.0' } }), [], {});
  // Flavors
  const flavor = await s.call('POST', `${nova}/flavors`, { body: { flavor: { name: `${tag}-small`, ram: 512, vcpus: 1, disk: 1 } } });
  seen['flavor create'] = observe(flavor);
  const flavorId = (flavor.body as { flavor: { id: string } }).flavor.id;
  seen['flavor duplicate'] = observe(await s.call('POST', `${nova}/flavors`, { body: { flavor: { name: `${tag}-small`, ram: 512, vcpus: 1, disk: 1 } } }));
  seen['flavor bad ram'] = observe(await s.call('POST', `${nova}/flavors`, { body: { flavor: { name: `${tag}-bad`, ram: 'x', vcpus: 1, disk: 1 } } }));
  seen['flavor missing'] = observe(await s.call('GET', `${nova}/flavors/${tag}-nothing`));
  seen['flavors detail'] = observe(await s.call('GET', `${nova}/flavors/detail`));
  const noHost = await s.call('POST', `${nova}/flavors`, { body: { flavor: { name: `${tag}-nohost`, ram: 512, vcpus: 1, disk: 700000 } } });
  const noHostId = (noHost.body as { flavor: { id: string } }).flavor.id;
  const huge = await s.call('POST', `${nova}/flavors`, { body: { flavor: { name: `${tag}-huge`, ram: 512, vcpus: 5000, disk: 1 } } });
  const hugeId = (huge.body as { flavor: { id: string } }).flavor.id;
  // Key pairs (os-keypairs), at the microversion the provider negotiates with this Nova
  const negotiated = negotiateMicroversion(((await s.call('GET', nova)).body as { version?: { min_version?: string; version?: string } }).version);
  const mv = { 'openstack-api-version': `compute ${negotiated}` };
  const key = sshPublicKey(`${tag}@conformance`);
  const keyName = `${tag}-key`;
  const keypair = await s.call('POST', `${nova}/os-keypairs`, { headers: mv, body: { keypair: { name: keyName, public_key: key.line } } });
  seen['keypair create'] = observe(keypair, [], { version: negotiated, ...keypairValues(keypair.body, key) });
  const duplicateKeypair = await s.call('POST', `${nova}/os-keypairs`, { headers: mv, body: { keypair: { name: keyName, public_key: key.line } } });
  seen['keypair duplicate'] = observe(duplicateKeypair, [], { message: message(duplicateKeypair)?.replace(tag, 'TAG') });
  const badKey = await s.call('POST', `${nova}/os-keypairs`, { headers: mv, body: { keypair: { name: `${tag}-badkey`, public_key: 'ssh-ed25519 AAAAnot-a-key' } } });
  seen['keypair bad public key'] = observe(badKey, [], { message: message(badKey) });
  const badName = await s.call('POST', `${nova}/os-keypairs`, { headers: mv, body: { keypair: { name: `${tag}/key`, public_key: key.line } } });
  seen['keypair bad name'] = observe(badName, [], { message: message(badName)?.replaceAll(tag, 'TAG') });
  const keypairs = await s.call('GET', `${nova}/os-keypairs`, { headers: mv });
  const listed = (keypairs.body as { keypairs: { keypair: { name: string } }[] }).keypairs.filter((entry) => entry.keypair.name === keyName);
  seen['keypair list'] = observe({ ...keypairs, body: { keypairs: listed } }, [], { listed: listed.length, ...keypairValues(listed[0], key) });
  const shown = await s.call('GET', `${nova}/os-keypairs/${keyName}`, { headers: mv });
  seen['keypair show'] = observe(shown, [], keypairValues(shown.body, key));
  seen['keypair delete'] = observe(await s.call('DELETE', `${nova}/os-keypairs/${keyName}`, { headers: mv }));
  const goneKeypair = await s.call('GET', `${nova}/os-keypairs/${keyName}`, { headers: mv });
  seen['keypair gone'] = observe(goneKeypair, [], { message: message(goneKeypair)?.replace(tag, 'TAG').replace(/user \w+/, 'user USER') });
  seen['keypair delete again'] = observe(await s.call('DELETE', `${nova}/os-keypairs/${keyName}`, { headers: mv }));

  // Zones, limits, hypervisors
  const zones = await s.call('GET', `${nova}/os-availability-zone/detail`);
  seen['zones detail'] = observe(zones, [], { zones: (zones.body as { availabilityZoneInfo: { zoneName: string; hosts: Record<string, unknown> }[] }).availabilityZoneInfo.map((zone) => `${zone.zoneName}:${Object.keys(zone.hosts ?? {}).join(',')}`).sort() });
  seen['zones'] = observe(await s.call('GET', `${nova}/os-availability-zone`));
  seen['limits'] = observe(await s.call('GET', `${nova}/limits`));
  seen['hypervisor statistics'] = observe(await s.call('GET', `${nova}/os-hypervisors/statistics`));
  seen['hypervisors detail 2.53'] = observe(await s.call('GET', `${nova}/os-hypervisors/detail`, { headers: { 'openstack-api-version': 'compute 2.53' } }));

  // Neutron
  const network = await s.call('POST', `${neutron}/networks`, { body: { network: { name: `${tag}-net` } } });
  seen['network create'] = observe(network);
  const networkId = (network.body as { network: { id: string } }).network.id;
  seen['network unknown attribute'] = observe(await s.call('POST', `${neutron}/networks`, { body: { network: { name: `${tag}-x`, bogus: 1 } } }), [], { message: message(await s.call('POST', `${neutron}/networks`, { body: { network: { name: `${tag}-x`, bogus: 1 } } })) });
  seen['network missing'] = observe(await s.call('GET', `${neutron}/networks/00000000-0000-0000-0000-000000000000`));
  const subnet = await s.call('POST', `${neutron}/subnets`, { body: { subnet: { name: `${tag}-sub`, network_id: networkId, ip_version: 4, cidr: '10.77.0.0/24', gateway_ip: '10.77.0.1', enable_dhcp: true, dns_nameservers: ['10.77.0.2'] } } });
  seen['subnet create'] = observe(subnet, [], { pools: (subnet.body as { subnet: { allocation_pools: unknown } }).subnet.allocation_pools });
  const subnetId = (subnet.body as { subnet: { id: string } }).subnet.id;
  seen['subnet bad cidr'] = observe(await s.call('POST', `${neutron}/subnets`, { body: { subnet: { network_id: networkId, ip_version: 4, cidr: '10.77.0.0/33' } } }));
  const router = await s.call('POST', `${neutron}/routers`, { body: { router: { name: `${tag}-router` } } });
  seen['router create'] = observe(router);
  const routerId = (router.body as { router: { id: string } }).router.id;
  seen['router add interface'] = observe(await s.call('PUT', `${neutron}/routers/${routerId}/add_router_interface`, { body: { subnet_id: subnetId } }));
  const port = await s.call('POST', `${neutron}/ports`, { body: { port: { name: `${tag}-port`, network_id: networkId, fixed_ips: [{ subnet_id: subnetId, ip_address: '10.77.0.10' }] } } });
  seen['port create'] = observe(port);
  const portId = (port.body as { port: { id: string } }).port.id;
  seen['port duplicate ip'] = observe(await s.call('POST', `${neutron}/ports`, { body: { port: { name: `${tag}-port2`, network_id: networkId, fixed_ips: [{ subnet_id: subnetId, ip_address: '10.77.0.10' }] } } }));
  const group = await s.call('POST', `${neutron}/security-groups`, { body: { security_group: { name: `${tag}-sg` } } });
  seen['security group create'] = observe(group);
  const groupId = (group.body as { security_group: { id: string } }).security_group.id;
  seen['networks by name'] = observe(await s.call('GET', `${neutron}/networks?name=${tag}-net`));

  // Glance: upload, then the import flow
  const data = randomBytes(4096);
  const image = await s.call('POST', `${glance}/v2/images`, { body: { name: `${tag}-img`, disk_format: 'qcow2', container_format: 'bare' } });
  seen['image create'] = observe(image, ['location', 'openstack-image-import-methods']);
  const imageId = (image.body as { id: string }).id;
  seen['image upload'] = observe(await s.call('PUT', `${glance}/v2/images/${imageId}/file`, { raw: data }));
  const uploaded = await s.call('GET', `${glance}/v2/images/${imageId}`);
  const sums = uploaded.body as { checksum: string; os_hash_value: string; size: number };
  seen['image active'] = observe(uploaded, [], { checksumIsMd5: sums.checksum === createHash('md5').update(data).digest('hex'), hashIsSha512: sums.os_hash_value === createHash('sha512').update(data).digest('hex'), size: sums.size });
  seen['image upload again'] = observe(await s.call('PUT', `${glance}/v2/images/${imageId}/file`, { raw: data }));
  seen['image missing'] = observe(await s.call('GET', `${glance}/v2/images/00000000-0000-0000-0000-000000000000`));
  seen['image bad format'] = observe(await s.call('POST', `${glance}/v2/images`, { body: { name: `${tag}-bad`, disk_format: 'nope' } }));
  seen['images by name'] = observe(await s.call('GET', `${glance}/v2/images?name=${tag}-img`));
  const staged = await s.call('POST', `${glance}/v2/images`, { body: { name: `${tag}-imported`, disk_format: 'raw', container_format: 'bare' } });
  const stagedId = (staged.body as { id: string }).id;
  seen['image stage'] = observe(await s.call('PUT', `${glance}/v2/images/${stagedId}/stage`, { raw: data }));
  seen['image import'] = observe(await s.call('POST', `${glance}/v2/images/${stagedId}/import`, { body: { method: { name: 'glance-direct' } } }));
  await until(async () => ((await s.call('GET', `${glance}/v2/images/${stagedId}`)).body as { status: string }).status === 'active', 'the imported image');
  const imported = await s.call('GET', `${glance}/v2/images/${stagedId}`);
  // Glance drops os_glance_import_task from the image some time after the import ends; whether it is still there is a race.
  const { os_glance_import_task: _task, ...importedBody } = imported.body as Record<string, unknown>;
  seen['image imported'] = observe({ ...imported, body: importedBody });

  // Servers: one that builds, one no host can take, one over quota, bad requests
  const v = { 'openstack-api-version': 'compute 2.67' };
  seen['server missing flavorRef'] = observe(await s.call('POST', `${nova}/servers`, { headers: v, body: { server: { name: `${tag}-x` } } }));
  seen['server unknown flavor'] = observe(await s.call('POST', `${nova}/servers`, { headers: v, body: { server: { name: `${tag}-x`, imageRef: imageId, flavorRef: 'nosuch', networks: 'none' } } }), [], { message: 'Flavor nosuch could not be found.' });
  seen['server unknown image'] = observe(await s.call('POST', `${nova}/servers`, { headers: v, body: { server: { name: `${tag}-x`, imageRef: '00000000-0000-0000-0000-000000000000', flavorRef: flavorId, networks: 'none' } } }));
  seen['server unknown zone'] = observe(await s.call('POST', `${nova}/servers`, { headers: v, body: { server: { name: `${tag}-x`, imageRef: imageId, flavorRef: flavorId, availability_zone: 'nosuch', networks: 'none' } } }));
  const created = await s.call('POST', `${nova}/servers`, { headers: v, body: { server: { name: `${tag}-vm`, imageRef: imageId, flavorRef: flavorId, availability_zone: 'az-2', networks: [{ port: portId }] } } });
  seen['server create'] = observe(created, ['location']);
  const serverId = (created.body as { server: { id: string } }).server.id;
  seen['server building'] = { ...observe(await s.call('GET', `${nova}/servers/${serverId}`, { headers: v })), body: 'server' };
  await until(async () => ((await s.call('GET', `${nova}/servers/${serverId}`, { headers: v })).body as { server: { status: string } }).server.status !== 'BUILD', 'the server to leave BUILD');
  const active = await s.call('GET', `${nova}/servers/${serverId}`, { headers: v });
  const view = (active.body as { server: Record<string, unknown> }).server;
  // Addresses are keyed by network name, which carries this run's tag.
  const untagged = { ...view, addresses: Object.fromEntries(Object.entries(view.addresses as Record<string, unknown>).map(([name, list]) => [name.replace(tag, 'TAG'), list])) };
  seen['server active'] = observe({ ...active, body: { server: untagged } }, [], { status: view.status, zone: view['OS-EXT-AZ:availability_zone'], host: view['OS-EXT-SRV-ATTR:host'], ips: Object.values(view.addresses as Record<string, { addr: string }[]>).flat().map((address) => address.addr) });
  const failing = await s.call('POST', `${nova}/servers`, { headers: v, body: { server: { name: `${tag}-nohost`, imageRef: imageId, flavorRef: noHostId, networks: 'none' } } });
  const failingId = (failing.body as { server: { id: string } }).server.id;
  await until(async () => ((await s.call('GET', `${nova}/servers/${failingId}`, { headers: v })).body as { server: { status: string } }).server.status !== 'BUILD', 'the failing server');
  const failed = await s.call('GET', `${nova}/servers/${failingId}`, { headers: v });
  const fault = (failed.body as { server: { status: string; fault?: { code: number; message: string; details?: string } } }).server;
  // The real fault carries a traceback in `details` (admins only see it); its shape is compared without it.
  seen['server error'] = { ...observe({ ...failed, body: { server: { ...fault, fault: fault.fault ? { code: fault.fault.code, message: fault.fault.message } : undefined } } }), values: { status: fault.status, message: fault.fault?.message } };
  const overQuota = await s.call('POST', `${nova}/servers`, { headers: v, body: { server: { name: `${tag}-huge`, imageRef: imageId, flavorRef: hugeId, networks: 'none' } } });
  seen['server over quota'] = observe(overQuota, [], { message: message(overQuota)?.replace(/already used \d+/, 'already used N') });

  // Teardown, with what the deletes answer
  seen['server delete'] = observe(await s.call('DELETE', `${nova}/servers/${serverId}`, { headers: v }));
  await s.call('DELETE', `${nova}/servers/${failingId}`, { headers: v });
  await until(async () => (await s.call('GET', `${nova}/servers/${serverId}`)).status === 404, 'the server to go');
  seen['server gone'] = observe(await s.call('GET', `${nova}/servers/${serverId}`));
  await until(async () => (await s.call('GET', `${nova}/servers/${failingId}`)).status === 404, 'the failed server to go');
  seen['security group delete'] = observe(await s.call('DELETE', `${neutron}/security-groups/${groupId}`));
  seen['router in use'] = observe(await s.call('DELETE', `${neutron}/routers/${routerId}`));
  seen['router remove interface'] = observe(await s.call('PUT', `${neutron}/routers/${routerId}/remove_router_interface`, { body: { subnet_id: subnetId } }));
  seen['router delete'] = observe(await s.call('DELETE', `${neutron}/routers/${routerId}`));
  seen['port delete'] = observe(await s.call('DELETE', `${neutron}/ports/${portId}`));
  seen['network delete'] = observe(await s.call('DELETE', `${neutron}/networks/${networkId}`));
  seen['image delete'] = observe(await s.call('DELETE', `${glance}/v2/images/${imageId}`));
  await s.call('DELETE', `${glance}/v2/images/${stagedId}`);
  for (const id of [flavorId, noHostId, hugeId]) seen[`flavor delete ${id === flavorId ? 'small' : 'other'}`] = observe(await s.call('DELETE', `${nova}/flavors/${id}`));
  return seen;
}

/** A fresh Ed25519 public key as an OpenSSH line, with the MD5 fingerprint Nova gives it (nova.crypto.generate_fingerprint: md5 of the key blob). */
function sshPublicKey(comment: string): { line: string; fingerprint: string } {
  const raw = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const sshString = (bytes: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, bytes.length]), bytes]);
  const blob = Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
  // Ends with a newline, as a key read from its .pub file does.
  return { line: `ssh-ed25519 ${blob.toString('base64')} ${comment}\n`, fingerprint: createHash('md5').update(blob).digest('hex').match(/../g)!.join(':') };
}

/** What a key pair's view must say whatever the cloud: the key as sent, its fingerprint, its type. */
function keypairValues(body: unknown, key: { line: string; fingerprint: string }): Record<string, unknown> {
  const view = (body as { keypair?: { public_key?: string; fingerprint?: string; type?: string } } | undefined)?.keypair;
  return { publicKeyAsSent: view?.public_key === key.line, fingerprintIsMd5: view?.fingerprint === key.fingerprint, type: view?.type };
}

/**
 * A cloud that takes images only through the import flow (Glance's `upload_image` policy refused to this
 * user): what PUT .../file answers, the image's status after it, and the stage + import that follow.
 */
export async function refusedUploadScenario(target: OpenStackTarget): Promise<Record<string, Observation>> {
  const seen: Record<string, Observation> = {};
  const s = await login(target);
  const glance = s.url('image');
  const data = randomBytes(4096);
  const image = await s.call('POST', `${glance}/v2/images`, { body: { name: `refused-${randomBytes(3).toString('hex')}`, disk_format: 'raw', container_format: 'bare' } });
  const id = (image.body as { id: string }).id;
  const refused = await s.call('PUT', `${glance}/v2/images/${id}/file`, { raw: data });
  seen['refused upload'] = observe(refused, [], { message: typeof refused.body === 'string' ? refused.body.replace(/<[^>]+>/g, '').split('\n').map((line) => line.trim()).filter(Boolean).slice(1).join(' ') : refused.body });
  const queued = await s.call('GET', `${glance}/v2/images/${id}`);
  seen['refused upload leaves the image'] = observe(queued, [], { status: (queued.body as { status: string }).status });
  seen['refused upload import methods'] = observe(await s.call('GET', `${glance}/v2/info/import`));
  seen['refused upload stage'] = observe(await s.call('PUT', `${glance}/v2/images/${id}/stage`, { raw: data }));
  seen['refused upload import'] = observe(await s.call('POST', `${glance}/v2/images/${id}/import`, { body: { method: { name: 'glance-direct' } } }));
  await until(async () => ((await s.call('GET', `${glance}/v2/images/${id}`)).body as { status: string }).status === 'active', 'the imported image');
  const imported = (await s.call('GET', `${glance}/v2/images/${id}`)).body as { checksum: string; os_hash_value: string; size: number };
  seen['refused upload imported'] = { status: 200, body: 'image', values: { checksumIsMd5: imported.checksum === createHash('md5').update(data).digest('hex'), hashIsSha512: imported.os_hash_value === createHash('sha512').update(data).digest('hex'), size: imported.size } };
  seen['refused upload delete'] = observe(await s.call('DELETE', `${glance}/v2/images/${id}`));
  return seen;
}
