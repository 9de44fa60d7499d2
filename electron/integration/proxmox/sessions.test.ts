import { afterEach, describe, expect, it } from 'vitest';
import { testEndpoint, testPlan, testVm } from '../../engine/providers/proxmox/planTestKit';
import { runPlan, startRehearsal, type Rehearsal } from './harness';

let rehearsal: Rehearsal | null = null;
afterEach(async () => {
  await rehearsal?.close();
  rehearsal = null;
});

const vms = (count: number) => Array.from({ length: count }, (_, index) => testVm({ name: `vm-${String(index + 1).padStart(2, '0')}` }));

describe('one login per endpoint, shared by the steps of a run', () => {
  it('tries a wrong password once: every step fails at once with the same error, none is retried', async () => {
    rehearsal = await startRehearsal();
    const endpoint = testEndpoint({ ...rehearsal.endpoint, password: 'not-the-password' });
    const plan = testPlan({ endpoints: [endpoint], vms: vms(11) });

    const result = await runPlan(rehearsal, plan, 'run-wrong-password');

    expect(rehearsal.lab.proxmox.snapshot().logins).toEqual({ granted: 0, refused: 1 });
    expect(result.outcome).toBe('failed');
    const finals = [...result.finalStates.values()];
    expect(finals).toHaveLength(11);
    expect(finals.map((entry) => entry.state)).toEqual(Array(11).fill('failed'));
    const first = finals[0]!.error!;
    for (const entry of finals) expect(entry.error).toEqual(first);
    expect(first).toMatchObject({ code: 'auth', retryable: false, cell: endpoint.src.password });
    expect(first.title).toContain('pve-lab');
    expect(first.title).toContain(rehearsal.endpoint.username);
    expect(first.hint).toMatch(/lock/i);
    expect(JSON.stringify(first)).not.toContain('not-the-password');
    expect(result.logs.filter((line) => line.text.includes('Retrying'))).toEqual([]);
  });

  it('renews an expired ticket once for all the steps that find it refused', async () => {
    rehearsal = await startRehearsal();
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint })], vms: vms(6) });
    const lab = rehearsal.lab.proxmox;
    let expired = false;
    // The moment the first VM is started every step is past its login: all their tickets die together.
    const result = await runPlan(rehearsal, plan, 'run-expiring-ticket', {
      onRequest: (_endpoint, request) => {
        rehearsal?.requests.push(request);
        if (!expired && request.path.endsWith('/status/start')) {
          expired = true;
          lab.invalidateTickets();
        }
      },
    });

    expect(expired).toBe(true);
    expect([...result.finalStates.values()].filter((entry) => entry.error)).toEqual([]);
    expect(result.outcome).toBe('succeeded');
    expect(lab.snapshot().logins).toEqual({ granted: 2, refused: 0 });
  });
});
