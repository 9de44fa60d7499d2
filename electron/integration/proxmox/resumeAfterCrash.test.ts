import { say, type TextRef } from '../../../shared/i18n/engineText';
import { afterEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../../shared/plan/model';
import type { LogLevel } from '../../../shared/runModel';
import { createProxmoxStepKinds, createVmKind } from '../../engine/providers/proxmox';
import type { VmArtifact } from '../../engine/providers/proxmox/nodeAttempt';
import { testEndpoint, testPlan, testVm } from '../../engine/providers/proxmox/planTestKit';
import { buildProxmoxSteps } from '../../engine/providers/proxmox/steps';
import { EndpointSessions } from '../../engine/net/endpointSessions';
import { SlotRegistry, type StepContext, type StepSpec } from '../../engine/runner';
import { startRehearsal, type Rehearsal } from './harness';

let rehearsal: Rehearsal | null = null;
afterEach(async () => {
  await rehearsal?.close();
  rehearsal = null;
});

const runId = 'run-crash';

/**
 * One "process" running the step: a fresh step kind table and signal, the
 * artifacts in the store. `crashWhen` aborts the attempt the moment it
 * holds, as if the app died there (nothing after it runs).
 */
async function attempt(rehearsal: Rehearsal, plan: Plan, step: StepSpec, crashWhen?: (artifact: VmArtifact | null, line: string | null) => boolean) {
  const kind = createProxmoxStepKinds(rehearsal.deps(plan))[createVmKind];
  if (!kind) throw new Error('no vm.create kind');
  const controller = new AbortController();
  const stored = rehearsal.store.artifactsFor(runId, step.id);
  const lines: string[] = [];
  const phases: string[] = [];
  const ctx: StepContext = {
    runId,
    step,
    attempt: 1,
    signal: controller.signal,
    log: (_level: LogLevel, words: string | TextRef) => {
      const text = typeof words === 'string' ? words : say('en', words);
      lines.push(text);
      if (crashWhen?.(null, text)) controller.abort(new Error('crash'));
    },
    progress: (progress) => {
      if (progress.phase) phases.push(`${progress.phaseIndex}/${progress.phaseCount} ${progress.phase}`);
    },
    slots: new SlotRegistry(),
    sessions: new EndpointSessions(),
    artifacts: {
      get: (key) => stored.get(key),
      set: (key, value) => {
        stored.set(key, value);
        if (crashWhen?.(value as VmArtifact, null)) controller.abort(new Error('crash'));
      },
    },
  };
  try {
    const done = await kind.check(ctx);
    const outcome = done ? 'already done' : await kind.run(ctx).then(() => 'ran', (error: unknown) => error);
    return { outcome, lines, phases };
  } finally {
    ctx.sessions.close();
  }
}

function setup(r: Rehearsal): { plan: Plan; step: StepSpec } {
  const plan = testPlan({
    endpoints: [testEndpoint({ ...r.endpoint })],
    vms: [testVm({ name: 'svc-01', placement: ['pve2'], ip: '10.0.20.40', vcpu: 3, memoryMiB: 3072, diskGiB: 12 })],
  });
  const step = buildProxmoxSteps(plan).find((entry) => entry.id === 'vm.create:svc-01');
  if (!step) throw new Error('no step');
  r.store.createRun({ id: runId, planName: 'p', environment: 'lab-site', source: {}, createdAt: 0 }, [step]);
  return { plan, step };
}

describe('resuming vm.create after a crash', () => {
  it('finishes the cloned VM after a crash between clone and configure, without a second clone', async () => {
    rehearsal = await startRehearsal();
    const { plan, step } = setup(rehearsal);

    const crashed = await attempt(rehearsal, plan, step, (artifact) => artifact?.phase === 'cloned');
    expect(crashed.outcome).not.toBe('ran');
    expect(crashed.phases[0]).toBe('0/5 clone');
    const afterCrash = rehearsal.lab.proxmox.snapshot().vms.filter((vm) => vm.name === 'svc-01');
    expect(afterCrash).toEqual([expect.objectContaining({ vmid: 1000, node: 'pve2', status: 'stopped' })]);

    const resumed = await attempt(rehearsal, plan, step);

    expect(resumed.outcome).toBe('ran');
    expect(resumed.lines).toContain('Resuming VM 1000 on pve2 after phase "cloned".');
    expect(resumed.lines.some((line) => line.startsWith('Cloning'))).toBe(false);
    // The step says which part it is in, from where it picked up.
    expect(resumed.phases).toEqual(['1/5 configure', '2/5 resize', '3/5 start', '4/5 guestAgent']);
    const vms = rehearsal.lab.proxmox.snapshot().vms.filter((vm) => !vm.template);
    expect(vms).toEqual([expect.objectContaining({ vmid: 1000, name: 'svc-01', node: 'pve2', status: 'running' })]);
    const config = await rehearsal.client().get<Record<string, unknown>>('/nodes/pve2/qemu/1000/config', new AbortController().signal);
    expect(config).toMatchObject({ cores: 3, memory: '3072', ipconfig0: 'ip=10.0.20.40/24,gw=10.0.20.1' });
    expect(rehearsal.store.getArtifact(runId, step.id, 'vm')).toMatchObject({ vmid: 1000, phase: 'ready' });

    const again = await attempt(rehearsal, plan, step);
    expect(again.outcome).toBe('already done');

    // Undo deletes what the step made and gives its VMID back.
    const kind = createProxmoxStepKinds(rehearsal.deps(plan))[createVmKind];
    const stored = rehearsal.store.artifactsFor(runId, step.id);
    const sessions = new EndpointSessions();
    await kind?.undo?.({ runId, step, attempt: 1, signal: new AbortController().signal, log: () => undefined, progress: () => undefined, artifacts: stored, slots: new SlotRegistry(), sessions });
    sessions.close();
    expect(rehearsal.lab.proxmox.snapshot().vms.filter((vm) => !vm.template)).toEqual([]);
    expect(rehearsal.store.listReservations('lab-site', 'proxmox-vmid')).toEqual([]);
  });

  it('waits for a clone still running when the app died, then goes on with the same VMID', async () => {
    rehearsal = await startRehearsal({ latency: { tasks: { qmclone: 1500 } } });
    const { plan, step } = setup(rehearsal);

    const crashed = await attempt(rehearsal, plan, step, (_artifact, line) => line !== null && line.startsWith('[qmclone]'));
    expect(crashed.outcome).not.toBe('ran');
    expect(rehearsal.store.getArtifact(runId, step.id, 'vm')).toMatchObject({ vmid: 1000, phase: 'cloning' });
    expect(rehearsal.lab.proxmox.snapshot().vms.find((vm) => vm.vmid === 1000)).toMatchObject({ lock: 'clone' });

    const resumed = await attempt(rehearsal, plan, step);

    expect(resumed.outcome).toBe('ran');
    expect(resumed.lines.some((line) => /VM 1000 on pve2 is locked \(clone\); waiting/.test(line))).toBe(true);
    const vms = rehearsal.lab.proxmox.snapshot().vms.filter((vm) => !vm.template);
    expect(vms).toEqual([expect.objectContaining({ vmid: 1000, name: 'svc-01', status: 'running', lock: null })]);
    expect(rehearsal.store.listReservations('lab-site', 'proxmox-vmid').map((entry) => entry.value)).toEqual(['1000']);
  });

  it('adopts the VM an earlier run left half-done instead of creating a duplicate', async () => {
    rehearsal = await startRehearsal();
    const { plan, step } = setup(rehearsal);
    await attempt(rehearsal, plan, step, (artifact) => artifact?.phase === 'configured');

    // A new run of the same plan: its artifacts are empty, the reservation of the earlier run's step remains.
    const kinds = createProxmoxStepKinds(rehearsal.deps(plan));
    const fresh = rehearsal.store.artifactsFor('run-next', step.id);
    rehearsal.store.createRun({ id: 'run-next', planName: 'p', environment: 'lab-site', source: {}, createdAt: 1 }, [step]);
    const lines: string[] = [];
    const sessions = new EndpointSessions();
    const ctx: StepContext = { runId: 'run-next', step, attempt: 1, signal: new AbortController().signal, log: (_l, text) => lines.push(typeof text === 'string' ? text : say('en', text)), progress: () => undefined, artifacts: fresh, slots: new SlotRegistry(), sessions };
    expect(await kinds[createVmKind]?.check(ctx)).toBe(false);
    await kinds[createVmKind]?.run(ctx);
    sessions.close();

    expect(lines.some((line) => /created by an earlier run; finishing its configuration/.test(line))).toBe(true);
    expect(rehearsal.lab.proxmox.snapshot().vms.filter((vm) => !vm.template)).toEqual([expect.objectContaining({ vmid: 1000, status: 'running' })]);
  });
});
