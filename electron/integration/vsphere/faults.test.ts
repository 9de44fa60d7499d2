import { say, type TextRef } from '../../../shared/i18n/engineText';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { endpointNeeds } from '../../engine/preflight/planNeeds';
import { deployVm, removeVm, vsVmArtifactKey, type VsVmArtifact } from '../../engine/providers/vsphere/deployVm';
import { readInventory } from '../../engine/providers/vsphere/inventory';
import { vsphereLabPreparation } from '../../engine/providers/vsphere/labPreparation';
import { resolvePlacement } from '../../engine/providers/vsphere/placement';
import { vsphereChecks } from '../../engine/providers/vsphere/preflight';
import { VimClient } from '../../engine/providers/vsphere/soapClient';
import { vsVmInput } from '../../engine/providers/vsphere/vmSpec';
import { moref, ref } from '../../engine/providers/vsphere/xml';
import type { SlotLimits } from '../../engine/runner/slotLimits';
import { vsphereSimulator } from '../../lab/vsphere/simulator';
import type { RunningSimulator } from '../../lab/simulators';
import { sampleOn, vcsimBinary } from './vsphereHarness';

describe.skipIf(!vcsimBinary.path)('vCenter faults on vcsim', () => {
  let lab: RunningSimulator<unknown>;
  let plan: Plan;
  const labPlan = (): Promise<Plan> => sampleOn(lab);
  beforeAll(async () => {
    lab = await vsphereSimulator.start({});
    plan = await labPlan();
    const preparation = vsphereLabPreparation(plan);
    // Room for a few of the plan's disks, not for all of them.
    await lab.prepare({ ...preparation, datastores: preparation.datastores.map((datastore) => ({ ...datastore, capacityGiB: 200, freeGiB: 100 })) });
  }, 120_000);
  afterAll(async () => {
    await lab?.close();
  });

  const client = (): VimClient => {
    const endpoint = plan.endpoints[0]!;
    return new VimClient({ endpoint: { name: endpoint.name, url: lab.endpoint.url, username: endpoint.username!, password: endpoint.password!, fingerprints: [lab.endpoint.fingerprint], datacenter: 'DC0', cluster: 'DC0_C0' }, trust: memoryTrustStore() });
  };

  it('finds at preflight a full datastore, an unknown template and a missing port group, each naming what and where', async () => {
    const changed = await labPlan();
    changed.images.push({ ...changed.images.find((image) => image.kind === 'template')!, name: 'missing-tpl', remoteName: 'tpl-nowhere' });
    changed.networks.push({ ...changed.networks[0]!, name: 'dmz', portGroup: 'DMZ' });
    changed.vms.find((vm) => vm.name === 'vweb-01')!.image = 'missing-tpl';
    changed.vms.find((vm) => vm.name === 'vmon-01')!.network = 'dmz';
    const found = await vsphereChecks(changed.endpoints[0]!, changed, endpointNeeds(changed, 'vc-lab'), memoryTrustStore(), 20_000, AbortSignal.timeout(30_000));
    const byId = Object.fromEntries(found.checks.map((entry) => [entry.id, entry]));
    expect(byId.login?.status).toBe('ok');
    expect(byId.capacity).toMatchObject({ status: 'blocker', message: expect.stringMatching(/Datastore LocalDS_0 has [\d.]+ GiB free; the plan puts 380.0 GiB of disks there/) });
    expect(byId.templates).toMatchObject({ status: 'blocker', message: expect.stringContaining('tpl-nowhere') });
    expect(byId.placement).toMatchObject({ status: 'blocker', message: expect.stringMatching(/vmon-01: vCenter vc-lab has no port group DMZ in DC0\..*\(VMs!/) });
  });

  it('refuses a wrong password at preflight and checks nothing else', async () => {
    const endpoint = { ...plan.endpoints[0]!, password: new Secret('not-the-password') };
    const found = await vsphereChecks(endpoint, plan, endpointNeeds(plan, 'vc-lab'), memoryTrustStore(), 20_000, AbortSignal.timeout(30_000));
    expect(found.checks[0]).toMatchObject({ id: 'login', status: 'blocker', message: expect.stringContaining('refused the login as administrator@vsphere.local') });
    expect(found.checks.slice(1).every((entry) => entry.status === 'skipped')).toBe(true);
  });

  it('resumes a clone interrupted before its answer was recorded without cloning again, and a rollback removes it', async () => {
    const vim = client();
    try {
      const signal = AbortSignal.timeout(60_000);
      const input = vsVmInput(plan, plan.vms.find((vm) => vm.name === 'vmon-01')!);
      const placement = resolvePlacement(await readInventory(vim, signal), input);
      // The crash: the clone was requested and its task recorded, then the process died.
      const task = moref(await vim.call('CloneVM_Task', placement.template.ref, { folder: ref(placement.folder.ref), name: input.name, spec: { location: { datastore: ref(placement.datastore.ref), pool: ref(placement.pool.ref) }, template: false, powerOn: false } }, signal))!;
      const store = new Map<string, unknown>([[vsVmArtifactKey, { moref: null, task: task.value, folder: 'vm', datastore: 'LocalDS_0', phase: 'cloning' } satisfies VsVmArtifact]]);
      const artifacts = { get: <T>(key: string) => store.get(key) as T | undefined, set: (key: string, value: unknown) => void store.set(key, value) };
      const lines: string[] = [];
      const job = {
        client: vim,
        signal,
        log: (_level: string, text: string | TextRef) => void lines.push(typeof text === 'string' ? text : say('en', text)),
        input,
        artifacts,
        slots: { run: (_key: string, _limit: number, _signal: AbortSignal, work: () => Promise<unknown>) => work() } as unknown as SlotLimits,
        secrets: { adminPassword: null, productKey: null, domainPassword: null },
        progress: () => undefined,
        guest: { timeoutMs: 30_000, probeTimeoutMs: 200 },
      };
      const done = await deployVm(job);
      expect(done.phase).toBe('ready');
      expect(lines.some((line) => line.startsWith('Cloning '))).toBe(false);
      const namesakes = (await readInventory(vim, signal)).vms.filter((vm) => vm.name === input.name);
      expect(namesakes).toHaveLength(1);
      expect(namesakes[0]).toMatchObject({ powerState: 'poweredOn', ipAddress: input.ip, numCpu: input.vcpu });

      await removeVm({ client: vim, signal, log: job.log, artifacts, input });
      expect((await readInventory(vim, signal)).vms.filter((vm) => vm.name === input.name)).toEqual([]);
      expect(store.get(vsVmArtifactKey)).toMatchObject({ phase: 'removed' });
    } finally {
      vim.close();
    }
  });
});
