import { afterEach, describe, expect, it } from 'vitest';
import { LabPool } from './labTestKit';
import type { LabClient } from './testClient';

const labs = new LabPool();
afterEach(() => labs.closeAll());

type Config = Record<string, string | number>;

async function cloneAndWait(client: LabClient, vmid: number, newid: number, extra: Record<string, unknown> = {}) {
  const reply = await client.call<string>('POST', `/nodes/pve1/qemu/${vmid}/clone`, { newid, name: `vm-${newid}`, full: 1, ...extra });
  expect(reply.status).toBe(200);
  return client.waitTask('pve1', reply.body.data);
}

describe('Proxmox lab VM flows', () => {
  it('starts with three nodes, each with its own OS templates', async () => {
    const { client } = await labs.start();
    const nodes = await client.call<{ node: string; status: string }[]>('GET', '/nodes');
    expect(nodes.body.data.map((node) => [node.node, node.status])).toEqual([['pve1', 'online'], ['pve2', 'online'], ['pve3', 'online']]);
    const vms = await client.call<{ vmid: number; node: string; name: string; template: number }[]>('GET', '/cluster/resources', { type: 'vm' });
    const templates = vms.body.data.filter((vm) => vm.template === 1).map((vm) => `${vm.node}/${vm.vmid}/${vm.name}`);
    expect(templates).toEqual([
      'pve1/9000/ubuntu-22.04-template', 'pve1/9001/centos-9-template', 'pve1/9002/windows-2022-template',
      'pve2/9010/ubuntu-22.04-template', 'pve2/9011/centos-9-template', 'pve2/9012/windows-2022-template',
      'pve3/9020/ubuntu-22.04-template', 'pve3/9021/centos-9-template', 'pve3/9022/windows-2022-template',
    ]);
  });

  it('locks source and target while a clone runs, and nextid skips the new VMID', async () => {
    const { client } = await labs.start({ latency: { tasks: { qmclone: 60_000 } } });
    const reply = await client.call<string>('POST', '/nodes/pve1/qemu/9000/clone', { newid: 100, name: 'web-01' });
    expect(reply.status).toBe(200);
    const target = await client.call<Config>('GET', '/nodes/pve1/qemu/100/config');
    expect(target.body.data.lock).toBe('clone');
    const source = await client.call<{ lock?: string }>('GET', '/nodes/pve1/qemu/9000/status/current');
    expect(source.body.data.lock).toBe('clone');
    const second = await client.call('POST', '/nodes/pve1/qemu/9000/clone', { newid: 101 });
    expect([second.status, second.reason]).toEqual([500, 'VM is locked (clone)']);
    expect((await client.call('GET', '/cluster/nextid')).body.data).toBe('101');
    const taken = await client.call('GET', '/cluster/nextid', { vmid: 100 });
    expect(taken.status).toBe(400);
    expect(taken.body.errors).toEqual({ vmid: 'VM 100 already exists' });
    expect((await client.call('GET', '/cluster/nextid', { vmid: 4321 })).body.data).toBe('4321');
  });

  it('full-clones disks, unlocks when done and refuses an existing newid', async () => {
    const { client } = await labs.start();
    const task = await cloneAndWait(client, 9000, 100);
    expect(task.exitstatus).toBe('OK');
    expect(task.log).toContain('create full clone of drive scsi0 (local-lvm:base-9000-disk-0)');
    expect(task.log.at(-1)).toBe('TASK OK');
    const config = (await client.call<Config>('GET', '/nodes/pve1/qemu/100/config')).body.data;
    expect(config.lock).toBeUndefined();
    expect(config.template).toBeUndefined();
    expect(config.scsi0).toBe('local-lvm:vm-100-disk-0,iothread=1,size=10G');
    expect(config.net0).not.toBe((await client.call<Config>('GET', '/nodes/pve1/qemu/9000/config')).body.data.net0);
    const content = await client.call<{ volid: string; size: number }[]>('GET', '/nodes/pve1/storage/local-lvm/content', { vmid: 100 });
    expect(content.body.data).toContainEqual(expect.objectContaining({ volid: 'local-lvm:vm-100-disk-0', size: 10 * 2 ** 30 }));
    const again = await client.call('POST', '/nodes/pve1/qemu/9000/clone', { newid: 100 });
    expect([again.status, again.reason]).toEqual([500, 'unable to create VM 100: config file already exists']);
  });

  it('refuses to clone a local-storage VM to another node, and unknown VMs', async () => {
    const { client } = await labs.start();
    const cross = await client.call('POST', '/nodes/pve1/qemu/9000/clone', { newid: 100, target: 'pve2', full: 1 });
    expect([cross.status, cross.reason]).toEqual([500, "can't clone VM to node 'pve2' (VM uses local storage)"]);
    const elsewhere = await client.call('POST', '/nodes/pve1/qemu/9010/clone', { newid: 100 });
    expect([elsewhere.status, elsewhere.reason]).toEqual([500, "Configuration file 'nodes/pve1/qemu-server/9010.conf' does not exist"]);
  });

  it('configures a VM synchronously (PUT) and through a task (POST) with digest checks', async () => {
    const { client } = await labs.start();
    await cloneAndWait(client, 9000, 100);
    const key = encodeURIComponent('ssh-ed25519 AAAAC3Nza deploy@rackpilot');
    const put = await client.call('PUT', '/nodes/pve1/qemu/100/config', {
      cores: 4, memory: 8192, ciuser: 'deploy', sshkeys: key, ipconfig0: 'ip=10.0.0.5/24,gw=10.0.0.1', net0: 'virtio,bridge=vmbr1,tag=20',
    });
    expect(put).toMatchObject({ status: 200, body: { data: null } });
    const config = (await client.call<Config>('GET', '/nodes/pve1/qemu/100/config')).body.data;
    expect(config).toMatchObject({ cores: 4, memory: '8192', ciuser: 'deploy', sshkeys: key, ipconfig0: 'ip=10.0.0.5/24,gw=10.0.0.1', net0: 'virtio,bridge=vmbr1,tag=20' });
    const post = await client.call<string>('POST', '/nodes/pve1/qemu/100/config', { sockets: 2, digest: String(config.digest) });
    expect(post.body.data).toMatch(/:qmconfig:100:root@pam:$/);
    expect((await client.waitTask('pve1', post.body.data)).exitstatus).toBe('OK');
    const stale = await client.call('PUT', '/nodes/pve1/qemu/100/config', { cores: 2, digest: String(config.digest) });
    expect([stale.status, stale.reason]).toEqual([500, 'detected modified configuration - file changed by other user? Try again.']);
    const status = (await client.call<{ cpus: number; maxmem: number }>('GET', '/nodes/pve1/qemu/100/status/current')).body.data;
    expect(status).toMatchObject({ cpus: 8, maxmem: 8192 * 2 ** 20 });
  });

  it('grows a disk, and fails the resize task when asked to shrink', async () => {
    const { client } = await labs.start();
    await cloneAndWait(client, 9000, 100);
    const grow = await client.call<string>('PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi0', size: '+22G' });
    expect((await client.waitTask('pve1', grow.body.data)).exitstatus).toBe('OK');
    const absolute = await client.call<string>('PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi0', size: '40G' });
    expect((await client.waitTask('pve1', absolute.body.data)).exitstatus).toBe('OK');
    expect((await client.call<Config>('GET', '/nodes/pve1/qemu/100/config')).body.data.scsi0).toBe('local-lvm:vm-100-disk-0,iothread=1,size=40G');
    const shrink = await client.call<string>('PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi0', size: '20G' });
    const task = await client.waitTask('pve1', shrink.body.data);
    expect(task.exitstatus).toBe('shrinking disks is not supported');
    expect(task.log.at(-1)).toBe('TASK ERROR: shrinking disks is not supported');
    const missing = await client.call<string>('PUT', '/nodes/pve1/qemu/100/resize', { disk: 'scsi5', size: '+1G' });
    expect((await client.waitTask('pve1', missing.body.data)).exitstatus).toBe("disk 'scsi5' has no associated volume");
  });

  it('starts, reports the guest IP, refuses to delete a running VM, then stops and deletes it', async () => {
    const { client } = await labs.start();
    await cloneAndWait(client, 9000, 100);
    await client.call('PUT', '/nodes/pve1/qemu/100/config', { ipconfig0: 'ip=10.0.0.5/24,gw=10.0.0.1' });
    const stopped = await client.call('GET', '/nodes/pve1/qemu/100/agent/network-get-interfaces');
    expect([stopped.status, stopped.reason]).toEqual([500, 'VM 100 is not running']);
    const start = await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start');
    expect((await client.waitTask('pve1', start.body.data)).exitstatus).toBe('OK');
    expect((await client.call<{ status: string }>('GET', '/nodes/pve1/qemu/100/status/current')).body.data.status).toBe('running');
    const agent = await client.call<{ result: { name: string; 'ip-addresses': { 'ip-address': string; prefix: number }[] }[] }>('GET', '/nodes/pve1/qemu/100/agent/network-get-interfaces');
    expect(agent.body.data.result.find((nic) => nic.name === 'eth0')?.['ip-addresses']).toEqual([{ 'ip-address': '10.0.0.5', 'ip-address-type': 'ipv4', prefix: 24 }]);
    const again = await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start');
    expect((await client.waitTask('pve1', again.body.data)).exitstatus).toBe('VM 100 already running');
    const remove = await client.call<string>('DELETE', '/nodes/pve1/qemu/100', { purge: 1, 'destroy-unreferenced-disks': 1 });
    expect((await client.waitTask('pve1', remove.body.data)).exitstatus).toBe('VM 100 is running - destroy failed');
    const stop = await client.call<string>('POST', '/nodes/pve1/qemu/100/status/shutdown', { timeout: 30, forceStop: 1 });
    expect((await client.waitTask('pve1', stop.body.data)).exitstatus).toBe('OK');
    const removed = await client.call<string>('DELETE', '/nodes/pve1/qemu/100', { purge: 1, 'destroy-unreferenced-disks': 1 });
    expect((await client.waitTask('pve1', removed.body.data)).exitstatus).toBe('OK');
    expect((await client.call('GET', '/nodes/pve1/qemu/100/config')).status).toBe(500);
    const left = await client.call<unknown[]>('GET', '/nodes/pve1/storage/local-lvm/content', { vmid: 100 });
    expect(left.body.data).toEqual([]);
  });

  it('keeps the guest agent silent until the configured delay has passed', async () => {
    const { client } = await labs.start({ latency: { guestAgentMs: 600_000 } });
    await cloneAndWait(client, 9000, 100);
    await client.waitTask('pve1', (await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start')).body.data);
    const agent = await client.call('GET', '/nodes/pve1/qemu/100/agent/network-get-interfaces');
    expect([agent.status, agent.reason]).toEqual([500, 'QEMU guest agent is not running']);
  });

  it('suspends and stops, and refuses to start a template or a VM on a missing bridge', async () => {
    const { client } = await labs.start();
    await cloneAndWait(client, 9000, 100);
    await client.waitTask('pve1', (await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start')).body.data);
    await client.waitTask('pve1', (await client.call<string>('POST', '/nodes/pve1/qemu/100/status/suspend')).body.data);
    expect((await client.call('GET', '/nodes/pve1/qemu/100/status/current')).body.data).toMatchObject({ status: 'running', qmpstatus: 'paused' });
    await client.waitTask('pve1', (await client.call<string>('POST', '/nodes/pve1/qemu/100/status/stop')).body.data);
    expect((await client.call('GET', '/nodes/pve1/qemu/100/status/current')).body.data).toMatchObject({ status: 'stopped', qmpstatus: 'stopped' });
    const template = await client.call('POST', '/nodes/pve1/qemu/9000/status/start');
    expect([template.status, template.reason]).toEqual([500, "you can't start a vm if it's a template"]);
    await client.call('PUT', '/nodes/pve1/qemu/100/config', { net1: 'virtio,bridge=vmbr7' });
    const noBridge = await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start');
    expect((await client.waitTask('pve1', noBridge.body.data)).exitstatus).toBe("bridge 'vmbr7' does not exist");
  });

  it('refuses to delete an HA-managed VM without purge', async () => {
    const { client } = await labs.start({ haVmids: [9001] });
    const refused = await client.call('DELETE', '/nodes/pve1/qemu/9001');
    expect([refused.status, refused.reason]).toEqual([500, 'unable to remove VM 9001 - used in HA resources and purge parameter not set.']);
    const purged = await client.call<string>('DELETE', '/nodes/pve1/qemu/9001', { purge: 1 });
    expect((await client.waitTask('pve1', purged.body.data)).exitstatus).toBe('OK');
  });

  it('reports node, storage and network inventory in bytes', async () => {
    const { client } = await labs.start();
    const status = (await client.call<{ memory: { total: number; used: number; free: number }; rootfs: { total: number } }>('GET', '/nodes/pve2/status')).body.data;
    expect(status.memory.total).toBe(64 * 2 ** 30);
    expect(status.memory.used + status.memory.free).toBe(status.memory.total);
    const storages = (await client.call<{ storage: string; content: string; avail: number }[]>('GET', '/nodes/pve2/storage', { content: 'iso' })).body.data;
    expect(storages.map((storage) => [storage.storage, storage.content])).toEqual([['local', 'iso,vztmpl,backup']]);
    const bridges = (await client.call<{ iface: string }[]>('GET', '/nodes/pve2/network', { type: 'bridge' })).body.data;
    expect(bridges.map((bridge) => bridge.iface)).toEqual(['vmbr0', 'vmbr1']);
    const missing = await client.call('GET', '/nodes/pve2/storage/nfs/status');
    expect([missing.status, missing.reason]).toEqual([500, "storage 'nfs' does not exist"]);
  });
});
