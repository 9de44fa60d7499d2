import { afterEach, describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../index';
import type { SshLab } from '../ssh/server';
import type { CloudTowerLab } from './cloudtower/server';
import type { SmartxLab } from './lab';
import { httpsJson } from './testClient';

let lab: Lab | null = null;
afterEach(async () => {
  await lab?.close();
  lab = null;
});

describe('SmartX in the lab', () => {
  it('starting smartx starts and links the lab’s own cloudtower and ssh simulators', async () => {
    lab = createLab({ smartx: { fisheye: { latency: { requestMs: 0, jobMs: 10, guestAgentMs: 0 } }, installStepSeconds: 0.01 } });
    await lab.start(['smartx']);
    expect(lab.endpoints().map((endpoint) => endpoint.kind).sort()).toEqual(['cloudtower', 'smartx', 'ssh']);
    const smartx = lab.running('smartx')!.handle as SmartxLab;
    // The same instances, not private copies: the lab's SSH endpoint is where the VM answers.
    expect(smartx.ssh).toBe(lab.running('ssh')!.handle as SshLab);
    expect(smartx.cloudtower).toBe(lab.running('cloudtower')!.handle as CloudTowerLab);
    const [endpoint] = lab.endpoints().filter((candidate) => candidate.kind === 'smartx');
    expect(endpoint).toMatchObject({ url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/), username: 'root', fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
  });

  it('takes faults, preparations and resets through the admin API, and CloudTower faults through the SMTX OS one', async () => {
    lab = createLab({});
    await lab.start(['smartx']);
    const smartx = lab.running('smartx')!.handle as SmartxLab;
    const { admin } = smartx.smartx.endpoint;
    const call = (method: string, path: string, body?: unknown, token = admin!.token) => httpsJson(`${admin!.url}${path}`, smartx.smartx.certPem, { method, body, headers: { authorization: `Bearer ${token}` } });
    expect((await call('GET', '/faults', undefined, 'wrong')).status).toBe(401);
    expect((await call('POST', '/faults', { faults: [{ kind: 'chunkFails', count: 2 }] })).body.data).toEqual([{ id: expect.any(String), fault: { kind: 'chunkFails', count: 2, always: false } }]);
    expect((await call('POST', '/faults', { faults: [{ kind: 'chunkFails', count: 'two' }] })).body.error).toMatch(/fault 0: count/);
    expect((await call('POST', '/faults', { target: 'cloudtower', faults: [{ kind: 'taskFails', operation: 'connect-cluster' }] })).status).toBe(200);
    expect(smartx.cloudtower.faults.list()).toEqual([{ id: expect.any(String), fault: { kind: 'taskFails', operation: 'connect-cluster', count: 1 } }]);
    expect((await call('POST', '/prepare', { storagePolicies: ['gold'] })).status).toBe(200);
    expect(smartx.smartx.preparation().storagePolicies).toEqual(['gold']);
    expect((await call('POST', '/prepare', { storagePolicies: [] })).body.error).toMatch(/storagePolicies/);
    expect((await call('GET', '/state')).body.data).toMatchObject({ images: [], vms: [], logins: { granted: 0, refused: 0 } });
    await lab.reset();
    expect((await call('GET', '/faults')).body.data).toEqual([]);
  });
});
