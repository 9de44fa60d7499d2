import type { FaultList } from '../faultList';
import type { TowerFault } from './faults';
import type { ConnectedCluster, TowerState } from './state';
import { towerId, type Task } from './tasks';
import { matches } from './where';

/** An answer in the spec's ErrorBody shape (`{message, status, path, code?}`); `path` is filled in by the server. */
export class TowerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What a CloudTower handler may ask of the rest of the SmartX lab. */
export interface TowerHooks {
  /** The SMTX OS cluster at `ip` with these credentials, or why CloudTower cannot load it. */
  verifyCluster(ip: string, username: string, password: string): { ok: true; name: string; version: string; hostNum: number } | { ok: false; reason: string };
  /** NTP servers configured on the CloudTower VM (its /etc/chrony.conf). */
  ntpServers(): string[];
}

export interface TowerContext {
  state: TowerState;
  faults: FaultList<TowerFault>;
  hooks: TowerHooks;
}

type Body = any;
type Handler = (tower: TowerContext, body: Body) => unknown;

/** CloudTower's password policy for local users: 8-32 characters with three of upper, lower, digit, symbol. */
export function meetsPasswordPolicy(password: string): boolean {
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  return password.length >= 8 && password.length <= 32 && classes >= 3;
}

type FailingOperation = Extract<TowerFault, { kind: 'taskFails' }>['operation'];

const failureOf = (tower: TowerContext, operation: FailingOperation, fallback: string) => {
  const fault = tower.faults.take('taskFails', (candidate) => candidate.operation === operation);
  return fault ? (fault.message ?? fallback) : null;
};

const rootUser = (tower: TowerContext) => ({ id: tower.state.rootId, name: 'root', username: 'root', display_username: 'root', internal: false, source: 'LOCAL', role: 'ROOT' });

function clusterView(cluster: ConnectedCluster) {
  return {
    id: cluster.id,
    name: cluster.name,
    ip: cluster.ip,
    version: cluster.version,
    type: 'SMTX_OS',
    architecture: 'X86_64',
    connect_state: cluster.connect_state,
    dns: [],
    ntp_servers: [],
    recommended_cpu_models: [],
    total_cpu_models: [],
    host_num: cluster.hostNum,
    datacenters: cluster.datacenter ? [{ id: cluster.datacenter.id, name: cluster.datacenter.name }] : [],
  };
}

function taskView(task: Task) {
  return { ...task, args: {}, internal: false, snapshot: '{}', steps: [] };
}

const filtered = <Row extends object>(rows: Row[], body: Body): Row[] => {
  const selected = rows.filter((row) => matches(row as Record<string, unknown>, body?.where));
  const skip = typeof body?.skip === 'number' ? body.skip : 0;
  return selected.slice(skip, typeof body?.first === 'number' ? skip + body.first : undefined);
};

