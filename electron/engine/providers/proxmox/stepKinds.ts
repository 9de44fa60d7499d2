import { text } from '../../../../shared/i18n/engineText';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Secret } from '../../../../shared/plan/secret';
import type { TrustPrompt, TrustStore } from '../../net';
import type { StepContext, StepKind } from '../../runner/types';
import type { EndpointSession } from '../../net/endpointSessions';
import type { FileHashCache } from '../../transfer';
import { ProxmoxClient, type RecordedRequest } from './client';
import { deleteVm } from './control';
import { createVm } from './createVm';
import { readInventory } from './inventory';
import { vmArtifactKey, type VmArtifact, type VmJob } from './nodeAttempt';
import { connectToNode } from './nodeClient';
import { platformLoad, proxmoxLimits, proxmoxSlotKeys } from './platformLoad';
import { readSshKeys } from './sshKeys';
import { anyNode, createVmKind, uploadKind, type ImageUploadInput } from './steps';
import { runTicketSession, type Ticket } from './ticketSession';
import type { ResolvedEndpoint, StepLog } from './types';
import { findSameFile, removeUploadedImage, uploadArtifactKey, uploadImage, type UploadJob } from './uploadImage';
import { isVmInPlace } from './vmCheck';
import { releaseVmid, type VmidReservations } from './vmids';
import type { VmCreateInput } from './vmSpec';

export interface ProxmoxDeps {
  resolveEndpoint(name: string): ResolvedEndpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
  reservations: VmidReservations;
  /** The run's target environment: VMID reservations are kept per environment. */
  environment: string;
  /** The workbook's folder: ISO and key paths of the plan are relative to it. */
  workbookDir: string;
  /** The VM's cloud-init password from the plan, asked when the step runs (step inputs hold no secrets). */
  vmPassword?(vmName: string): Secret | null;
  /** Default: wait up to 5 min for the guest agent's address report, and only warn when it does not come. */
  guestWait?: { enabled: boolean; timeoutMs: number; required: boolean };
  /** Request/response lines into the step log (debug level). */
  httpDebug?: boolean;
  /** Every API request, for tests and schema checks. */
  onRequest?(endpoint: string, request: RecordedRequest): void;
  /** Lock retries of clone/config/start (tests shorten them). */
  lockRetry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Digests of local files computed before (at import), so uploads send them without hashing again. */
  fileHashes?: FileHashCache;
}

function openClient(deps: ProxmoxDeps, endpoint: ResolvedEndpoint, session: EndpointSession<Ticket> | null, log: StepLog | null): ProxmoxClient {
  return new ProxmoxClient({
    endpoint,
    trust: deps.trust,
    ...(session ? { session } : {}),
    ...(deps.prompt ? { prompt: deps.prompt } : {}),
    ...(deps.httpDebug && log ? { httpLog: log } : {}),
    ...(deps.onRequest ? { onRequest: (request: RecordedRequest) => deps.onRequest?.(endpoint.name, request) } : {}),
  });
}

type OpenClient = (target: ResolvedEndpoint) => ProxmoxClient;

/**
 * One client per attempt, closed whatever happens (its pooled connections
 * with it); its ticket comes from the endpoint's session of the run. PVE
 * tickets are valid on every node of the cluster, so the clients of other
 * nodes (uploads) that `open` makes share it too.
 */
async function withClient<T>(deps: ProxmoxDeps, endpointName: string, ctx: StepContext<unknown>, work: (client: ProxmoxClient, endpoint: ResolvedEndpoint, open: OpenClient) => Promise<T>): Promise<T> {
  const endpoint = deps.resolveEndpoint(endpointName);
  const session = runTicketSession(ctx.sessions, endpoint, (target) => openClient(deps, target, null, null));
  const open: OpenClient = (target) => openClient(deps, target, session, ctx.log);
  const client = open(endpoint);
  try {
    return await work(client, endpoint, open);
  } finally {
    client.close();
  }
}

