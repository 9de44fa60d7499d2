import { text } from '../../../../shared/i18n/engineText';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fail } from '../../../../shared/errors';
import type { Secret } from '../../../../shared/plan/secret';
import type { TrustPrompt, TrustStore } from '../../net';
import type { StepContext, StepKind } from '../../runner/types';
import type { FileHashCache } from '../../transfer';
import type { GuestSecrets } from './customization';
import { deployVm, removeVm, vsVmArtifactKey, type VsVmArtifact } from './deployVm';
import { readInventory } from './inventory';
import { uploadKeyOf, vsphereLimits } from './limits';
import { runVimSession } from './session';
import { VimClient } from './soapClient';
import { vsDeployKind, vsUploadKind, type VsUploadInput } from './steps';
import type { ResolvedVsphereEndpoint, StepLog } from './types';
import { findSameFile, removeUploaded, uploadToDatastore, type VsUploadJob } from './upload';
import { isVmInPlace } from './vmCheck';
import type { VsVmInput } from './vmSpec';

export interface VsphereDeps {
  resolveEndpoint(name: string): ResolvedVsphereEndpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
  workbookDir: string;
  /** The guest secrets of a VM from the plan, read when the step runs (step inputs hold none). */
  vmSecrets(vmName: string): { password: Secret | null; productKey: Secret | null; domainPassword: Secret | null };
  fileHashes?: FileHashCache;
  /** Default: 10 min for the guest's address (a Windows sysprep reboots twice), 3 s per port probe. */
  guest?: { timeoutMs: number; probeTimeoutMs: number };
  httpDebug?: boolean;
}

type Work<T> = (client: VimClient, endpoint: ResolvedVsphereEndpoint) => Promise<T>;

/** One client per attempt on the endpoint's shared session of the run, closed whatever happens. */
async function withClient<T>(deps: VsphereDeps, endpointName: string, ctx: StepContext<unknown>, work: Work<T>): Promise<T> {
  const endpoint = deps.resolveEndpoint(endpointName);
  const open = (target: ResolvedVsphereEndpoint, log: StepLog | null, withSession: boolean): VimClient =>
    new VimClient({
      endpoint: target,
      trust: deps.trust,
      ...(deps.prompt ? { prompt: deps.prompt } : {}),
      ...(deps.httpDebug && log ? { httpLog: log } : {}),
      ...(withSession ? { session: runVimSession(ctx.sessions, target, (login) => open(login, null, false)) } : {}),
    });
  const client = open(endpoint, ctx.log, true);
  try {
    return await work(client, endpoint);
  } finally {
    client.close();
  }
}

const workbookPath = (deps: VsphereDeps, file: string): string => (isAbsolute(file) ? file : resolve(deps.workbookDir, file));

async function uploadJob(deps: VsphereDeps, client: VimClient, ctx: StepContext<VsUploadInput>): Promise<VsUploadJob> {
  const input = ctx.step.input;
  const inventory = await readInventory(client, ctx.signal);
  const datacenters = input.datacenter ? inventory.datacenters.filter((dc) => dc.name === input.datacenter) : inventory.datacenters;
  const datacenter = datacenters.find((dc) => inventory.datastores.some((ds) => ds.datacenter === dc.name && ds.name === input.datastore));
  if (!datacenter) {
    const where = { endpoint: input.endpoint, datastore: input.datastore, file: input.file };
    fail('plan_invalid', input.datacenter ? text('vsphere.upload.noDatastoreIn', { ...where, datacenter: input.datacenter }) : text('vsphere.upload.noDatastore', where), {
      hint: text('vsphere.hint.imageStorage'),
      retryable: false,
      ...(input.cells.file ? { cell: input.cells.file } : {}),
    });
  }
  return {
    client,
    target: { datacenter: datacenter.name, datacenterRef: datacenter.ref, datastore: input.datastore, path: input.path },
    file: workbookPath(deps, input.file),
    sha256: input.sha256,
    cells: input.cells,
    signal: ctx.signal,
    log: ctx.log,
    progress: ctx.progress,
    artifacts: ctx.artifacts,
    hashes: deps.fileHashes ?? null,
  };
}

