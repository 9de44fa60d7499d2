import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { httpsJson } from '../testClient';
import { FisheyeTestClient } from './fisheyeClient';
import { startFisheyeLab, type FisheyeLab, type FisheyeLabOptions } from './server';

const open: FisheyeLab[] = [];
afterEach(async () => void (await Promise.all(open.splice(0).map((lab) => lab.close()))));

async function start(options: FisheyeLabOptions = {}) {
  const lab = await startFisheyeLab({ chunkSize: 1024, latency: { requestMs: 0, jobMs: 30, guestAgentMs: 40 }, ...options });
  open.push(lab);
  const client = new FisheyeTestClient(lab);
  expect((await client.login()).status).toBe(200);
  return { lab, client };
}

async function createVm(client: FisheyeTestClient, name = 'tower') {
  const [policy] = await client.data('GET', '/storage_policies');
  const [vds] = await client.data('GET', '/network/vds');
  const { entities } = await client.data('GET', `/network/vds/${vds.uuid}/vlans`);
  const { job_id } = await client.data('POST', '/vms', {
    vm_name: name,
    vcpu: 4,
    memory: 8 * 1024 ** 3,
    nics: [{ vlan_uuid: entities[0].uuid }],
    disks: [{ type: 'disk', bus: 'virtio', size_in_byte: 100 * 1024 ** 3, storage_policy_uuid: policy.uuid }],
  });
  return { job_id, vlan: entities[0] };
}

