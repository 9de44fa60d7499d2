import { afterEach, describe, expect, it } from 'vitest';
import { LabPool } from './labTestKit';
import { rawRequest, type LabClient } from './testClient';
import type { ProxmoxLab } from './server';

const labs = new LabPool();
afterEach(() => labs.closeAll());

async function admin(lab: ProxmoxLab, method: string, path: string, body?: unknown, token = lab.admin.token) {
  const reply = await rawRequest(lab, method, `/__lab${path}`, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
  return { status: reply.status, body: JSON.parse(reply.text) as { data: unknown; message?: string } };
}

async function clone(client: LabClient, newid: number, vmid = 9000) {
  return client.call<string>('POST', `/nodes/pve1/qemu/${vmid}/clone`, { newid, full: 1 });
}

describe('Proxmox lab fault injection', () => {
  it('fails the next N clones of a template with VM is locked (clone)', async () => {
    const { lab, client } = await labs.start({ faults: [{ kind: 'cloneLocked', vmid: 9000, count: 2 }] });
    for (const newid of [100, 100]) {
      const reply = await clone(client, newid);
      expect([reply.status, reply.reason, reply.body.message]).toEqual([500, 'VM is locked (clone)', 'VM is locked (clone)\n']);
    }
    const third = await clone(client, 100);
    expect((await client.waitTask('pve1', third.body.data)).exitstatus).toBe('OK');
    expect(lab.faults.list()).toEqual([]);
  });

  it('locks a template for a while and lifts the lock when the fault is removed', async () => {
    const { lab, client } = await labs.start();
    const added = await admin(lab, 'POST', '/faults', { faults: [{ kind: 'vmLocked', vmid: 9001, forMs: 600_000 }] });
    expect(added.status).toBe(200);
    const [entry] = added.body.data as { id: string }[];
    expect((await clone(client, 100, 9001)).reason).toBe('VM is locked (clone)');
    expect((await client.call<{ lock?: string }>('GET', '/nodes/pve1/qemu/9001/status/current')).body.data.lock).toBe('clone');
    expect((await admin(lab, 'DELETE', `/faults/${entry?.id}`)).status).toBe(200);
    expect((await client.call<{ lock?: string }>('GET', '/nodes/pve1/qemu/9001/status/current')).body.data.lock).toBeUndefined();
    expect((await clone(client, 100, 9001)).status).toBe(200);
  });

  it('takes a node down: its calls answer 595 and resources show it offline', async () => {
    const { lab, client } = await labs.start();
    lab.faults.add([{ kind: 'nodeDown', node: 'pve2' }]);
    const status = await client.call('GET', '/nodes/pve2/status');
    expect([status.status, status.reason]).toEqual([595, 'No route to host']);
    expect((await client.call('GET', '/nodes/pve1/status')).status).toBe(200);
    const nodes = await client.call<{ node: string; status: string }[]>('GET', '/nodes');
    expect(nodes.body.data.find((node) => node.node === 'pve2')?.status).toBe('offline');
    const vms = await client.call<{ node: string; status: string }[]>('GET', '/cluster/resources', { type: 'vm' });
    expect(new Set(vms.body.data.filter((vm) => vm.node === 'pve2').map((vm) => vm.status))).toEqual(new Set(['unknown']));
    lab.faults.clear();
    expect((await client.call('GET', '/nodes/pve2/status')).status).toBe(200);
  });

  it('runs a node out of memory: it reports no free memory and starts fail', async () => {
    const { lab, client } = await labs.start();
    await client.waitTask('pve1', (await clone(client, 100)).body.data);
    lab.faults.add([{ kind: 'nodeOutOfMemory', node: 'pve1' }]);
    const status = await client.call<{ memory: { free: number } }>('GET', '/nodes/pve1/status');
    expect(status.body.data.memory.free).toBeLessThan(2048 * 2 ** 20);
    const start = await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start');
    const task = await client.waitTask('pve1', start.body.data);
    expect(task.exitstatus).toBe('start failed: QEMU exited with code 1');
    expect(task.log).toContain("kvm: cannot set up guest memory 'pc.ram': Cannot allocate memory");
  });

  it('fills a storage: clones onto it fail and leave nothing behind', async () => {
    const { client } = await labs.start({ faults: [{ kind: 'storageFull', node: 'pve1', storage: 'local-lvm' }] });
    const storage = await client.call<{ avail: number }>('GET', '/nodes/pve1/storage/local-lvm/status');
    expect(storage.body.data.avail).toBe(0);
    const task = await client.waitTask('pve1', (await clone(client, 100)).body.data);
    expect(task.exitstatus).toMatch(/^clone failed: lvcreate 'pve\/vm-100-cloudinit' error: {3}Volume group "pve" has insufficient free space/);
    expect((await client.call('GET', '/nodes/pve1/qemu/100/config')).status).toBe(500);
    expect((await client.call<{ lock?: string }>('GET', '/nodes/pve1/qemu/9000/status/current')).body.data.lock).toBeUndefined();
    expect((await client.call('GET', '/cluster/nextid')).body.data).toBe('100');
  });

  it('fails the next task of a type, with a realistic or given message', async () => {
    const { lab, client } = await labs.start();
    lab.faults.add([{ kind: 'taskFails', taskType: 'qmclone' }, { kind: 'taskFails', taskType: 'qmstart', message: 'start failed: injected' }]);
    const failed = await client.waitTask('pve1', (await clone(client, 100)).body.data);
    expect(failed.exitstatus).toMatch(/^clone failed: /);
    expect(lab.snapshot().vms.some((vm) => vm.vmid === 100)).toBe(false);
    await client.waitTask('pve1', (await clone(client, 100)).body.data);
    const start = await client.waitTask('pve1', (await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start')).body.data);
    expect(start.exitstatus).toBe('start failed: injected');
    const retry = await client.waitTask('pve1', (await client.call<string>('POST', '/nodes/pve1/qemu/100/status/start')).body.data);
    expect(retry.exitstatus).toBe('OK');
  });

  it('holds calls for a slow node while others are answered', async () => {
    const { lab, client } = await labs.start();
    lab.faults.add([{ kind: 'slow', node: 'pve3', delayMs: 600_000 }]);
    let settled = false;
    const pending = client.call('GET', '/nodes/pve3/status').then(
      () => (settled = true),
      () => (settled = true),
    );
    expect((await client.call('GET', '/nodes/pve1/status')).status).toBe(200);
    expect((await client.call('GET', '/nodes/pve2/qemu')).status).toBe(200);
    expect(settled).toBe(false);
    await lab.close();
    await pending;
    expect(settled).toBe(true);
  });

  it('guards the admin API with its token and validates faults', async () => {
    const { lab } = await labs.start();
    expect((await admin(lab, 'GET', '/faults', undefined, 'wrong')).status).toBe(401);
    const bad = await admin(lab, 'POST', '/faults', [{ kind: 'nodeDown' }]);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^fault 0: node: /);
    const unknownVm = await admin(lab, 'POST', '/faults', { kind: 'vmLocked', vmid: 4242, forMs: 1000 });
    expect(unknownVm.body.message).toBe('vmLocked: VM 4242 does not exist\n');
    await admin(lab, 'POST', '/faults', [{ kind: 'slow', delayMs: 1 }, { kind: 'taskFails', taskType: 'qmstop', count: 3 }]);
    const listed = await admin(lab, 'GET', '/faults');
    expect((listed.body.data as { fault: { kind: string } }[]).map((entry) => entry.fault.kind)).toEqual(['slow', 'taskFails']);
    await admin(lab, 'DELETE', '/faults');
    expect((await admin(lab, 'GET', '/faults')).body.data).toEqual([]);
    const state = await admin(lab, 'GET', '/state');
    expect(state.body.data).toMatchObject({ nodes: [{ node: 'pve1', online: true }, { node: 'pve2', online: true }, { node: 'pve3', online: true }] });
  });
});