function uploadStepKind(deps: VsphereDeps): StepKind<VsUploadInput> {
  return {
    kind: vsUploadKind,
    policy: {
      retry: { maxAttempts: 2, baseDelayMs: 5000, maxDelayMs: 30_000, jitter: 0.2 },
      timeoutMs: 6 * 60 * 60_000,
      // Per datastore, whole attempts (limits.ts).
      concurrencyKey: (step) => uploadKeyOf(step.input as VsUploadInput),
      keyLimit: vsphereLimits.uploadsPerDatastore,
    },
    check: (ctx) =>
      withClient(deps, ctx.step.input.endpoint, ctx, async (client) => {
        const job = await uploadJob(deps, client, ctx);
        const facts = await stat(job.file).catch(() => null);
        return facts !== null && (await findSameFile(job, facts.size)).present;
      }),
    run: (ctx) =>
      withClient(deps, ctx.step.input.endpoint, ctx, async (client) => {
        await uploadToDatastore(await uploadJob(deps, client, ctx));
      }),
    undo: (ctx) =>
      withClient(deps, ctx.step.input.endpoint, ctx, async (client) => {
        await removeUploaded(await uploadJob(deps, client, ctx));
      }),
  };
}

function secretsOf(deps: VsphereDeps, client: VimClient, input: VsVmInput): GuestSecrets {
  const secrets = deps.vmSecrets(input.name);
  const reveal = (secret: Secret | null): string | null => (secret && !secret.isEmpty ? secret.reveal() : null);
  const clear = { adminPassword: reveal(secrets.password), productKey: reveal(secrets.productKey), domainPassword: reveal(secrets.domainPassword) };
  for (const value of Object.values(clear)) client.addSecret(value);
  return clear;
}

function deployStepKind(deps: VsphereDeps): StepKind<VsVmInput> {
  const guest = deps.guest ?? { timeoutMs: 10 * 60_000, probeTimeoutMs: 3000 };
  return {
    kind: vsDeployKind,
    policy: {
      retry: { maxAttempts: 2, baseDelayMs: 10_000, maxDelayMs: 60_000, jitter: 0.3 },
      timeoutMs: 60 * 60_000,
      // No key for the whole step: most of it waits for tasks and the guest. Clones take a slot of their datastore (limits.ts).
    },
    check: (ctx) => withClient(deps, ctx.step.input.endpoint, ctx, (client) => isVmInPlace(client, ctx.step.input, ctx.artifacts.get<VsVmArtifact>(vsVmArtifactKey), ctx.signal)),
    run: (ctx) =>
      withClient(deps, ctx.step.input.endpoint, ctx, async (client) => {
        const done = await deployVm({
          client,
          signal: ctx.signal,
          log: ctx.log,
          input: ctx.step.input,
          artifacts: ctx.artifacts,
          slots: ctx.slots,
          secrets: secretsOf(deps, client, ctx.step.input),
          progress: ctx.progress,
          guest,
        });
        ctx.log('info', text('log.vm.createdVsphere', { name: ctx.step.input.name ?? '', moref: done.moref ?? '', folder: done.folder ?? '', datastore: done.datastore ?? '' }));
      }),
    undo: (ctx) => withClient(deps, ctx.step.input.endpoint, ctx, (client) => removeVm({ client, signal: ctx.signal, log: ctx.log, artifacts: ctx.artifacts, input: ctx.step.input })),
  };
}

export function createVsphereStepKinds(deps: VsphereDeps): Record<string, StepKind> {
  return {
    [vsUploadKind]: uploadStepKind(deps) as StepKind,
    [vsDeployKind]: deployStepKind(deps) as StepKind,
  };
}
