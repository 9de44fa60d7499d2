import { AppFailure, appError, type CellRef } from '../../../../shared/errors';
import { text, type TextParam, type TextRef } from '../../../../shared/i18n/engineText';
import type { NicTarget } from './devices';
import type { VsCluster, VsDatacenter, VsDatastore, VsFolder, VsHost, VsInventory, VsPool, VsVm } from './inventory';
import type { VsVmInput } from './vmSpec';

/** Where one VM goes, every name of the plan resolved to an object of the inventory. */
export interface VsPlacement {
  datacenter: VsDatacenter;
  cluster: VsCluster;
  host: VsHost | null;
  pool: VsPool;
  folder: VsFolder;
  datastore: VsDatastore;
  template: VsVm;
  nic: NicTarget | null;
}

const GiB = 2 ** 30;

/** `vCenter vc1 has no {what}. It has: a, b, c.`: what the plan names and, when vCenter has any, what it has instead (names as vCenter spells them). */
function missing(endpoint: string, what: TextRef, known: TextParam[], cell: CellRef | undefined, hint: TextRef): AppFailure {
  const distinct = [...new Set(known)];
  const names = text('text.commas', { items: [...distinct.slice(0, 8), ...(distinct.length > 8 ? ['…'] : [])] });
  const title = distinct.length > 0 ? text('vsphere.place.missingHas', { endpoint, what, names }) : text('vsphere.place.missing', { endpoint, what });
  return new AppFailure(appError('plan_invalid', title, { hint, retryable: false, ...(cell ? { cell } : {}) }));
}

/** The one datacenter (or cluster of `datacenter`) there is, when the plan names none. */
function only<T extends { name: string }>(items: T[], endpoint: string, datacenter: string | null, cell: CellRef | undefined): T {
  if (items.length === 1) return items[0] as T;
  const what = datacenter === null ? (items.length === 0 ? text('vsphere.what.datacenter') : text('vsphere.what.singleDatacenter')) : items.length === 0 ? text('vsphere.what.clusterIn', { datacenter }) : text('vsphere.what.singleClusterIn', { datacenter });
  const hint = datacenter === null ? text('vsphere.hint.nameDatacenter') : text('vsphere.hint.nameCluster', { datacenter });
  throw missing(endpoint, what, items.map((item) => item.name), cell, hint);
}

/**
 * Resolves the plan's names (datacenter, cluster or host, resource pool,
 * folder, datastore, template, port group) in the inventory. Each one that
 * is not there is a plan error naming the cell and what vCenter has instead.
 */
