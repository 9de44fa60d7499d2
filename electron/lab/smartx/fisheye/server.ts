import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEndpoint } from '../../simulators';
import { adminPrefix, handleAdmin } from '../admin';
import { FaultList, type FaultEntry } from '../faultList';
import { BodyTooLarge, maxBodyBytes, readBody, sendJson, sleep } from '../http';
import { selfSignedCertificate } from '../tls';
import { FisheyeCluster } from './cluster';
import type { FisheyeContext, FisheyeHooks, FisheyeLatency } from './context';
import { FisheyeError, sendError, sendOk, unauthorized } from './envelope';
import { fisheyeFaultSchema, type FisheyeFault } from './faults';
import { ImageStore, toUpload } from './images';
import { JobBook } from './jobs';
import { parseSmartxPreparation, type SmartxPreparation } from './preparation';
import { findRoute } from './routes';
import { Sessions } from './sessions';
import { gaState } from './vmRoutes';

export interface FisheyeLabOptions {
  /** Default `root` with a password made for this start. */
  username?: string;
  password?: string;
  latency?: Partial<FisheyeLatency>;
  /** Bytes per upload chunk the server hands out (SMTX OS: 8 MiB). */
  chunkSize?: number;
  tokenLifetimeMs?: number;
  /** Faults in force from the start (and again after each reset). */
  faults?: unknown[];
  /** The preparation in force from the start (README.md); default: the lab's small cluster. */
  preparation?: unknown;
  adminToken?: string;
  hooks?: Partial<FisheyeHooks> & { towerFaults?: (inputs: unknown[]) => unknown[] };
}

export const defaultFisheyeLatency: FisheyeLatency = { requestMs: 10, jobMs: 1500, guestAgentMs: 3000 };

export interface FisheyeSnapshot {
  images: { uuid: string; name: string; size: number; status: string; uploadedChunks: number; toUpload: number[]; sha256: string | null }[];
  vms: { uuid: string; vm_name: string; status: string; ga_state: string; ip: string | null }[];
  jobs: { uuid: string; operation: string; state: string }[];
  logins: { granted: number; refused: number };
}