const workbookPath = (deps: ProxmoxDeps, file: string): string => (isAbsolute(file) ? file : resolve(deps.workbookDir, file));

/** The nodes an upload step serves: its own, or for `*` every online node with the storage (just one when it is shared). */
async function uploadNodes(client: ProxmoxClient, input: ImageUploadInput, signal: AbortSignal): Promise<string[]> {
  if (input.node !== anyNode) return [input.node];
  const inventory = await readInventory(client, signal);
  const online = new Set(inventory.nodes.filter((node) => node.online).map((node) => node.name));
  const holders = inventory.storages.filter((entry) => entry.storage === input.storage && entry.active && entry.content.includes('iso') && online.has(entry.node));
  const shared = holders.find((entry) => entry.shared);
  return shared ? [shared.node] : holders.map((entry) => entry.node).sort();
}

async function forEachUploadNode(deps: ProxmoxDeps, ctx: StepContext<ImageUploadInput>, work: (job: UploadJob) => Promise<boolean>): Promise<boolean> {
  const input = ctx.step.input;
  return withClient(deps, input.endpoint, ctx, async (client, endpoint, open) => {
    let all = true;
    for (const node of await uploadNodes(client, input, ctx.signal)) {
      const connection = await connectToNode(client, endpoint, node, open, ctx.signal);
      try {
        const job: UploadJob = {
          client: connection.client,
          target: { node, storage: input.storage, remoteName: input.remoteName },
          file: workbookPath(deps, input.file),
          sha256: input.sha256,
          cells: input.cells,
          signal: ctx.signal,
          log: ctx.log,
          progress: ctx.progress,
          artifacts: ctx.artifacts,
          hashes: deps.fileHashes ?? null,
        };
        all = (await work(job)) && all;
      } finally {
        connection.release();
      }
    }
    return all;
  });
}

/** The nodes this step recorded an upload on (not the plan's nodes now: `*` may name others since). */
function recordedUploadNodes(ctx: StepContext<ImageUploadInput>, candidates: string[]): string[] {
  return candidates.filter((node) => ctx.artifacts.get(uploadArtifactKey(node)) !== undefined);
}

async function undoUploads(deps: ProxmoxDeps, ctx: StepContext<ImageUploadInput>): Promise<void> {
  const input = ctx.step.input;
  await withClient(deps, input.endpoint, ctx, async (client, endpoint, open) => {
    const nodes = input.node === anyNode ? (await readInventory(client, ctx.signal)).nodes.map((node) => node.name) : [input.node];
    for (const node of recordedUploadNodes(ctx, nodes)) {
      const connection = await connectToNode(client, endpoint, node, open, ctx.signal);
      try {
        const target = { node, storage: input.storage, remoteName: input.remoteName };
        await removeUploadedImage({ client: connection.client, target, signal: ctx.signal, log: ctx.log, artifacts: ctx.artifacts });
      } finally {
        connection.release();
      }
    }
  });
}

function uploadStepKind(deps: ProxmoxDeps): StepKind<ImageUploadInput> {
  return {
    kind: uploadKind,
    policy: {
      // The transfer layer already retries dropped connections; the runner's retry covers the rest (a busy node).
      retry: { maxAttempts: 2, baseDelayMs: 5000, maxDelayMs: 30_000, jitter: 0.2 },
      timeoutMs: 6 * 60 * 60_000,
      concurrencyKey: (step) => proxmoxSlotKeys.upload((step.input as ImageUploadInput).endpoint, (step.input as ImageUploadInput).node),
      keyLimit: proxmoxLimits.uploadsPerNode,
    },
    check: (ctx) =>
      forEachUploadNode(deps, ctx, async (job) => {
        const facts = await stat(job.file).catch(() => null);
        return facts !== null && (await findSameFile(job, facts.size, job.sha256)).present;
      }),
    run: async (ctx) => {
      await forEachUploadNode(deps, ctx, async (job) => (await uploadImage(job), true));
    },
    undo: (ctx) => undoUploads(deps, ctx),
  };
}

