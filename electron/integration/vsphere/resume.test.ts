import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vsVmArtifactKey, type VsVmArtifact } from '../../engine/providers/vsphere/deployVm';
import { readInventory } from '../../engine/providers/vsphere/inventory';
import { cloneSlotKey, vsphereParallelLimits } from '../../engine/providers/vsphere/limits';
import { buildVsphereSteps } from '../../engine/providers/vsphere/steps';
import type { StepSpec } from '../../engine/runner';
import type { SoapTestClient } from '../../lab/vsphere/soapTestClient';
import { attemptStep, startVsphereRehearsal, undoStep, vcsimBinary, type VsphereRehearsal } from './vsphereHarness';

const runId = 'run-crash';

/** The clone tasks vCenter's TaskManager lists (its `recentTask`), read by a client apart from the engine's. */
async function cloneTaskCount(checker: SoapTestClient): Promise<number> {
  const { recentTask } = (await checker.properties({ type: 'TaskManager', value: 'TaskManager' }, ['recentTask'])) as { recentTask?: { ManagedObjectReference?: unknown } };
  const refs = [recentTask?.ManagedObjectReference ?? []].flat() as Array<{ '@type': string; '#text': string }>;
  let clones = 0;
  for (const task of refs) {
    const { info } = (await checker.properties({ type: task['@type'], value: task['#text'] }, ['info'])) as { info: { name?: string } };
    if (/^CloneVM/i.test(String(info.name))) clones++;
  }
  return clones;
}

describe.skipIf(!vcsimBinary.path)('resuming a vCenter deploy after a crash', () => {
  let rehearsal: VsphereRehearsal;
  let checker: SoapTestClient;
  let steps: StepSpec[];
  beforeAll(async () => {
    rehearsal = await startVsphereRehearsal();
    checker = await rehearsal.checker();
    steps = buildVsphereSteps(rehearsal.plan);
    rehearsal.store.createRun({ id: runId, planName: 'sample', environment: 'lab:vc-lab', source: {}, createdAt: 0 }, steps);
  }, 120_000);
  afterAll(async () => {
    await rehearsal?.close();
  });
  const stepOf = (vm: string): StepSpec => steps.find((step) => step.id === `vm.create:${vm}`)!;
  const namesakes = async (name: string) => (await readInventory(rehearsal.client(), AbortSignal.timeout(30_000))).vms.filter((vm) => vm.name === name && !vm.template);

  it('continues from the configuration when the app died right after the clone: one clone task, one VM', async () => {
    const step = stepOf('vmon-01');
    const clonesBefore = await cloneTaskCount(checker);

    const crashed = await attemptStep(rehearsal, runId, step, (artifact) => (artifact as VsVmArtifact).phase === 'cloned');
    expect(crashed.outcome).not.toBe('ran');
    expect(crashed.lines.some((line) => line.startsWith('Cloning '))).toBe(true);
    // The clone held the slot the review describes for this step: same datastore, same limit.
    const described = vsphereParallelLimits(steps).find((limit) => limit.work === 'clone' && limit.steps.includes(step.id))!;
    expect(crashed.slots).toEqual([{ key: cloneSlotKey(described.endpoint, described.storage!), limit: described.limit }]);
    expect(rehearsal.store.getArtifact(runId, step.id, vsVmArtifactKey)).toMatchObject({ phase: 'cloned', moref: expect.stringMatching(/^vm-/) });
    expect(await namesakes('vmon-01')).toEqual([expect.objectContaining({ powerState: 'poweredOff' })]);

    const resumed = await attemptStep(rehearsal, runId, step);
    expect(resumed.outcome).toBe('ran');
    expect(resumed.lines.some((line) => line.startsWith('Cloning '))).toBe(false);
    expect(resumed.lines.some((line) => /^Continuing VM vmon-01 \(vm-\d+\) after "cloned"/.test(line))).toBe(true);
    expect(resumed.chinese.some((line) => /^在“cloned”之后继续处理虚拟机 vmon-01（vm-\d+）。$/.test(line))).toBe(true);
    expect(crashed.chinese.some((line) => line.startsWith('正在将 ') && line.includes(' 克隆为 vmon-01，'))).toBe(true);
    expect(resumed.phases).toEqual(['configure', 'customize', 'start', 'guestAgent', 'verify']);
    expect(await cloneTaskCount(checker)).toBe(clonesBefore + 1);
    const input = step.input as { vcpu: number; memoryMiB: number; ip: string };
    expect(await namesakes('vmon-01')).toEqual([expect.objectContaining({ powerState: 'poweredOn', numCpu: input.vcpu, memoryMiB: input.memoryMiB, ipAddress: input.ip })]);

    expect((await attemptStep(rehearsal, runId, step)).outcome).toBe('already done');
  });

  it('customizes without configuring again when the app died between configure and customize', async () => {
    const step = stepOf('vweb-01');
    const clonesBefore = await cloneTaskCount(checker);
    const crashed = await attemptStep(rehearsal, runId, step, (artifact) => (artifact as VsVmArtifact).phase === 'configured');
    expect(crashed.outcome).not.toBe('ran');

    const resumed = await attemptStep(rehearsal, runId, step);
    expect(resumed.outcome).toBe('ran');
    expect(resumed.phases).toEqual(['customize', 'start', 'guestAgent', 'verify']);
    expect(await cloneTaskCount(checker)).toBe(clonesBefore + 1);
    expect(await namesakes('vweb-01')).toHaveLength(1);
  });

  it('undo powers the VM off, deletes it, and does nothing the second time', async () => {
    const step = stepOf('vmon-01');
    expect(await namesakes('vmon-01')).toEqual([expect.objectContaining({ powerState: 'poweredOn' })]);
    const lines = await undoStep(rehearsal, runId, step);
    expect(lines.findIndex((line) => line.startsWith('Powering off VM vmon-01'))).toBeGreaterThanOrEqual(0);
    expect(lines.findIndex((line) => line.startsWith('Powering off'))).toBeLessThan(lines.findIndex((line) => line.startsWith('Deleting VM vmon-01')));
    expect(await namesakes('vmon-01')).toEqual([]);
    expect(rehearsal.store.getArtifact(runId, step.id, vsVmArtifactKey)).toMatchObject({ phase: 'removed' });
    expect(await undoStep(rehearsal, runId, step)).toEqual([]);
  });

  it('undo of a clone that crashed before its answer was recorded finds the VM by name in its folder', async () => {
    const step = stepOf('vtools-01');
    // Recorded "cloning" with no id, as if the app died while vCenter was cloning: the VM exists, its id was never stored.
    await attemptStep(rehearsal, runId, step, (artifact) => (artifact as VsVmArtifact).phase === 'cloned');
    const artifact = rehearsal.store.getArtifact(runId, step.id, vsVmArtifactKey) as VsVmArtifact;
    rehearsal.store.artifactsFor(runId, step.id).set(vsVmArtifactKey, { ...artifact, moref: null, phase: 'cloning' } satisfies VsVmArtifact);
    expect(await namesakes('vtools-01')).toHaveLength(1);
    await undoStep(rehearsal, runId, step);
    expect(await namesakes('vtools-01')).toEqual([]);
  });
});
