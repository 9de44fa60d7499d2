import { describe, expect, it } from 'vitest';
import { startLab } from '../index';
import { LabPool } from './labTestKit';
import { LabClient, rawRequest } from './testClient';

describe('Proxmox lab instances', () => {
  it('share no state, credentials or certificates', async () => {
    const labs = new LabPool();
    try {
      const first = await labs.start();
      const second = await labs.start();
      expect(first.lab.password).not.toBe(second.lab.password);
      expect(first.lab.fingerprint).not.toBe(second.lab.fingerprint);
      const upid = (await first.client.call<string>('POST', '/nodes/pve1/qemu/9000/clone', { newid: 100 })).body.data;
      expect((await first.client.waitTask('pve1', upid)).exitstatus).toBe('OK');
      expect((await second.client.call('GET', '/nodes/pve1/qemu/100/config')).status).toBe(500);
      expect((await second.client.call('GET', '/cluster/nextid')).body.data).toBe('100');
      const foreign = first.client.ticket;
      const crossed = await rawRequest(second.lab, 'GET', '/api2/json/nodes', { Cookie: `PVEAuthCookie=${encodeURIComponent(foreign?.ticket ?? '')}` });
      expect(crossed.status).toBe(401);
      expect((await new LabClient(second.lab).login('root@pam', first.lab.password)).status).toBe(401);
    } finally {
      await labs.closeAll();
    }
  });

  it('startLab returns the endpoint with credentials and stops listening on close', async () => {
    const lab = await startLab({ proxmox: { latency: { authFailureMs: 0 } } });
    const [endpoint] = lab.endpoints;
    expect(endpoint).toMatchObject({ kind: 'proxmox', username: 'root@pam', fingerprint: lab.proxmox.fingerprint });
    expect(endpoint?.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const client = new LabClient(lab.proxmox);
    expect((await client.login(endpoint?.username, endpoint?.password)).status).toBe(200);
    await lab.close();
    await lab.close();
    await expect(client.call('GET', '/version')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('refuses to listen beyond loopback', async () => {
    await expect(startLab({ proxmox: { host: '0.0.0.0' } })).rejects.toThrow(/loopback/);
  });
});
