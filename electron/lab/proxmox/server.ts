import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminPrefix, handleAdminRequest, labSnapshot, parseNeeds, type LabSnapshot } from './admin';
import { LabAuth } from './auth';
import { createStartTask, type LabContext, type LabSettings } from './context';
import { FaultBook, type LabFaultEntry, type LabFaultInput } from './faults';
import { handlers } from './handlers';
import { checkHost, resolveCredentials, resolveLatency, type ProxmoxLabOptions } from './options';
import { handleApiRequest } from './pipeline';
import { Router } from './router';
import { loadSchema } from './schema/loadSchema';
import { ClusterState } from './state/cluster';
import { TaskBook } from './state/tasks';
import { defaultNodeSpecs } from './state/topology';
import { createSelfSignedCertificate, fingerprintOf } from './tls';

export interface ProxmoxLab {
  /** `https://127.0.0.1:PORT`, like a PVE node's address; the API is under /api2/json. */
  url: string;
  apiUrl: string;
  port: number;
  username: string;
  password: string;
  /** SHA-256 of the certificate, `AB:CD:...`. */
  fingerprint: string;
  /** The self-signed certificate (PEM); trust it as the CA to connect without disabling verification. */
  certPem: string;
  apiToken: { tokenid: string; secret: string; /** The whole `Authorization` header value. */ header: string };
  admin: { url: string; token: string };
  faults: { add(faults: LabFaultInput[]): LabFaultEntry[]; list(): LabFaultEntry[]; remove(id: string): boolean; clear(): void };
  snapshot(): LabSnapshot;
  /** Expires every ticket issued so far (see LabAuth.invalidateTickets). */
  invalidateTickets(): void;
  /** Gives every node the templates, storages and bridges a rehearsal's plan names (see POST /__lab/prepare). */
  prepare(needs: unknown): number[];
  /**
   * Back to the state it started in: VMs, uploads, tasks and faults since
   * then are gone. URL, certificate and credentials stay, so pins and
   * sessions made against it remain valid (a new rehearsal needs no new trust).
   */
  reset(): Promise<void>;
  close(): Promise<void>;
}

const defaultVersion = { version: '9.1.1', release: '9.1', repoid: '42db4a6cf' };

function versionOf(version: string | undefined): LabSettings['version'] {
  if (version === undefined) return defaultVersion;
  const match = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version);
  if (!match) throw new Error(`Proxmox lab: version "${version}" must look like 9.1.1.`);
  return { version, release: `${match[1]}.${match[2]}`, repoid: defaultVersion.repoid };
}

