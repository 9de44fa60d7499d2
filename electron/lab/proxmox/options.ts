import { randomBytes, randomUUID } from 'node:crypto';
import type { LabApiToken, LabUser } from './auth';
import type { LabLatency } from './context';
import type { LabFaultInput } from './faults';
import type { LabNodeSpec } from './state/topology';

export interface ProxmoxLabOptions {
  /** Loopback only (127.0.0.1 by default); the lab is a rehearsal target, not a server for others. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Node specs, or how many default nodes (pve1..pveN, each with three OS templates). Default 3. */
  nodes?: LabNodeSpec[] | number;
  clusterName?: string;
  /** Default `root@pam`. */
  username?: string;
  /** Default: random per start. */
  password?: string;
  /** More users (for example an `audit` one to see 403s). */
  users?: LabUser[];
  /** Default: one admin token `root@pam!lab` with a random UUID secret. */
  apiTokens?: LabApiToken[];
  /** Ticket and CSRF token lifetime; PVE's is 2 h. */
  ticketLifetimeMs?: number;
  latency?: Partial<Omit<LabLatency, 'tasks'>> & { tasks?: Record<string, number> };
  /** Put a `clone` lock on the source VM while its clone task runs (default true). */
  cloneLocksSource?: boolean;
  /** Faults in force from the start (same shapes as POST /__lab/faults). */
  faults?: LabFaultInput[];
  /** VMIDs managed by HA from the start (deleting them needs `purge`). */
  haVmids?: number[];
  /** `disk` (default) writes uploads under `dir` (default: a temp dir removed on close); `count` only hashes and counts. */
  uploads?: { mode?: 'disk' | 'count'; dir?: string };
  /** A full API viewer schema to use instead of the committed subset. */
  schemaPath?: string;
  /** Use this key and certificate instead of generating a fresh pair. */
  tls?: { keyPem: string; certPem: string };
  /** The pve-manager version the lab reports and behaves as (default 9.1.1); some answers differ by release. */
  version?: string;
  /** Token for the /__lab admin API; default random. */
  adminToken?: string;
}

export const defaultLatency: LabLatency = {
  requestMs: 0,
  taskMs: 150,
  tasks: { qmclone: 600, qmstart: 300, qmshutdown: 300, imgcopy: 200 },
  guestAgentMs: 1000,
  authFailureMs: 3000,
};

export function resolveLatency(latency: ProxmoxLabOptions['latency']): LabLatency {
  return {
    requestMs: latency?.requestMs ?? defaultLatency.requestMs,
    taskMs: latency?.taskMs ?? defaultLatency.taskMs,
    tasks: { ...defaultLatency.tasks, ...latency?.tasks },
    guestAgentMs: latency?.guestAgentMs ?? defaultLatency.guestAgentMs,
    authFailureMs: latency?.authFailureMs ?? defaultLatency.authFailureMs,
  };
}

export function resolveCredentials(options: ProxmoxLabOptions): { users: LabUser[]; tokens: LabApiToken[]; main: LabUser } {
  const main: LabUser = {
    userid: options.username ?? 'root@pam',
    password: options.password ?? randomBytes(18).toString('base64url'),
    role: 'admin',
  };
  if (!/^[^@\s:!]+@[A-Za-z][A-Za-z0-9._-]*$/.test(main.userid)) throw new Error(`Proxmox lab: username "${main.userid}" must look like user@realm.`);
  const tokens = options.apiTokens ?? [{ tokenid: `${main.userid}!lab`, secret: randomUUID(), role: 'admin' }];
  return { users: [main, ...(options.users ?? [])], tokens, main };
}

const loopback = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export function checkHost(host: string): string {
  if (!loopback.test(host)) throw new Error(`Proxmox lab: host "${host}" is not a loopback address; the lab listens on loopback only.`);
  return host;
}
