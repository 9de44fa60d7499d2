import type { CellRef } from '../../../../shared/errors';
import type { OsFamily } from '../../../../shared/plan/model';
import type { LogLevel } from '../../../../shared/runModel';
import type { Secret } from '../../../../shared/plan/secret';
import type { LogWords } from '../../runner/types';

/** How the provider signs in: a ticket from user + password, or an API token (no CSRF, no expiry to manage). */
export type ProxmoxAuth =
  | { kind: 'password'; /** `root@pam`; `@pam` is added when the realm is missing. */ username: string; password: Secret }
  | { kind: 'token'; /** `USER@REALM!TOKENID` */ tokenId: string; secret: Secret };

/** An endpoint of the plan, ready to connect to. The engine service builds it (see `resolveProxmoxEndpoint`). */
export interface ResolvedEndpoint {
  /** The plan's endpoint name, used in messages. */
  name: string;
  /** `https://host:8006`, without `/api2/json`. */
  url: string;
  auth: ProxmoxAuth;
  /** Expected SHA-256 fingerprints of the TLS certificate (the plan's, may be empty). */
  fingerprints: string[];
  /** Where the plan holds the password or token, for the message of a refused login. */
  credentialCell?: CellRef;
}

export interface NodeInfo {
  name: string;
  online: boolean;
  memTotal: number;
  memUsed: number;
  /** Colon hex SHA-256 of the node's own certificate, as the cluster reports it. */
  sslFingerprint: string | null;
}

export interface StorageInfo {
  node: string;
  storage: string;
  /** `images`, `iso`, `rootdir`, ... */
  content: string[];
  shared: boolean;
  active: boolean;
  total: number;
  used: number;
}

export interface GuestInfo {
  vmid: number;
  name: string;
  node: string;
  status: string;
  template: boolean;
  /** The config lock (`clone`, `backup`, ...), when one is held. */
  lock: string | null;
  tags: string[];
  /** Set for HA-managed guests. */
  hastate: string | null;
}

export interface TemplateInfo extends GuestInfo {
  /** Recognised from the name, then the tags; null when neither says. */
  os: OsFamily | null;
}

export interface Inventory {
  nodes: NodeInfo[];
  storages: StorageInfo[];
  templates: TemplateInfo[];
  /** Guests that are not templates. */
  vms: GuestInfo[];
  /** Every VMID in use in the cluster (VMs, templates, containers). */
  usedVmids: Set<number>;
}

/** Where a step's log lines go (the step's `ctx.log`): catalogue text for Rackpilot's words, a string for what PVE said. */
export type StepLog = (level: LogLevel, text: LogWords) => void;