/** Starts a Proxmox VE simulator over HTTPS on loopback. Each call has its own state; close() stops everything it started. */
export async function startProxmoxLab(options: ProxmoxLabOptions = {}): Promise<ProxmoxLab> {
  const host = checkHost(options.host ?? '127.0.0.1');
  const schema = loadSchema(options.schemaPath);
  checkHandlerTable(schema.map((method) => `${method.method} ${method.path}`));
  const tls = options.tls ?? (await createSelfSignedCertificate());
  const fingerprint = fingerprintOf(tls.certPem);
  const credentials = resolveCredentials(options);
  const latency = resolveLatency(options.latency);
  const specs = typeof options.nodes === 'number' || options.nodes === undefined ? defaultNodeSpecs(options.nodes ?? 3) : options.nodes;
  const initialCluster = (): ClusterState => {
    const fresh = new ClusterState(specs, options.clusterName);
    for (const vmid of options.haVmids ?? []) {
      const vm = fresh.vms.get(vmid);
      if (!vm) throw new Error(`Proxmox lab: haVmids lists ${vmid}, which the topology does not have.`);
      vm.ha = true;
    }
    return fresh;
  };
  // Replaced by reset(); the closures below read the current one.
  let cluster = initialCluster();
  const ownUploadDir = options.uploads?.mode !== 'count' && !options.uploads?.dir;
  const uploadDir = ownUploadDir ? await mkdtemp(join(tmpdir(), 'rackpilot-pve-lab-')) : (options.uploads?.dir ?? null);
  const lifetime = new AbortController();
  const lockTimers = new Map<string, NodeJS.Timeout>();
  const faults: FaultBook = new FaultBook({
    lock: ({ id, fault }) => {
      const vm = cluster.vms.get(fault.vmid);
      if (!vm) throw new Error(`vmLocked: VM ${fault.vmid} does not exist`);
      vm.config.lock = fault.lock;
      lockTimers.set(id, setTimeout(() => faults.remove(id), fault.forMs));
    },
    unlock: ({ id, fault }) => {
      clearTimeout(lockTimers.get(id));
      lockTimers.delete(id);
      const vm = cluster.vms.get(fault.vmid);
      if (vm && vm.config.lock === fault.lock) delete vm.config.lock;
    },
  });
  // Tasks of one state: reset() aborts them with it, close() with everything.
  let generation = new AbortController();
  const newTaskBook = () =>
    new TaskBook(AbortSignal.any([lifetime.signal, generation.signal]), () => cluster.allocatePid(), (node) => cluster.nodes.get(node)?.bootedAt ?? Date.now());
  let tasks = newTaskBook();
  const lab: LabContext = {
    cluster,
    tasks,
    faults,
    auth: new LabAuth(credentials.users, credentials.tokens, options.ticketLifetimeMs ?? 2 * 3600_000),
    settings: {
      latency,
      cloneLocksSource: options.cloneLocksSource ?? true,
      uploads: { mode: options.uploads?.mode ?? 'disk', dir: uploadDir },
      version: versionOf(options.version),
    },
    fingerprint,
    signal: lifetime.signal,
    startTask: createStartTask(tasks, faults, latency),
  };
  faults.add(options.faults ?? []);
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const router = new Router(schema);

  const requests = new Set<Promise<void>>();
  // Multi-GiB ISO uploads outlast Node's default 300 s request timeout; idle sockets still time out.
  const server = createServer({ key: tls.keyPem, cert: tls.certPem, requestTimeout: 0 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://lab.invalid');
    const work = (
      url.pathname === adminPrefix || url.pathname.startsWith(`${adminPrefix}/`)
        ? handleAdminRequest(lab, adminToken, req, res, url)
        : handleApiRequest(lab, router, req, res, url)
    )
      .catch(() => {
        res.destroy();
      })
      .finally(() => requests.delete(work));
    requests.add(work);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    lifetime.abort();
    if (ownUploadDir && uploadDir) await rm(uploadDir, { recursive: true, force: true });
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const token = credentials.tokens[0];
  let closed: Promise<void> | null = null;

  return {
    url,
    apiUrl: `${url}/api2/json`,
    port,
    username: credentials.main.userid,
    password: credentials.main.password,
    fingerprint,
    certPem: tls.certPem,
    apiToken: token
      ? { tokenid: token.tokenid, secret: token.secret, header: `PVEAPIToken=${token.tokenid}=${token.secret}` }
      : { tokenid: '', secret: '', header: '' },
    admin: { url: `${url}${adminPrefix}`, token: adminToken },
    faults: {
      add: (list) => faults.add(list),
      list: () => faults.list(),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
    },
    snapshot: () => labSnapshot(lab),
    invalidateTickets: () => lab.auth.invalidateTickets(),
    prepare: (needs) => lab.cluster.prepare(parseNeeds(needs)),
    reset: async () => {
      if (closed) throw new Error('Proxmox lab: reset after close.');
      faults.clear();
      generation.abort();
      await tasks.idle();
      generation = new AbortController();
      cluster = initialCluster();
      tasks = newTaskBook();
      Object.assign(lab, { cluster, tasks, startTask: createStartTask(tasks, faults, latency) });
      faults.add(options.faults ?? []);
      if (ownUploadDir && uploadDir) {
        await rm(uploadDir, { recursive: true, force: true });
        await mkdir(uploadDir);
      }
    },
    close: () => {
      closed ??= (async () => {
        lifetime.abort();
        for (const timer of lockTimers.values()) clearTimeout(timer);
        lockTimers.clear();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        // Handlers and tasks clean up their temp files once aborted; only then is the dir removed.
        await Promise.allSettled([...requests]);
        await tasks.idle();
        if (ownUploadDir && uploadDir) await rm(uploadDir, { recursive: true, force: true });
      })();
      return closed;
    },
  };
}

function checkHandlerTable(schemaMethods: string[]): void {
  const implemented = new Set(Object.keys(handlers));
  const missing = schemaMethods.filter((method) => !implemented.has(method));
  const extra = [...implemented].filter((method) => !schemaMethods.includes(method));
  if (missing.length > 0 || extra.length > 0) {
    const list = (items: string[]) => items.join(', ') || '-';
    throw new Error(`Proxmox lab: handler table and schema subset disagree (no handler: ${list(missing)}; not in schema: ${list(extra)}).`);
  }
}
