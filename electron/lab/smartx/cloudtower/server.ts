import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { LabEndpoint } from '../../simulators';
import { adminPrefix, handleAdmin } from '../admin';
import { FaultList, type FaultEntry } from '../faultList';
import { BodyTooLarge, parseJson, readBody, sendJson, sleep } from '../http';
import { selfSignedCertificate } from '../tls';
import { towerFaultSchema, type TowerFault } from './faults';
import { handlers, TowerError, type TowerContext, type TowerHooks } from './handlers';
import { checkRequest, isOperation, needsAuthorization, warmUpValidators } from './spec';
import { TowerState, type Install } from './state';
import { TaskBook } from './tasks';
import { WhereNotSimulated } from './where';

export const apiPrefix = '/v2/api';

export interface TowerLatency {
  requestMs: number;
  /** A task's whole life, PENDING to SUCCESSED. */
  taskMs: number;
}

export interface CloudTowerLabOptions {
  latency?: Partial<TowerLatency>;
  /** Answering from the start (tests of the configure/attach steps alone); default: only once the installer has run. */
  installed?: { address: string };
  /** The root password set at start with `installed` (default random; `endpoint.password`). */
  rootPassword?: string;
  faults?: unknown[];
  adminToken?: string;
  hooks?: Partial<TowerHooks>;
}

export const defaultTowerLatency: TowerLatency = { requestMs: 10, taskMs: 1200 };
export const towerVersion = '4.6.0';

export interface CloudTowerSnapshot {
  install: Install;
  rootUserCreated: boolean;
  organizations: string[];
  clusters: { ip: string; connect_state: string }[];
  tasks: { id: string; status: string; description: string }[];
  logins: { granted: number; refused: number };
  /** Requests refused by the spec check, with the reason (latest 100). */
  specRejections: { operation: string; message: string }[];
}

export interface CloudTowerLab {
  endpoint: LabEndpoint;
  port: number;
  certPem: string;
  /** The installer finished on the VM at `address`: from now on the port answers. */
  markInstalled(address: string): void;
  installed(): boolean;
  /** Its VM was deleted: back to not installed, with none of its data (a new VM is a new CloudTower). */
  uninstall(): void;
  /** Connects it to the rest of the SmartX lab (the SMTX OS cluster it can attach, the VM's NTP). */
  link(hooks: Partial<TowerHooks>): void;
  faults: { add(inputs: unknown[]): FaultEntry<TowerFault>[]; list(): FaultEntry<TowerFault>[]; remove(id: string): boolean; clear(): void };
  snapshot(): CloudTowerSnapshot;
  expireTokens(): void;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the CloudTower simulator over HTTPS on 127.0.0.1; until installed it resets every connection, like a port nothing listens on yet. */
export async function startCloudTowerLab(options: CloudTowerLabOptions = {}): Promise<CloudTowerLab> {
  const tls = await selfSignedCertificate('SmartX CloudTower', 'cloudtower-lab.local');
  const latency = { ...defaultTowerLatency, ...options.latency };
  const rootPassword = options.rootPassword ?? `Rp-${randomBytes(9).toString('base64url')}1!`;
  const faults = new FaultList<TowerFault>(towerFaultSchema);
  let tasks = new TaskBook(() => latency.taskMs);
  const fresh = () => {
    const state = new TowerState(tasks);
    if (options.installed) {
      state.install = { kind: 'installed', address: options.installed.address, version: towerVersion, at: new Date().toISOString() };
      state.rootPassword = rootPassword;
    }
    return state;
  };
  const hooks: TowerHooks = {
    verifyCluster: options.hooks?.verifyCluster ?? (() => ({ ok: false, reason: 'LOAD_CLUSTER_NOT_FOUND: no SMTX OS cluster is linked to this lab' })),
    ntpServers: options.hooks?.ntpServers ?? (() => []),
  };
  const tower: TowerContext = { state: fresh(), faults, hooks };
  faults.add(options.faults ?? []);
  let specRejections: CloudTowerSnapshot['specRejections'] = [];
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const faultActions = { list: () => faults.list(), add: (inputs: unknown[]) => faults.add(inputs), remove: (id: string) => faults.remove(id), clear: () => faults.clear() };
  const snapshot = (): CloudTowerSnapshot => ({
    install: { ...tower.state.install },
    rootUserCreated: tower.state.rootPassword !== null,
    organizations: tower.state.organizations.map((organization) => organization.name),
    clusters: tower.state.clusters.map((cluster) => ({ ip: cluster.ip, connect_state: cluster.connect_state })),
    tasks: tasks.all().map((task) => ({ id: task.id, status: task.status, description: task.description })),
    logins: { ...tower.state.logins },
    specRejections: specRejections.map((entry) => ({ ...entry })),
  });
  const reset = async () => {
    tasks.stop();
    tasks = new TaskBook(() => latency.taskMs);
    faults.clear();
    tower.state = fresh();
    specRejections = [];
    faults.add(options.faults ?? []);
  };
  const rejected = (operation: string, message: string) => {
    specRejections = [...specRejections, { operation, message }].slice(-100);
  };

  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://lab.invalid');
    const admin = url.pathname === adminPrefix || url.pathname.startsWith(`${adminPrefix}/`);
    void (admin ? handleAdmin({ faults: faultActions, state: snapshot, reset }, adminToken, req, res, url) : handleApi(tower, latency, req, res, url, rejected)).catch(() => res.destroy());
  });
  // Before the installer has run nothing listens on the VM's 443: every connection is cut at once.
  server.on('connection', (socket) => {
    if (tower.state.install.kind !== 'installed') socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => (server.off('error', reject), resolve()));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  if (options.installed) setImmediate(warmUpValidators);
  let closed: Promise<void> | null = null;
  return {
    endpoint: { kind: 'cloudtower', url, username: 'root', password: rootPassword, fingerprint: tls.fingerprint, admin: { url: `${url}${adminPrefix}`, token: adminToken } },
    port,
    certPem: tls.certPem,
    markInstalled(address) {
      if (tower.state.install.kind === 'installed') return;
      tower.state.install = { kind: 'installed', address, version: towerVersion, at: new Date().toISOString() };
      setImmediate(warmUpValidators);
    },
    installed: () => tower.state.install.kind === 'installed',
    uninstall: () => {
      tasks.stop();
      tasks = new TaskBook(() => latency.taskMs);
      tower.state = new TowerState(tasks);
    },
    link: (more) => void Object.assign(hooks, more),
    faults: faultActions,
    snapshot,
    expireTokens: () => tower.state.tokens.clear(),
    reset: async () => {
      if (closed) throw new Error('cloudtower lab: reset after close.');
      await reset();
    },
    close: () =>
      (closed ??= (async () => {
        tasks.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })()),
  };
}

