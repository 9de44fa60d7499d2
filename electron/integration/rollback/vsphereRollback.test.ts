import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { vsUploadKind } from '../../engine/providers/vsphere/steps';
import { folderUrl } from '../../engine/providers/vsphere/upload';
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

  function checkClient(): VimClient {
    const endpoint = plan.endpoints[0]!;
    return new VimClient({ endpoint: { name: 'check', url: lab.endpoint.url, username: endpoint.username!, password: endpoint.password!, fingerprints: [lab.endpoint.fingerprint], datacenter: null, cluster: null }, trust: memoryTrustStore() });
  }

  /** The HTTP status of a GET of the upload step's datastore file (200 there, 404 gone), asked with a login of the test's own. */
  async function isoStatus(input: { datastore: string; path: string; datacenter: string | null }): Promise<number> {
    const client = checkClient();
    try {
      const signal = AbortSignal.timeout(60_000);
      const datacenter = input.datacenter ?? (await readInventory(client, signal)).datacenters[0]!.name;
      const target = { datacenter, datacenterRef: { type: 'Datacenter', value: '' }, datastore: input.datastore, path: input.path };
      const cookie = await client.cookieHeader(signal);
      const response = await client.http.get(folderUrl(target), { headers: { Cookie: cookie }, responseType: 'arraybuffer', validateStatus: () => true, signal });
      return response.status;
    } finally {
      client.close();
    }
  }

  /** The plan's VMs as vCenter lists them, asked with a login of the test's own. */
  async function planVmsOnVcenter(): Promise<string[]> {
    const client = checkClient();
    try {
      const names = new Set(plan.vms.map((vm) => vm.name));
      return (await readInventory(client, AbortSignal.timeout(60_000))).vms.map((vm) => vm.name).filter((name) => names.has(name)).sort();
    } finally {
      client.close();
    }
  }

  function faultyKinds(): Record<string, StepKind> {
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
    return kinds;
  }

  it('deploys, fails one VM after its clone exists, and the rollback leaves none of the plan’s VMs and ISOs on vCenter', async () => {
    const kinds = faultyKinds();
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
    const uploads = steps.filter((step) => step.kind === vsUploadKind).map((step) => step.input as { datastore: string; path: string; datacenter: string | null });
    expect(uploads.length).toBeGreaterThan(0);
    for (const upload of uploads) expect(await isoStatus(upload)).toBe(200);

    const events: string[] = [];
    const rollback = new RunRollback({ runId, store, kinds, providers: createProviderRegistry(), concurrency: 4, redactor, emit: (batch) => batch.forEach((event) => event.type === 'step.undo' && events.push(`${event.stepId}:${event.undo.state}`)) });
    const goes = rollback.preview.undo.flatMap((item) => item.resources);
    expect(goes.filter((resource) => resource.kind === 'vm').map((resource) => resource.name).sort()).toEqual(deployed);
    // The ISOs the run uploaded go too; none is listed as staying.
    expect(goes.filter((resource) => resource.kind === 'image').map((resource) => resource.name).sort()).toEqual(uploads.map((upload) => upload.path).sort());
    expect(rollback.preview.kept.flatMap((item) => item.resources).filter((resource) => resource.kind === 'image')).toEqual([]);
    const outcome = await rollback.start();
    expect(outcome).toMatchObject({ state: 'rolled_back', notRemoved: [] });
    expect(outcome.removed.map((item) => item.stepId)).toContain(faulty);
    expect(await planVmsOnVcenter()).toEqual([]);
    for (const upload of uploads) expect(await isoStatus(upload)).toBe(404);
    expect(store.getRun(runId)?.state).toBe('rolled_back');
    expect(events.filter((event) => event.endsWith(':undone'))).toHaveLength(deployed.length + uploads.length);
    // What the run made is on record as gone: `cancel`'s list of what stays behind is empty of VMs and ISOs.
    expect(store.getSteps(runId).filter((step) => step.undo?.state === 'undone')).toHaveLength(deployed.length + uploads.length);

    // Rolling back what is already gone is success: the records are set back to "made" (as after a crash
    // between the deletion and its record), so each undo asks vCenter for a VM it no longer has.
    store.commit(runId, { steps: Object.fromEntries(store.getSteps(runId).map((step) => [step.id, { undo: null }])), events: [] });
    const remade = store.listArtifacts(runId).filter((artifact) => (artifact.value as { moref?: string | null } | null)?.moref);
    for (const artifact of remade) store.setArtifact(runId, artifact.stepId, artifact.key, { ...(artifact.value as object), phase: 'ready' });
    expect(remade).toHaveLength(deployed.length);
    // And each ISO's record back to "uploaded": its undo meets a file vCenter no longer has.
    const reuploaded = store.listArtifacts(runId).filter((artifact) => (artifact.value as { phase?: string } | null)?.phase === 'removed' && artifact.key === 'upload');
    for (const artifact of reuploaded) store.setArtifact(runId, artifact.stepId, artifact.key, { ...(artifact.value as object), phase: 'uploaded' });
    expect(reuploaded).toHaveLength(uploads.length);
    const again = await new RunRollback({ runId, store, kinds, providers: createProviderRegistry(), concurrency: 4, redactor, emit: () => undefined }).start();
    expect(again).toMatchObject({ state: 'rolled_back', notRemoved: [] });
  }, 300_000);

  it('leaves an ISO it found on the datastore and reused', async () => {
    const kinds = faultyKinds();
    const steps = vsphereProvider.buildSteps(plan);
    const uploads = steps.filter((step) => step.kind === vsUploadKind).map((step) => step.input as { datastore: string; path: string; datacenter: string | null; file: string });
    // Someone else's copy, put there before the run: the same bytes, so the run reuses it.
    const client = checkClient();
    try {
      const signal = AbortSignal.timeout(60_000);
      const datacenter = (await readInventory(client, signal)).datacenters[0]!.name;
      for (const upload of uploads) {
        const target = { datacenter: upload.datacenter ?? datacenter, datacenterRef: { type: 'Datacenter', value: '' }, datastore: upload.datastore, path: upload.path };
        const body = readFileSync(join(samplesDir, upload.file));
        const response = await client.http.put(folderUrl(target), body, { headers: { Cookie: await client.cookieHeader(signal), 'Content-Type': 'application/octet-stream' }, validateStatus: () => true, signal });
        expect(response.status).toBeLessThan(300);
      }
    } finally {
      client.close();
    }
    const runId = 'run-vs-reused';
    store.createRun({ id: runId, planName: 'vsphere sample', environment: 'lab:vc-lab', source: { kind: 'demo' }, createdAt: Date.now() }, steps);
    const redactor = new Redactor();
    const session = new RunSession({ runId, store, kinds, concurrency: 4, redactor, emit: () => undefined });
    await session.start();
    await session.close();
    expect(store.getRun(runId)?.state).toBe('failed');
    const rollback = new RunRollback({ runId, store, kinds, providers: createProviderRegistry(), concurrency: 4, redactor, emit: () => undefined });
    expect(rollback.preview.undo.flatMap((item) => item.resources).filter((resource) => resource.kind === 'image')).toEqual([]);
    expect(await rollback.start()).toMatchObject({ state: 'rolled_back', notRemoved: [] });
    expect(await planVmsOnVcenter()).toEqual([]);
    for (const upload of uploads) expect(await isoStatus(upload)).toBe(200);
  }, 300_000);
});
