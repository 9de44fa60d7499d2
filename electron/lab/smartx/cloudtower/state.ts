import { randomBytes } from 'node:crypto';
import { TaskBook, towerId, type Task } from './tasks';

export interface Organization {
  id: string;
  name: string;
}

export interface Datacenter {
  id: string;
  name: string;
  organization: Organization;
}

export interface ConnectedCluster {
  id: string;
  name: string;
  ip: string;
  version: string;
  connect_state: 'CONNECTED' | 'INITIALIZING' | 'DISCONNECTED';
  datacenter: Datacenter | null;
  hostNum: number;
}

/*
 * The CloudTower service on its VM:
 *
 *   notInstalled --installer succeeded on the VM--> installed(address, version)
 *   installed: root user none --create-root-user--> set (once)
 */
export type Install = { kind: 'notInstalled' } | { kind: 'installed'; address: string; version: string; at: string };

/** One CloudTower's data; reset() makes a new one. */
export class TowerState {
  install: Install = { kind: 'notInstalled' };
  rootPassword: string | null = null;
  readonly rootId = towerId();
  readonly deployId = towerId();
  readonly organizations: Organization[] = [];
  readonly datacenters: Datacenter[] = [];
  readonly clusters: ConnectedCluster[] = [];
  /** Login tokens and how many authorized requests each has served. */
  readonly tokens = new Map<string, { uses: number }>();
  readonly logins = { granted: 0, refused: 0 };
  readonly license = {
    id: towerId(),
    license_serial: `TRIAL-${randomBytes(6).toString('hex').toUpperCase()}`,
    type: 'TRIAL' as const,
    software_edition: 'TRIAL' as const,
    sign_date: new Date().toISOString(),
    expire_date: new Date(Date.now() + 60 * 86_400_000).toISOString(),
    max_chunk_num: 32,
    max_cluster_num: 4,
    maintenance_start_date: null,
    maintenance_end_date: null,
  };

  constructor(readonly tasks: TaskBook) {}

  issueToken(): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { uses: 0 });
    return token;
  }

  task(id: string): Task | undefined {
    return this.tasks.get(id);
  }
}