describe('SMTX OS lab: sessions and envelopes', () => {
  it('answers v2 calls in the EOK envelope and 401 without a valid token', async () => {
    const { lab, client } = await start();
    const policies = await client.call('GET', '/storage_policies');
    expect(policies.body).toMatchObject({ ec: 'EOK', error: {} });
    expect(policies.body.data.map((policy: any) => policy.name)).toEqual(['default']);
    const anonymous = await httpsJson(`${lab.endpoint.url}/api/v2/storage_policies`, lab.certPem);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ ec: 'EUNAUTHORIZED', data: null });
    lab.expireTokens();
    expect((await client.call('GET', '/network/vds')).status).toBe(401);
    expect((await client.login()).status).toBe(200);
    expect((await client.call('GET', '/network/vds')).status).toBe(200);
  });

  it('refuses a wrong password and counts it', async () => {
    const { lab, client } = await start();
    const refused = await client.login('not-the-password');
    expect(refused.status).toBe(400);
    expect(refused.body.ec).toBe('EAUTHFAILED');
    expect(lab.snapshot().logins).toEqual({ granted: 1, refused: 1 });
  });

  it('wears tokens out after N requests under a tokenExpires fault', async () => {
    const { lab, client } = await start();
    lab.faults.add([{ kind: 'tokenExpires', afterRequests: 2 }]);
    expect((await client.call('GET', '/hosts')).status).toBe(200);
    expect((await client.call('GET', '/hosts')).status).toBe(200);
    expect((await client.call('GET', '/hosts')).status).toBe(401);
    await client.login();
    expect((await client.call('GET', '/hosts')).status).toBe(200);
  });

  it('names the field of a request that does not match', async () => {
    const { client } = await start();
    const reply = await client.call('POST', '/vms', { vm_name: 'x', vcpu: 'four', memory: 1, disks: [] });
    expect(reply.status).toBe(400);
    expect(reply.body.ec).toBe('EINVALID_ARGUMENT');
    expect(reply.body.error.msg).toContain('vcpu');
  });

  it('serves what the preparation names, and refuses a bad one naming the field', async () => {
    const { lab, client } = await start();
    lab.prepare({ storagePolicies: ['3-replica-thin'], vds: [{ name: 'VDS-A', vlans: [{ name: 'mgt', vlanId: 101 }] }], hosts: [{ name: 'n1', cpuCores: 8, cpuUsagePercent: 90, memoryBytes: 64 * 1024 ** 3, memoryUsedBytes: 60 * 1024 ** 3 }] });
    expect(await client.data('GET', '/storage_policies')).toContainEqual(expect.objectContaining({ name: '3-replica-thin', replica_num: 3 }));
    const vds = (await client.data('GET', '/network/vds')).find((candidate: any) => candidate.name === 'VDS-A');
    expect((await client.data('GET', `/network/vds/${vds.uuid}/vlans`)).entities).toEqual([expect.objectContaining({ name: 'mgt', vlan_id: 101, vds_uuid: vds.uuid })]);
    expect(await client.data('GET', '/hosts')).toContainEqual(expect.objectContaining({ hostname: 'n1', cpu: expect.objectContaining({ usage_percent: 90 }), memory: expect.objectContaining({ usage_percent: 93.8 }) }));
    expect(() => lab.prepare({ vds: [{ name: 'x', vlans: [{ name: 'v', vlanId: 5000 }] }] })).toThrow(/vds\.0\.vlans\.0\.vlanId/);
    // Workbooks name clusters and hosts freely.
    lab.prepare({ cluster: { name: '生产 集群_1' }, hosts: [{ name: '生产 集群_1-node-1', cpuCores: 8, cpuUsagePercent: 10, memoryBytes: 64 * 1024 ** 3, memoryUsedBytes: 0 }] });
    expect((await client.data('GET', '/hosts')).map((host: any) => host.hostname)).toContain('生产 集群_1-node-1');
  });

  it('keeps uploads, VMs and the uuids they use across a second prepare (continue in the current lab); reset forgets them', async () => {
    const { lab, client } = await start();
    const uuid = Object.keys((await client.job((await createVm(client, 'kept')).job_id)).resources)[0]!;
    const image = await client.data('POST', `/images/upload/volume?${new URLSearchParams({ name: 'kept.iso', size: '10', device: 'nfs', task_id: 'k1' })}`);
    const policies = await client.data('GET', '/storage_policies');
    lab.prepare({ storagePolicies: ['default', 'extra'] });
    expect((await client.data('GET', '/vms')).entities.map((vm: any) => vm.uuid)).toEqual([uuid]);
    expect((await client.data('GET', '/images')).images.map((held: any) => held.uuid)).toEqual([image.image_uuid]);
    const after = await client.data('GET', '/storage_policies');
    expect(after.filter((policy: any) => policy.name === 'default')).toEqual(policies);
    expect(after.map((policy: any) => policy.name)).toEqual(['default', 'extra']);
    await lab.reset();
    expect((await client.data('GET', '/vms')).entities).toEqual([]);
    expect((await client.data('GET', '/images')).images).toEqual([]);
  });
});