export function resolvePlacement(inventory: VsInventory, input: VsVmInput): VsPlacement {
  const at = input.endpoint;
  const datacenter = input.datacenter
    ? (inventory.datacenters.find((entry) => entry.name === input.datacenter) ??
      (() => {
        throw missing(at, text('vsphere.what.datacenterNamed', { name: input.datacenter ?? '' }), inventory.datacenters.map((entry) => entry.name), input.cells.origin, text('vsphere.hint.datacenter'));
      })())
    : only(inventory.datacenters, at, null, input.cells.origin);
  const inDc = <T extends { datacenter: string }>(items: T[]): T[] => items.filter((item) => item.datacenter === datacenter.name);
  const clusters = inDc(inventory.clusters);
  const hosts = inDc(inventory.hosts);
  let cluster: VsCluster | undefined;
  let host: VsHost | null = null;
  for (const wanted of input.placement) {
    cluster = clusters.find((entry) => entry.name === wanted);
    if (cluster) break;
    const named = hosts.find((entry) => entry.name === wanted);
    if (named?.cluster) {
      host = named;
      cluster = clusters.find((entry) => entry.name === named.cluster);
      break;
    }
  }
  if (!cluster) {
    if (input.placement.length > 0) {
      throw missing(at, text('vsphere.what.clusterOrHost', { names: input.placement.join(' / '), datacenter: datacenter.name }), [...clusters, ...hosts].map((entry) => entry.name), input.cells.placement, text('vsphere.hint.clusterOrHost'));
    }
    cluster = only(clusters, at, datacenter.name, input.cells.placement);
  }
  const pools = inventory.pools.filter((pool) => pool.cluster === cluster.name && pool.datacenter === datacenter.name);
  const poolPath = input.resourcePool?.replace(/^\/+|\/+$/g, '') ?? '';
  const pool = pools.find((entry) => entry.path === poolPath);
  if (!pool) throw missing(at, text('vsphere.what.pool', { pool: poolPath, cluster: cluster.name }), pools.map((entry) => entry.path || text('vsphere.place.rootPool')), input.cells.resourcePool, text('vsphere.hint.pool'));
  // A missing folder (or pool) stays an error, never created here: a customer's vCenter folders carry
  // permissions and naming rules that are theirs to decide. The lab creates what a plan names (labPreparation).
  const folderPath = input.folder ?? 'vm';
  const folder = inDc(inventory.folders).find((entry) => entry.path === folderPath);
  if (!folder) throw missing(at, text('vsphere.what.folder', { folder: folderPath, datacenter: datacenter.name }), inDc(inventory.folders).filter((entry) => entry.path.startsWith('vm')).map((entry) => entry.path), input.cells.folder, text('vsphere.hint.folder'));
  const templates = inDc(inventory.vms).filter((vm) => vm.template);
  const template = input.template
    ? templates.find((vm) => vm.name === input.template)
    : (templates.find((vm) => vm.os === input.os) ?? undefined);
  if (!template) {
    const what = input.template ? text('vsphere.what.template', { template: input.template, datacenter: datacenter.name }) : text('vsphere.what.osTemplate', { os: input.os, datacenter: datacenter.name });
    throw missing(at, what, templates.map((vm) => vm.name), input.cells.image, text('vsphere.hint.template'));
  }
  const datastores = inDc(inventory.datastores);
  const datastoreName = input.datastore ?? template.datastores[0] ?? null;
  const datastore = datastores.find((entry) => entry.name === datastoreName);
  if (!datastore) {
    const what = datastoreName === null ? text('vsphere.what.datastoreUnnamed', { datacenter: datacenter.name }) : text('vsphere.what.datastore', { datastore: datastoreName, datacenter: datacenter.name });
    throw missing(at, what, datastores.map((entry) => entry.name), input.cells.storage, text('vsphere.hint.storage'));
  }
  return { datacenter, cluster, host, pool, folder, datastore, template, nic: nicTarget(inventory, datacenter.name, input) };
}

function nicTarget(inventory: VsInventory, datacenter: string, input: VsVmInput): NicTarget | null {
  if (!input.network) return null;
  const { portGroup, vds } = input.network;
  const candidates = inventory.networks.filter((entry) => entry.datacenter === datacenter && entry.name === portGroup && (!vds || entry.switchName === vds));
  const network = candidates.find((entry) => entry.kind === 'dvportgroup') ?? candidates[0];
  if (!network) {
    const known = inventory.networks.filter((entry) => entry.datacenter === datacenter).map((entry) => (entry.switchName ? `${entry.name} (${entry.switchName})` : entry.name));
    throw missing(input.endpoint, vds ? text('vsphere.what.portGroupOnVds', { portGroup, vds, datacenter }) : text('vsphere.what.portGroup', { portGroup, datacenter }), known, input.cells.network, text('vsphere.hint.portGroup'));
  }
  if (network.kind === 'dvportgroup' && network.switchUuid && network.portgroupKey) {
    return { kind: 'dvportgroup', name: network.name, switchUuid: network.switchUuid, portgroupKey: network.portgroupKey };
  }
  return { kind: 'portgroup', name: network.name, network: network.ref };
}

/** Refuses a clone the datastore cannot hold: vCenter would fail it late, with the disk half written. */
export function assertRoom(placement: VsPlacement, input: VsVmInput): void {
  const needed = input.diskGiB * GiB;
  if (placement.datastore.free >= needed && placement.datastore.accessible) return;
  const free = (placement.datastore.free / GiB).toFixed(1);
  throw new AppFailure(
    appError('step_failed', placement.datastore.accessible ? text('vsphere.datastore.full', { name: placement.datastore.name, free, vm: input.name, need: input.diskGiB }) : text('vsphere.datastore.inaccessible', { name: placement.datastore.name }), {
      hint: text('vsphere.hint.freeDatastore'),
      retryable: false,
      ...(input.cells.storage ? { cell: input.cells.storage } : {}),
    }),
  );
}