export interface FisheyeLab {
  endpoint: LabEndpoint;
  port: number;
  certPem: string;
  faults: { add(inputs: unknown[]): FaultEntry<FisheyeFault>[]; list(): FaultEntry<FisheyeFault>[]; remove(id: string): boolean; clear(): void };
  /** The first fault of `kind` in force, or null (the SmartX lab's link reads installFails). */
  fault<Kind extends FisheyeFault['kind']>(kind: Kind): Extract<FisheyeFault, { kind: Kind }> | null;
  /** Calls `listener` whenever the faults change; returns the unsubscribe. */
  onFaultsChanged(listener: () => void): () => void;
  /** The preparation in force (defaults filled in). */
  preparation(): SmartxPreparation;
  prepare(preparation: unknown): void;
  snapshot(): FisheyeSnapshot;
  /** Every token issued so far dies (the next call gets 401). */
  expireTokens(): void;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the SMTX OS (fisheye) simulator over HTTPS on 127.0.0.1; close() stops it and removes its upload files. */
export async function startFisheyeLab(options: FisheyeLabOptions = {}): Promise<FisheyeLab> {
  const tls = await selfSignedCertificate('SmartX', 'smtx-os-lab.local');
  const username = options.username ?? 'root';
  const password = options.password ?? randomBytes(12).toString('base64url');
  const latency = { ...defaultFisheyeLatency, ...options.latency };
  const uploadDir = await mkdtemp(join(tmpdir(), 'rackpilot-smartx-lab-'));
  const lifetime = new AbortController();
  let preparation = parseSmartxPreparation(options.preparation);
  const faults = new FaultList<FisheyeFault>(fisheyeFaultSchema);
  const fresh = () => {
    const cluster = new FisheyeCluster(preparation);
    const images = new ImageStore(uploadDir, options.chunkSize ?? 8 * 1024 * 1024);
    for (const image of preparation.images) images.declare(image.name, image.size);
    return { cluster, images, jobs: new JobBook(lifetime.signal, () => latency.jobMs) };
  };
  // reset() and prepare() swap cluster, images and jobs in place; handlers always read them from here.
  const lab: FisheyeContext = {
    ...fresh(),
    sessions: new Sessions(username, password, options.tokenLifetimeMs ?? 3600_000),
    faults,
    latency,
    hooks: { addressConfigured: options.hooks?.addressConfigured ?? (() => undefined), vmDeleted: options.hooks?.vmDeleted ?? (() => undefined) },
  };
  faults.add(options.faults ?? []);
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');

  const faultActions = { list: () => faults.list(), add: (inputs: unknown[]) => faults.add(inputs), remove: (id: string) => faults.remove(id), clear: () => faults.clear() };
  const reset = async () => {
    lab.jobs.stop();
    await lab.images.clear();
    await rm(uploadDir, { recursive: true, force: true });
    await mkdir(uploadDir);
    faults.clear();
    Object.assign(lab, fresh());
    faults.add(options.faults ?? []);
  };
  const snapshot = (): FisheyeSnapshot => ({
    images: lab.images.list().map((image) => ({
      uuid: image.uuid,
      name: image.name,
      size: image.size,
      status: image.state.kind,
      uploadedChunks: image.state.kind === 'uploading' ? image.state.received.size : Math.ceil(image.size / image.chunk_size),
      toUpload: toUpload(image),
      sha256: image.state.kind === 'available' ? image.state.sha256 : null,
    })),
    vms: [...lab.cluster.vms.values()].map((vm) => ({ uuid: vm.uuid, vm_name: vm.vm_name, status: vm.power.kind, ga_state: gaState(lab, vm), ip: vm.nics[0]?.ip_address ?? null })),
    jobs: lab.jobs.all().map((job) => ({ uuid: job.id, operation: job.operation, state: job.state.kind })),
    logins: { ...lab.sessions.logins },
  });
  // Like the Proxmox lab's: adds what the plan needs and keeps uploads, VMs and jobs ("continue in the current lab"); reset() starts afresh.
  const prepare = (input: unknown) => {
    preparation = parseSmartxPreparation(input);
    lab.cluster.extend(preparation);
    for (const image of preparation.images) if (!lab.images.list().some((held) => held.name === image.name && held.size === image.size)) lab.images.declare(image.name, image.size);
  };
  const towerFaults = options.hooks?.towerFaults;
  const addFaultsFor = (target: string, inputs: unknown[]) => {
    if (target !== 'cloudtower' || !towerFaults) throw new Error(`unknown fault target ${target}`);
    return towerFaults(inputs);
  };
  const actions = { faults: faultActions, state: snapshot, prepare, reset, addFaultsFor };

  const requests = new Set<Promise<void>>();
  const server = createServer({ key: tls.keyPem, cert: tls.certPem, requestTimeout: 0 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://lab.invalid');
    const work = (url.pathname === adminPrefix || url.pathname.startsWith(`${adminPrefix}/`) ? handleAdmin(actions, adminToken, req, res, url) : handleApi(lab, req, res, url))
      .catch(() => void res.destroy())
      .finally(() => requests.delete(work));
    requests.add(work);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => (server.off('error', reject), resolve()));
  }).catch(async (error: unknown) => {
    await rm(uploadDir, { recursive: true, force: true });
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  let closed: Promise<void> | null = null;
  return {
    endpoint: { kind: 'smartx', url, username, password, fingerprint: tls.fingerprint, admin: { url: `${url}${adminPrefix}`, token: adminToken } },
    port,
    certPem: tls.certPem,
    faults: faultActions,
    fault: (kind) => faults.find(kind),
    onFaultsChanged: (listener) => faults.onChange(listener),
    preparation: () => preparation,
    prepare,
    snapshot,
    expireTokens: () => lab.sessions.expireAll(),
    reset: async () => {
      if (closed) throw new Error('smartx lab: reset after close.');
      await reset();
    },
    close: () =>
      (closed ??= (async () => {
        lifetime.abort();
        lab.jobs.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await Promise.allSettled([...requests]);
        await rm(uploadDir, { recursive: true, force: true });
      })()),
  };
}

async function handleApi(lab: FisheyeContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  try {
    await sleep(lab.latency.requestMs + (lab.faults.find('slow')?.delayMs ?? 0));
    if (url.pathname === '/api/v3/sessions' && req.method === 'POST') return await login(lab, req, res);
    const found = findRoute(req.method ?? 'GET', url.pathname);
    if (!found) throw new FisheyeError(404, 'ENOTFOUND', `no API ${req.method} ${url.pathname}`);
    const header = req.headers['x-smartx-token'];
    if (!lab.sessions.use(Array.isArray(header) ? header[0] : header, lab.faults)) {
      req.resume();
      throw unauthorized();
    }
    const body = await readBody(req, maxBodyBytes);
    sendOk(res, await found.handler(lab, { params: found.params, query: url.searchParams, body, contentType: req.headers['content-type'] ?? '' }));
  } catch (error) {
    if (error instanceof FisheyeError) return sendError(res, error);
    if (error instanceof BodyTooLarge) return sendError(res, new FisheyeError(413, 'EBODY_TOO_LARGE', error.message));
    sendError(res, new FisheyeError(500, 'EINTERNAL', error instanceof Error ? error.message : String(error)));
  }
}

/** `POST /api/v3/sessions {username, password}` -> `{token}`, not wrapped in the v2 envelope. */
async function login(lab: FisheyeContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new FisheyeError(400, 'EINVALID_ARGUMENT', 'body must be JSON {username, password}');
  }
  const token = lab.sessions.login(body?.username, body?.password);
  if (!token) throw new FisheyeError(400, 'EAUTHFAILED', 'incorrect username or password');
  sendJson(res, 200, { token, username: body.username });
}
