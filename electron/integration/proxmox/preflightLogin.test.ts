import { afterEach, describe, expect, it } from 'vitest';
import { runPreflight } from '../../engine/preflight';
import { testEndpoint, testPlan, testVm } from '../../engine/providers/proxmox/planTestKit';
import { startRehearsal, type Rehearsal } from './harness';

let rehearsal: Rehearsal | null = null;
afterEach(async () => {
  await rehearsal?.close();
  rehearsal = null;
});

const vms = Array.from({ length: 8 }, (_, index) => testVm({ name: `vm-${index + 1}` }));

describe('preflight against the lab', () => {
  it('logs in once per endpoint for all its checks', async () => {
    rehearsal = await startRehearsal();
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint })], vms });
    const [result] = await runPreflight(plan, { trust: rehearsal.store, lab: true, ipPorts: [] });
    expect(result!.checks.filter((check) => check.status === 'blocker')).toEqual([]);
    expect(rehearsal.lab.proxmox.snapshot().logins).toEqual({ granted: 1, refused: 0 });
  });

  it('tries a wrong password once and says the account may lock', async () => {
    rehearsal = await startRehearsal();
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint, password: 'wrong' })], vms });
    const [result] = await runPreflight(plan, { trust: rehearsal.store, lab: true, ipPorts: [] });
    const login = result!.checks.find((check) => check.id === 'login');
    expect(login).toMatchObject({ status: 'blocker' });
    expect(login!.detail).toMatch(/lock/i);
    expect(rehearsal.lab.proxmox.snapshot().logins).toEqual({ granted: 0, refused: 1 });
  });
});
