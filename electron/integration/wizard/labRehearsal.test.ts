import { cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLabController } from '../../hostShared/lab/labController';
import { startWizardEngine } from './wizardHarness';

/* The sample plan as the wizard rehearses it: endpoints rewritten to the lab, addresses fictional. */

const lab = createLabController();
let wizard: Awaited<ReturnType<typeof startWizardEngine>>;
let workbook: string;

beforeAll(async () => {
  wizard = await startWizardEngine({ lab });
  cpSync(join(__dirname, '../../../assets/sample-plan'), join(wizard.dir, 'site'), { recursive: true });
  workbook = join(wizard.dir, 'site', 'sample-plan.en.xlsx');
});

afterAll(async () => {
  await wizard?.close();
  await lab.stop();
});

describe('the sample plan in the lab', () => {
  it('passes every preflight check; the planned addresses are not probed', async () => {
    const { endpoints } = await wizard.value('preflight:run', { plan: { path: workbook, lab: true } });
    expect(endpoints.map((endpoint: { name: string }) => endpoint.name)).toEqual(['pve-lab']);
    const [endpoint] = endpoints;
    const byId = Object.fromEntries(endpoint.checks.map((check: { id: string; status: string }) => [check.id, check.status]));
    expect(byId).toEqual({ reachable: 'ok', tls: 'ok', login: 'ok', version: 'ok', capacity: 'ok', templates: 'ok', storages: 'ok', ips: 'skipped' });
    expect(endpoint.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoint.certificate.trusted).toBe(true);
    expect(endpoint.nodes).toHaveLength(3);
  });

  it('totals what the run would create, as the plan and the image files say', async () => {
    const imported = await wizard.value('plan:import', { path: workbook });
    const vms = imported.plan.vms as Array<Record<string, { value: number }>>;
    const graph = await wizard.value('plan:graph', { plan: { path: workbook, lab: true }, concurrency: 4 });
    expect(graph.rehearsal).toBe(true);
    expect(graph.planName).not.toContain('(lab rehearsal)');
    expect(graph.environment).toBe('lab:pve-lab');
    expect(graph.totals).toMatchObject({
      vms: vms.length,
      vcpu: vms.reduce((sum, vm) => sum + vm.vcpu!.value, 0),
      memoryMiB: vms.reduce((sum, vm) => sum + vm.memoryMiB!.value, 0),
      diskGiB: vms.reduce((sum, vm) => sum + vm.diskGiB!.value, 0),
      uploadBytes: statSync(join(wizard.dir, 'site', 'images', 'tools.iso')).size,
      steps: graph.steps.length,
    });
    expect(graph.steps.filter((step: { kind: string }) => step.kind === 'proxmox.image.upload')).toHaveLength(1);
    // What runs in parallel: the run's concurrency, and every VM step under a clone and a task limit of Proxmox.
    expect(graph.parallel.concurrency).toBe(4);
    const vmSteps = graph.steps.filter((step: { kind: string }) => step.kind === 'proxmox.vm.create').map((step: { id: string }) => step.id).sort();
    for (const work of ['clone', 'task']) {
      const limits = graph.parallel.limits.filter((limit: { work: string }) => limit.work === work);
      expect(limits.flatMap((limit: { steps: string[] }) => limit.steps).sort(), work).toEqual(vmSteps);
    }
    expect(graph.parallel.limits.filter((limit: { work: string }) => limit.work === 'upload')).toEqual([expect.objectContaining({ limit: 1, steps: [graph.steps.find((step: { kind: string }) => step.kind === 'proxmox.image.upload').id] })]);
    const serial = await wizard.value('plan:graph', { plan: { path: workbook, lab: true }, concurrency: 1 });
    expect(serial.totals.estimate.highSeconds).toBeGreaterThan(graph.totals.estimate.highSeconds);
  });

  it('refuses a rehearsal on a host without a lab', async () => {
    const bare = await startWizardEngine();
    try {
      expect(await bare.invoke('preflight:run', { plan: { path: workbook, lab: true } })).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    } finally {
      await bare.close();
    }
  });
});