async function vmJob(deps: ProxmoxDeps, client: ProxmoxClient, ctx: StepContext<VmCreateInput>): Promise<VmJob> {
  const input = ctx.step.input;
  const password = input.hasPassword ? (deps.vmPassword?.(input.name)?.reveal() ?? null) : null;
  if (input.hasPassword && password === null) ctx.log('warn', text('pve.vm.noPassword', { name: input.name }));
  client.addSecret(password);
  const sshKeys = input.sshKeyPath ? await readSshKeys(workbookPath(deps, input.sshKeyPath), input.cells.origin) : null;
  const guest = deps.guestWait ?? { enabled: true, timeoutMs: 5 * 60_000, required: false };
  return {
    client,
    signal: ctx.signal,
    log: ctx.log,
    progress: (progress) => ctx.progress(progress),
    load: platformLoad(ctx.slots, input.endpoint, ctx.signal),
    input,
    artifacts: ctx.artifacts,
    secrets: { password, sshKeys },
    guest: { wait: guest.enabled, timeoutMs: guest.timeoutMs, required: guest.required },
    ...(deps.lockRetry ? { lockRetry: deps.lockRetry } : {}),
  };
}

function createVmStepKind(deps: ProxmoxDeps): StepKind<VmCreateInput> {
  return {
    kind: createVmKind,
    policy: {
      retry: { maxAttempts: 2, baseDelayMs: 10_000, maxDelayMs: 60_000, jitter: 0.3 },
      timeoutMs: 60 * 60_000,
      // No key for the whole step: most of it is waiting for tasks and the guest. Its tasks take
      // slots of their node (and clones of their storage) only while they run; see platformLoad.
    },
    check: (ctx) =>
      withClient(deps, ctx.step.input.endpoint, ctx, (client) =>
        isVmInPlace(client, ctx.step.input, ctx.artifacts.get<VmArtifact>(vmArtifactKey), ctx.signal),
      ),
    run: (ctx) =>
      withClient(deps, ctx.step.input.endpoint, ctx, async (client) => {
        const job = await vmJob(deps, client, ctx);
        const done = await createVm(job, { reservations: deps.reservations, environment: deps.environment, runId: ctx.runId, stepId: ctx.step.id });
        ctx.log('info', text('log.vm.createdProxmox', { name: ctx.step.input.name, vmid: done.vmid, node: done.node }));
      }),
    undo: (ctx) =>
      withClient(deps, ctx.step.input.endpoint, ctx, async (client) => {
        const saved = ctx.artifacts.get<VmArtifact>(vmArtifactKey);
        if (!saved || saved.phase === 'cleaned') return;
        const guest = (await readInventory(client, ctx.signal)).vms.find((entry) => entry.vmid === saved.vmid);
        // Only the VM this step made: a VMID that now names another VM is left alone.
        if (guest && guest.name !== ctx.step.input.name) {
          ctx.log('warn', text('pve.vm.renamed', { vmid: saved.vmid, now: guest.name, name: ctx.step.input.name }));
          return;
        }
        if (guest) await deleteVm({ client, signal: ctx.signal, log: ctx.log, load: platformLoad(ctx.slots, ctx.step.input.endpoint, ctx.signal) }, guest.node, saved.vmid);
        ctx.artifacts.set(vmArtifactKey, { ...saved, phase: 'cleaned' } satisfies VmArtifact);
        releaseVmid(deps.reservations, deps.environment, saved.vmid);
      }),
  };
}

/** The Proxmox step kinds, by kind name, for the engine's kind table. */
export function createProxmoxStepKinds(deps: ProxmoxDeps): Record<string, StepKind> {
  return {
    [uploadKind]: uploadStepKind(deps) as StepKind,
    [createVmKind]: createVmStepKind(deps) as StepKind,
  };
}