describe('SMTX OS lab: image upload', () => {
  const volume = (client: FisheyeTestClient, size: number, taskId = 't1') => client.data('POST', `/images/upload/volume?${new URLSearchParams({ name: 'cloudtower-4.6.0.el7.x86_64.iso', size: String(size), device: 'nfs', task_id: taskId })}`);

  it('assembles chunks sent in any order and keeps to_upload for a client that comes back', async () => {
    const { lab, client } = await start();
    const file = randomBytes(2500);
    const image = await volume(client, file.length);
    expect(image).toMatchObject({ chunk_size: 1024, to_upload: [0, 1, 2] });
    expect((await client.uploadChunk(image, 2, file.subarray(2048))).body.data).toEqual({ chunk_num: 2, to_upload: [0, 1] });
    // The client "crashes" and asks again with the same task: the same volume, what is still missing.
    const again = await volume(client, file.length);
    expect(again).toEqual({ ...image, to_upload: [0, 1] });
    expect((await client.data('GET', '/images')).images[0]).toMatchObject({ status: 'uploading', to_upload: [0, 1] });
    await client.uploadChunk(again, 0, file.subarray(0, 1024));
    expect((await client.uploadChunk(again, 1, file.subarray(1024, 2048))).body.data.to_upload).toEqual([]);
    const [listed] = (await client.data('GET', '/images?name=cloudtower-4.6.0.el7.x86_64.iso')).images;
    expect(listed).toMatchObject({ status: 'available', size: 2500, path: expect.stringContaining(image.image_uuid) });
    expect(lab.snapshot().images[0]!.sha256).toBe(createHash('sha256').update(file).digest('hex'));
  });

  it('refuses a chunk of the wrong size', async () => {
    const { client } = await start();
    const image = await volume(client, 2048);
    const reply = await client.uploadChunk(image, 0, randomBytes(1000));
    expect(reply.status).toBe(400);
    expect(reply.body.error.msg).toContain('1024');
  });

  it('fails a chunk twice and then takes it, or always under always', async () => {
    const { lab, client } = await start();
    const image = await volume(client, 1024);
    lab.faults.add([{ kind: 'chunkFails', chunkNum: 0, count: 2 }]);
    const bytes = randomBytes(1024);
    expect((await client.uploadChunk(image, 0, bytes)).body.ec).toBe('EUPLOAD_CHUNK');
    expect((await client.uploadChunk(image, 0, bytes)).status).toBe(500);
    expect((await client.uploadChunk(image, 0, bytes)).body.data.to_upload).toEqual([]);
    const other = await volume(client, 1024, 't2');
    lab.faults.add([{ kind: 'chunkFails', always: true }]);
    for (let attempt = 0; attempt < 4; attempt++) expect((await client.uploadChunk(other, 0, bytes)).status).toBe(500);
    expect((await client.call('DELETE', `/images/${other.image_uuid}`)).body.ec).toBe('EOK');
    expect((await client.call('DELETE', `/images/${other.image_uuid}`)).status).toBe(404);
  });
});