export const handlers: Record<string, Handler> = {
  '/create-root-user': (tower, body) => {
    if (tower.state.rootPassword !== null) throw new TowerError(400, 'root user already exists');
    if (!meetsPasswordPolicy(body.password)) throw new TowerError(400, 'password does not meet the password policy (8-32 characters, three of: upper case, lower case, digit, symbol)');
    tower.state.rootPassword = body.password;
    return { task_id: null, data: rootUser(tower) };
  },
  '/login': (tower, body) => {
    const { state } = tower;
    if (body.username !== 'root' || state.rootPassword === null || body.password !== state.rootPassword || (body.source ?? 'LOCAL') !== 'LOCAL') {
      state.logins.refused++;
      throw new TowerError(400, 'Invalid username or password');
    }
    state.logins.granted++;
    return { task_id: null, data: { token: state.issueToken() } };
  },
  '/create-organization': (tower, body: { name: string }[]) =>
    body.map(({ name }) => {
      if (tower.state.organizations.some((organization) => organization.name === name)) throw new TowerError(400, `organization ${name} already exists`);
      const organization = { id: towerId(), name };
      tower.state.organizations.push(organization);
      const task = tower.state.tasks.start('createOrganization', `create organization ${name}`, { id: organization.id, type: 'Organization' }, () => undefined, failureOf(tower, 'create-organization', `failed to create organization ${name}`));
      return { task_id: task.id, data: { ...organization, datacenters: [] } };
    }),
  '/get-organizations': (tower, body) =>
    filtered(
      tower.state.organizations.map((organization) => ({ ...organization, datacenters: tower.state.datacenters.filter((dc) => dc.organization.id === organization.id).map((dc) => ({ id: dc.id, name: dc.name })) })),
      body,
    ),
  '/create-datacenter': (tower, body: { name: string; organization_id: string }[]) =>
    body.map(({ name, organization_id }) => {
      const organization = tower.state.organizations.find((candidate) => candidate.id === organization_id);
      if (!organization) throw new TowerError(404, `organization ${organization_id} not found`);
      const datacenter = { id: towerId(), name, organization: { ...organization } };
      tower.state.datacenters.push(datacenter);
      const task = tower.state.tasks.start('createDatacenter', `create datacenter ${name}`, { id: datacenter.id, type: 'Datacenter' }, () => undefined, failureOf(tower, 'create-datacenter', `failed to create datacenter ${name}`));
      return { task_id: task.id, data: { ...datacenter, cluster_num: 0, clusters: [] } };
    }),
  '/get-datacenters': (tower, body) => filtered(tower.state.datacenters.map((dc) => ({ ...dc, cluster_num: tower.state.clusters.filter((cluster) => cluster.datacenter?.id === dc.id).length })), body),
  '/get-ntp-service-url': (tower) => {
    const install = tower.state.install;
    return { ntp_service_url: tower.hooks.ntpServers()[0] ?? (install.kind === 'installed' ? install.address : '') };
  },
  '/get-licenses': (tower, body) => filtered([{ ...tower.state.license }], body),
  '/connect-cluster': (tower, body: { ip: string; username: string; password: string; datacenter_id?: string }[]) =>
    body.map((params) => {
      const datacenter = params.datacenter_id ? tower.state.datacenters.find((candidate) => candidate.id === params.datacenter_id) : null;
      if (params.datacenter_id && !datacenter) throw new TowerError(404, `datacenter ${params.datacenter_id} not found`);
      if (tower.state.clusters.some((cluster) => cluster.ip === params.ip)) throw new TowerError(400, `cluster ${params.ip} is already connected`);
      const cluster: ConnectedCluster = { id: towerId(), name: params.ip, ip: params.ip, version: '', connect_state: 'INITIALIZING', datacenter: datacenter ?? null, hostNum: 0 };
      tower.state.clusters.push(cluster);
      const fault = failureOf(tower, 'connect-cluster', `LOAD_CLUSTER_FAILED: failed to load cluster ${params.ip}`);
      const task = tower.state.tasks.start('connectCluster', `connect cluster ${params.ip}`, { id: cluster.id, type: 'Cluster' }, () => {
        const verdict = tower.hooks.verifyCluster(params.ip, params.username, params.password);
        if (!verdict.ok) throw new Error(verdict.reason);
        Object.assign(cluster, { name: verdict.name, version: verdict.version, hostNum: verdict.hostNum, connect_state: 'CONNECTED' });
      }, fault, () => {
        // A cluster whose connection failed does not stay in the list.
        const index = tower.state.clusters.indexOf(cluster);
        if (index >= 0) tower.state.clusters.splice(index, 1);
      });
      return { task_id: task.id, data: clusterView(cluster) };
    }),
  '/get-clusters': (tower, body) => filtered(tower.state.clusters.map(clusterView), body),
  '/get-tasks': (tower, body) => filtered(tower.state.tasks.all().map(taskView), body),
  // The installed CloudTower itself: its version, and the license it runs under.
  '/get-deploys': (tower, body) => {
    const install = tower.state.install;
    if (install.kind !== 'installed') return [];
    return filtered([{ id: tower.state.deployId, version: install.version, license: { id: tower.state.license.id } }], body);
  },
};
