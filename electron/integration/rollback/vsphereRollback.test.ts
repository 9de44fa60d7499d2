import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure, appError } from '../../../shared/errors';
import type { Plan } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { importPlan } from '../../engine/plan/importPlan';
import { createProviderRegistry } from '../../engine/providers/registry';
import { readInventory } from '../../engine/providers/vsphere/inventory';
import { vsphereLabPreparation } from '../../engine/providers/vsphere/labPreparation';
import { vsphereProvider } from '../../engine/providers/vsphere/provider';
import { VimClient } from '../../engine/providers/vsphere/soapClient';
import type { StepKind } from '../../engine/runner/types';
import { RunRollback } from '../../engine/service/runRollback';
import { RunSession } from '../../engine/service/runSession';
import { openStore, type RunStore } from '../../engine/store';
import { Redactor } from '../../engine/util/redactor';
import { findVcsimBinary } from '../../lab/vsphere/binary';
import { vsphereSimulator } from '../../lab/vsphere/simulator';
import type { RunningSimulator } from '../../lab/simulators';

const binary = findVcsimBinary({});
if (!binary.path && process.env.RACKPILOT_REQUIRE_VCSIM) throw new Error('vcsim-lab is not built, and RACKPILOT_REQUIRE_VCSIM says it must be: run `npm run build:vcsim` first.');
const samplePath = fileURLToPath(new URL('../../../assets/sample-plan/sample-vsphere.en.xlsx', import.meta.url));
const samplesDir = fileURLToPath(new URL('../../../assets/sample-plan/', import.meta.url));
/** The VM whose step fails after its clone exists: the rollback must remove a failed step's work too. */
const faulty = 'vm.create:vdb-01';

describe.skipIf(!binary.path)('rolling back a failed vCenter run on vcsim', () => {
  let lab: RunningSimulator<unknown>;
  let plan: Plan;
  let store: RunStore;
  const dir = mkdtempSync(join(tmpdir(), 'rp-rollback-vs-'));

  beforeAll(async () => {
    lab = await vsphereSimulator.start({});
    plan = (await importPlan(samplePath, { lang: 'en' })).plan!;
    const endpoint = plan.endpoints[0]!;
    Object.assign(endpoint, { address: lab.endpoint.url, username: lab.endpoint.username, password: new Secret(lab.endpoint.password), tlsFingerprint: lab.endpoint.fingerprint });
    await lab.prepare(vsphereLabPreparation(plan));
    store = openStore(join(dir, 'rackpilot.db'));
  }, 120_000);
  afterAll(async () => {
    store?.close();
    await lab?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The plan's VMs as vCenter lists them, asked with a login of the test's own. */
  async function planVmsOnVcenter(): Promise<string[]> {
    const endpoint = plan.endpoints[0]!;
    const client = new VimClient({ endpoint: { name: 'check', url: lab.endpoint.url, username: endpoint.username!, password: endpoint.password!, fingerprints: [lab.endpoint.fingerprint], datacenter: null, cluster: null }, trust: memoryTrustStore() });
    try {
      const names = new Set(plan.vms.map((vm) => vm.name));
      return (await readInventory(client, AbortSignal.timeout(60_000))).vms.map((vm) => vm.name).filter((name) => names.has(name)).sort();
    } finally {
      client.close();
    }
  }

  it('deploys, fails one VM after its clone exists, and the rollback leaves none of the plan’s VMs on vCenter', async () => {
    const real = vsphereProvider.stepKinds({
      endpoint: (name) => plan.endpoints.find((entry) => entry.name === name)!,
      trust: store,
      reservations: store,
      environment: 'lab:vc-lab',
      workbookDir: samplesDir,
      fileHashes: store.fileHashes,
      plan,
    });
    // The fault: the deploy step of vdb-01 does its work, then fails as a guest that never reports would.
    const kinds: Record<string, StepKind> = Object.fromEntries(
      Object.entries(real).map(([name, kind]) => [
        name,
        {
          ...kind,
          run: async (ctx) => {
            await kind.run(ctx);
            if (ctx.step.id === faulty) throw new AppFailure(appError('step_failed', 'The guest never reported its address (injected).', { retryable: false }));
          },
        } satisfies StepKind,
      ]),
    );
    const steps = vsphereProvider.buildSteps(plan);
    const runId = 'run-vs';
    store.createRun({ id: runId, planName: 'vsphere sample', environment: 'lab:vc-lab', source: { kind: 'demo' }, createdAt: Date.now() }, steps);
    const redactor = new Redactor();
    const session = new RunSession({ runId, store, kinds, concurrency: 4, redactor, emit: () => undefined });
    await session.start();
    await session.close();
    expect(store.getRun(runId)?.state).toBe('failed');
    expect(store.getSteps(runId).find((step) => step.id === faulty)?.state).toBe('failed');
    const deployed = await planVmsOnVcenter();
    expect(deployed).toEqual(plan.vms.map((vm) => vm.name).sort());

    const events: string[] = [];
    const rollback = new RunRollback({ runId, store, kinds, providers: createProviderRegistry(), concurrency: 4, redactor, emit: (batch) => batch.forEach((event) => event.type === 'step.undo' && events.push(`${event.stepId}:${event.undo.state}`)) });
    expect(rollback.preview.undo.map((item) => item.resources.map((resource) => resource.name)).flat().sort()).toEqual(deployed);
    const outcome = await rollback.start();
    expect(outcome).toMatchObject({ state: 'rolled_back', notRemoved: [] });
    expect(outcome.removed.map((item) => item.stepId)).toContain(faulty);
    expect(await planVmsOnVcenter()).toEqual([]);
    expect(store.getRun(runId)?.state).toBe('rolled_back');
    expect(events.filter((event) => event.endsWith(':undone'))).toHaveLength(deployed.length);
    // What the run made is on record as gone: `cancel`'s list of what stays behind is empty of VMs.
    expect(store.getSteps(runId).filter((step) => step.undo?.state === 'undone')).toHaveLength(deployed.length);

    // Rolling back what is already gone is success: the records are set back to "made" (as after a crash
    // between the deletion and its record), so each undo asks vCenter for a VM it no longer has.
    store.commit(runId, { steps: Object.fromEntries(store.getSteps(runId).map((step) => [step.id, { undo: null }])), events: [] });
    const remade = store.listArtifacts(runId).filter((artifact) => (artifact.value as { moref?: string | null } | null)?.moref);
    for (const artifact of remade) store.setArtifact(runId, artifact.stepId, artifact.key, { ...(artifact.value as object), phase: 'ready' });
    expect(remade).toHaveLength(deployed.length);
    const again = await new RunRollback({ runId, store, kinds, providers: createProviderRegistry(), concurrency: 4, redactor, emit: () => undefined }).start();
    expect(again).toMatchObject({ state: 'rolled_back', notRemoved: [] });
  }, 300_000);
});