describe('SMTX OS lab: VMs and jobs', () => {
  it('creates a VM through a job that goes pending, processing, done; the guest agent comes up; an address is configured', async () => {
    const configured: string[] = [];
    const { client } = await start({ hooks: { addressConfigured: (vm, nic) => configured.push(`${vm.vm_name}=${nic.ip_address}`) } });
    const { job_id, vlan } = await createVm(client);
    const states = new Set<string>();
    let job: any;
    do {
      job = (await client.data('GET', `/jobs/${job_id}`)).job;
      states.add(job.state);
    } while (job.state !== 'done' && job.state !== 'failed');
    expect([...states]).toEqual(expect.arrayContaining(['pending', 'processing', 'done']));
    const [uuid] = Object.keys(job.resources);
    expect(job.resources[uuid!]).toEqual({ type: 'KVM_VM', uuid });
    let vm = await client.data('GET', `/vms/${uuid}`);
    expect(vm).toMatchObject({ vm_name: 'tower', status: 'running', vcpu: 4 });
    expect(vm.nics[0].mac_address).toMatch(/^52:54:00(:[0-9a-f]{2}){3}$/);
    while (vm.guest_info.ga_state !== 'Running') vm = await client.data('GET', `/vms/${uuid}`);
    const update = await client.data('PUT', `/vms/${uuid}`, { nics: [{ vlan_uuid: vlan.uuid, mac_address: vm.nics[0].mac_address, ip_address: '10.0.0.50', subnet_mask: '255.255.255.0', gateway: '10.0.0.1' }] });
    expect((await client.job(update.job_id)).state).toBe('done');
    expect((await client.data('GET', `/vms/${uuid}`)).guest_info.nics[0].ip_addresses).toEqual(['10.0.0.50']);
    expect(configured).toEqual(['tower=10.0.0.50']);
    // No gateway.
    const again = await client.data('PUT', `/vms/${uuid}`, { nics: [{ vlan_uuid: vlan.uuid, ip_address: '10.0.0.51', subnet_mask: '255.255.255.0', gateway: '' }] });
    expect((await client.job(again.job_id)).state).toBe('done');
    expect((await client.data('GET', `/vms/${uuid}`)).nics[0]).toMatchObject({ ip_address: '10.0.0.51', subnet_mask: '255.255.255.0' });
    expect((await client.call('PUT', `/vms/${uuid}`, { nics: [{ vlan_uuid: vlan.uuid, ip_address: '10.0.0.52' }] })).body.error.msg).toContain('subnet_mask');
    // `netmask` is not the real field: the address then has no mask.
    expect((await client.call('PUT', `/vms/${uuid}`, { nics: [{ vlan_uuid: vlan.uuid, ip_address: '10.0.0.52', netmask: '255.255.255.0' }] })).body.error.msg).toContain('subnet_mask');
  });

  it('fails a job under jobFails, and an address without a running guest agent', async () => {
    const { lab, client } = await start();
    lab.faults.add([{ kind: 'jobFails', operation: 'vm.create', message: 'no space' }, { kind: 'guestAgentNeverRunning' }]);
    const failed = await client.job((await createVm(client)).job_id);
    expect(failed).toMatchObject({ state: 'failed', error_msg: 'no space' });
    const done = await client.job((await createVm(client)).job_id);
    expect(done.state).toBe('done');
    const uuid = Object.keys(done.resources)[0]!;
    await new Promise((resolve) => setTimeout(resolve, 60));
    const vm = await client.data('GET', `/vms/${uuid}`);
    expect(vm.guest_info.ga_state).toBe('Unknown');
    const update = await client.data('PUT', `/vms/${uuid}`, { nics: [{ vlan_uuid: vm.nics[0].vlan_uuid, ip_address: '10.0.0.9', subnet_mask: '255.255.255.0', gateway: '10.0.0.1' }] });
    expect(await client.job(update.job_id)).toMatchObject({ state: 'failed', error_code: 'EVM_GUEST_AGENT_NOT_RUNNING' });
  });

  it('fails a VM no host has the memory for', async () => {
    const { client } = await start();
    const [vds] = await client.data('GET', '/network/vds');
    const [policy] = await client.data('GET', '/storage_policies');
    const { job_id } = await client.data('POST', '/vms', { vm_name: 'huge', vcpu: 2, memory: 1024 ** 4, disks: [{ type: 'disk', size_in_byte: 1024 ** 3, storage_policy_uuid: policy.uuid }], nics: [{ vlan_uuid: (await client.data('GET', `/network/vds/${vds.uuid}/vlans`)).entities[0].uuid }] });
    expect(await client.job(job_id)).toMatchObject({ state: 'failed', error_code: 'EVM_NO_RESOURCE' });
  });

  it('lists VMs and deletes one only once it is stopped', async () => {
    const deleted: string[] = [];
    const { client } = await start({ hooks: { vmDeleted: (vm) => deleted.push(vm.vm_name) } });
    const uuid = Object.keys((await client.job((await createVm(client, 'to-go')).job_id)).resources)[0]!;
    expect((await client.data('GET', '/vms?vm_name=to-go')).entities.map((vm: any) => vm.uuid)).toEqual([uuid]);
    expect(await client.job((await client.data('DELETE', `/vms/${uuid}`)).job_id)).toMatchObject({ state: 'failed', error_code: 'EVM_RUNNING' });
    expect((await client.job((await client.data('POST', `/vms/${uuid}/stop`, { force: true })).job_id)).state).toBe('done');
    expect((await client.job((await client.data('DELETE', `/vms/${uuid}`)).job_id)).state).toBe('done');
    expect((await client.call('GET', `/vms/${uuid}`)).status).toBe(404);
    expect((await client.data('GET', '/vms')).entities).toEqual([]);
    expect(deleted).toEqual(['to-go']);
  });

  it('reset forgets VMs, images and faults but keeps address and credentials', async () => {
    const { lab, client } = await start();
    await client.job((await createVm(client)).job_id);
    lab.faults.add([{ kind: 'slow', delayMs: 1 }]);
    await lab.reset();
    expect(lab.snapshot().vms).toEqual([]);
    expect(lab.faults.list()).toEqual([]);
    expect((await client.login()).status).toBe(200);
  });
});
