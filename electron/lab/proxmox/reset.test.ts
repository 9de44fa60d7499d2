import { afterEach, describe, expect, it } from 'vitest';
import { LabPool } from './labTestKit';

const labs = new LabPool();
afterEach(() => labs.closeAll());

describe('resetting the Proxmox lab', () => {
  it('forgets the VMs, storages and faults made since it started, and keeps its address, certificate and sessions', async () => {
    const { lab, client } = await labs.start();
    const started = lab.snapshot();
    const { url, fingerprint, password } = lab;
    lab.prepare({ storages: ['fast'], bridges: ['vmbr9'], templates: [{ name: 'rocky-9', ostype: 'l26' }] });
    const upid = (await client.call<string>('POST', '/nodes/pve1/qemu/9000/clone', { newid: 100, name: 'web-01' })).body.data;
    expect((await client.waitTask('pve1', upid)).exitstatus).toBe('OK');
    lab.faults.add([{ kind: 'nodeDown', node: 'pve2' }]);
    expect(lab.snapshot().vms.some((vm) => vm.name === 'web-01')).toBe(true);

    await lab.reset();

    expect(lab.snapshot()).toEqual(started);
    expect(lab.faults.list()).toEqual([]);
    expect({ url: lab.url, fingerprint: lab.fingerprint, password: lab.password }).toEqual({ url, fingerprint, password });
    expect((await client.call('GET', '/nodes/pve1/qemu/100/config')).status).toBe(500);
    expect((await client.call<unknown[]>('GET', '/nodes/pve1/storage')).body.data).not.toContainEqual(expect.objectContaining({ storage: 'fast' }));
    const again = (await client.call<string>('POST', '/nodes/pve1/qemu/9000/clone', { newid: 100, name: 'web-01' })).body.data;
    expect((await client.waitTask('pve1', again)).exitstatus).toBe('OK');
  });
});
