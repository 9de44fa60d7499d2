import { AppFailure, appError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { Progress } from '../../../../shared/runModel';
import { sleep } from '../../net';
import { phaseReporter } from './phases';
import type { TowerClient } from './towerClient';
import type { TowerInput } from './towerPlan';
import type { StepLog } from './types';

export const attachArtifactKey = 'cluster';
export const attachPhases = ['datacenter', 'connect', 'wait'] as const;

export interface AttachArtifact {
  clusterId: string;
  clusterName: string | null;
  clusterIp: string;
  connectState: string;
  datacenterId: string | null;
}

interface TowerCluster {
  id: string;
  name?: string;
  ip?: string;
  connect_state?: string;
}

export interface AttachJob {
  tower: TowerClient;
  input: TowerInput;
  /** The cluster's VIP and administrator as the workbook gives them (the lab's in a rehearsal). */
  cluster: { ip: string; username: string; password: string };
  signal: AbortSignal;
  log: StepLog;
  progress: (progress: Progress) => void;
  poll: { intervalMs: number; timeoutMs: number };
}

export async function findCluster(tower: TowerClient, ip: string, signal: AbortSignal): Promise<TowerCluster | null> {
  const clusters = await tower.call<TowerCluster[]>('get-clusters', { where: { ip } }, signal);
  return clusters.find((cluster) => cluster.ip === ip) ?? null;
}

async function datacenterId(job: AttachJob): Promise<string | null> {
  const { tower, input, signal } = job;
  const name = input.datacenter ?? input.organisation;
  const found = await tower.call<Array<{ id: string; name: string }>>('get-datacenters', { where: { name } }, signal);
  const existing = found.find((entry) => entry.name === name);
  if (existing) return existing.id;
  const organisations = await tower.call<Array<{ id: string; name: string }>>('get-organizations', { where: { name: input.organisation } }, signal);
  const organisation = organisations.find((entry) => entry.name === input.organisation);
  if (!organisation) return null;
  const created = await tower.call<Array<{ task_id?: string | null; data: { id: string } }>>('create-datacenter', [{ name, organization_id: organisation.id }], signal);
  if (created[0]?.task_id) await tower.waitTask(created[0].task_id, text('smartx.what.createDatacenter', { name }), signal, job.poll);
  job.log('info', text('smartx.log.datacenterCreated', { name, organisation: input.organisation }));
  return created[0]?.data.id ?? null;
}

/**
 * Connects the SMTX OS cluster to the new CloudTower (`connect-cluster`
 * with its VIP and administrator), waits for the task, then for the
 * cluster to be CONNECTED in `get-clusters`: the next stage starts from a
 * managed cluster. A cluster already connected is left as it is.
 */
export async function attachCluster(job: AttachJob): Promise<AttachArtifact> {
  const { tower, cluster, signal, log } = job;
  const report = phaseReporter(job.progress, attachPhases);
  tower.addSecret(cluster.password);
  let current = await findCluster(tower, cluster.ip, signal);
  let dc: string | null = null;
  if (!current) {
    report('datacenter');
    dc = await datacenterId(job);
    report('connect');
    const answer = await tower.call<Array<{ task_id?: string | null; data: TowerCluster }>>(
      'connect-cluster',
      [{ ip: cluster.ip, username: cluster.username, password: cluster.password, ...(dc ? { datacenter_id: dc } : {}) }],
      signal,
    );
    const task = answer[0]?.task_id;
    log('info', task ? text('smartx.log.connectingTask', { ip: cluster.ip, tower: tower.endpointName, task }) : text('smartx.log.connecting', { ip: cluster.ip, tower: tower.endpointName }));
    if (task) await tower.waitTask(task, text('smartx.what.connectCluster', { ip: cluster.ip }), signal, { ...job.poll, onProgress: (fraction) => report('connect', fraction) });
  }
  report('wait');
  const deadline = Date.now() + job.poll.timeoutMs;
  for (;;) {
    current = await findCluster(tower, cluster.ip, signal);
    if (current?.connect_state === 'CONNECTED') break;
    if (Date.now() > deadline) {
      throw new AppFailure(
        appError('timeout', text(current ? 'smartx.attach.notConnected' : 'smartx.attach.notListed', { ip: cluster.ip, state: current?.connect_state ?? '?', tower: tower.endpointName, seconds: Math.round(job.poll.timeoutMs / 1000) }), {
          hint: text('smartx.attach.hint'),
          ...(job.input.cells.clusterVip ? { cell: job.input.cells.clusterVip } : {}),
        }),
      );
    }
    await sleep(job.poll.intervalMs, signal, text('wait.smartxCluster', { cluster: cluster.ip }));
  }
  log('info', text('smartx.log.connected', { name: current.name ?? cluster.ip, id: current.id, tower: tower.endpointName }));
  report('wait', 1);
  return { clusterId: current.id, clusterName: current.name ?? null, clusterIp: cluster.ip, connectState: 'CONNECTED', datacenterId: dc };
}