async function handleApi(tower: TowerContext, latency: TowerLatency, req: IncomingMessage, res: ServerResponse, url: URL, rejected: (operation: string, message: string) => void): Promise<void> {
  const path = url.pathname;
  const fail = (status: number, message: string) => sendJson(res, status, { message, status, path });
  try {
    await sleep(latency.requestMs);
    const operation = path.startsWith(`${apiPrefix}/`) ? path.slice(apiPrefix.length) : null;
    if (req.method !== 'POST' || operation === null || !isOperation(operation)) {
      req.resume();
      return fail(404, `Cannot ${req.method} ${path}`);
    }
    if (needsAuthorization(operation) && !authorized(tower, req.headers.authorization)) {
      req.resume();
      return fail(401, 'Unauthorized');
    }
    const parsed = parseJson(await readBody(req, 4 * 1024 * 1024));
    if (!parsed.ok) return fail(400, 'Unexpected token in JSON body');
    const verdict = checkRequest(operation, parsed.value);
    if (!verdict.ok) {
      rejected(operation, verdict.message);
      return fail(400, verdict.message);
    }
    sendJson(res, 200, handlers[operation]!(tower, parsed.value));
  } catch (error) {
    if (error instanceof TowerError) return fail(error.status, error.message);
    if (error instanceof WhereNotSimulated) return fail(400, error.message);
    if (error instanceof BodyTooLarge) return fail(413, error.message);
    fail(500, error instanceof Error ? error.message : String(error));
  }
}

/** The raw token of `/login` in `Authorization`; a tokenExpires fault wears tokens out after N requests. */
function authorized(tower: TowerContext, header: string | undefined): boolean {
  const session = header ? tower.state.tokens.get(header.trim()) : undefined;
  if (!session || !header) return false;
  const limit = tower.faults.find('tokenExpires')?.afterRequests ?? Infinity;
  if (session.uses >= limit) {
    tower.state.tokens.delete(header.trim());
    return false;
  }
  session.uses++;
  return true;
}
