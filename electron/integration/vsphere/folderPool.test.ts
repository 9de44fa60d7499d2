import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { endpointNeeds } from '../../engine/preflight/planNeeds';
import { vsphereChecks } from '../../engine/providers/vsphere/preflight';
import { buildVsphereSteps } from '../../engine/providers/vsphere/steps';
import type { SoapTestClient } from '../../lab/vsphere/soapTestClient';
import { attemptStep, startVsphereRehearsal, vcsimBinary, type VsphereRehearsal } from './vsphereHarness';

const placed = ['vweb-01', 'vwin-01'];
/** The test client gives a reference property as its id alone: the type is what the API reference says the property holds. */
const refOf = (type: string, value: unknown) => ({ type, value: String(value) });

describe.skipIf(!vcsimBinary.path)('VMs in a folder and a resource pool of the plan', () => {
  let rehearsal: VsphereRehearsal;
  let checker: SoapTestClient;
  beforeAll(async () => {
    // The plan names them; the lab preparation must create them in vcsim.
    rehearsal = await startVsphereRehearsal((plan) => {
      for (const vm of plan.vms.filter((entry) => placed.includes(entry.name))) Object.assign(vm, { folder: 'Rackpilot/web', resourcePool: 'pool-a' });
    });
    checker = await rehearsal.checker();
  }, 120_000);
  afterAll(async () => {
    await rehearsal?.close();
  });

  it('clones each VM into vm/Rackpilot/web and pool-a of its cluster, as the vSphere API shows', async () => {
    const steps = buildVsphereSteps(rehearsal.plan).filter((step) => placed.some((name) => step.id === `vm.create:${name}`));
    rehearsal.store.createRun({ id: 'run-placed', planName: 'sample', environment: 'lab:vc-lab', source: {}, createdAt: 0 }, steps);
    for (const step of steps) expect((await attemptStep(rehearsal, 'run-placed', step)).outcome, step.id).toBe('ran');

    for (const name of placed) {
      const vm = await checker.find(`DC0/vm/Rackpilot/web/${name}`);
      expect(vm, name).not.toBeNull();
      expect(await checker.find(`DC0/vm/${name}`), `${name} not at the root`).toBeNull();
      const { resourcePool, 'runtime.powerState': power } = await checker.properties(vm!, ['resourcePool', 'runtime.powerState']);
      expect(power).toBe('poweredOn');
      const pool = await checker.properties(refOf('ResourcePool', resourcePool), ['name', 'parent']);
      expect(pool.name).toBe('pool-a');
      // pool-a sits right below the cluster's root pool.
      const parent = await checker.properties(refOf('ResourcePool', pool.parent), ['parent']);
      expect((await checker.properties(refOf('ClusterComputeResource', parent.parent), ['name'])).name).toBe('DC0_C0');
    }
  });

  it('keeps a folder the vCenter lacks a preflight blocker naming the VM and its cell (Rackpilot creates no folders in a customer vCenter)', async () => {
    const plan = rehearsal.plan;
    const vm = plan.vms.find((entry) => entry.name === 'vdb-01')!;
    const before = vm.folder;
    vm.folder = 'Rackpilot/missing';
    try {
      const found = await vsphereChecks(plan.endpoints[0]!, plan, endpointNeeds(plan, plan.endpoints[0]!.name), memoryTrustStore(), 20_000, AbortSignal.timeout(30_000));
      expect(found.checks.find((entry) => entry.id === 'placement')).toMatchObject({ status: 'blocker', message: expect.stringMatching(/vdb-01: vCenter vc-lab has no VM folder vm\/Rackpilot\/missing in DC0\..*vm\/Rackpilot\/web/) });
    } finally {
      vm.folder = before;
    }
    expect(await checker.find('DC0/vm/Rackpilot/missing')).toBeNull();
  });
});
