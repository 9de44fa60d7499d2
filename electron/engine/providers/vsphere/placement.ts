import { AppFailure, appError, type CellRef } from '../../../../shared/errors';
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

function missing(endpoint: string, what: string, known: string[], cell: CellRef | undefined, hint: string): AppFailure {
  const list = known.length > 0 ? ` It has: ${[...new Set(known)].slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}.` : '';
  return new AppFailure(appError('plan_invalid', `vCenter ${endpoint} has no ${what}.${list}`, { hint, retryable: false, ...(cell ? { cell } : {}) }));
}

function only<T extends { name: string }>(items: T[], endpoint: string, what: string, cell: CellRef | undefined): T {
  if (items.length === 1) return items[0] as T;
  throw missing(endpoint, items.length === 0 ? what : `single ${what} to choose`, items.map((item) => item.name), cell, `Name the ${what} in the workbook.`);
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
        throw missing(at, `datacenter ${input.datacenter}`, inventory.datacenters.map((entry) => entry.name), input.cells.origin, 'Correct the Datacenter of the endpoint.');
      })())
    : only(inventory.datacenters, at, 'datacenter', input.cells.origin);
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
      throw missing(at, `cluster or host ${input.placement.join(' / ')} in ${datacenter.name}`, [...clusters, ...hosts].map((entry) => entry.name), input.cells.placement, 'Correct the Node / cluster column, or the Cluster of the endpoint.');
    }
    cluster = only(clusters, at, `cluster in ${datacenter.name}`, input.cells.placement);
  }
  const pools = inventory.pools.filter((pool) => pool.cluster === cluster.name && pool.datacenter === datacenter.name);
  const poolPath = input.resourcePool?.replace(/^\/+|\/+$/g, '') ?? '';
  const pool = pools.find((entry) => entry.path === poolPath);
  if (!pool) throw missing(at, `resource pool "${poolPath}" in cluster ${cluster.name}`, pools.map((entry) => entry.path || '(root)'), input.cells.resourcePool, 'Create the resource pool, or correct the Resource pool column.');
  // A missing folder (or pool) stays an error, never created here: a customer's vCenter folders carry
  // permissions and naming rules that are theirs to decide. The lab creates what a plan names (labPreparation).
  const folderPath = input.folder ?? 'vm';
  const folder = inDc(inventory.folders).find((entry) => entry.path === folderPath);
  if (!folder) throw missing(at, `VM folder ${folderPath} in ${datacenter.name}`, inDc(inventory.folders).filter((entry) => entry.path.startsWith('vm')).map((entry) => entry.path), input.cells.folder, 'Create the folder in vCenter, or correct the Folder column.');
  const templates = inDc(inventory.vms).filter((vm) => vm.template);
  const template = input.template
    ? templates.find((vm) => vm.name === input.template)
    : (templates.find((vm) => vm.os === input.os) ?? undefined);
  if (!template) {
    const what = input.template ? `template ${input.template}` : `${input.os} template`;
    throw missing(at, `${what} in ${datacenter.name}`, templates.map((vm) => vm.name), input.cells.image, 'Create the template, or name an existing one in the Images sheet.');
  }
  const datastores = inDc(inventory.datastores);
  const datastoreName = input.datastore ?? template.datastores[0] ?? null;
  const datastore = datastores.find((entry) => entry.name === datastoreName);
  if (!datastore) throw missing(at, `datastore ${datastoreName ?? '(none named)'} in ${datacenter.name}`, datastores.map((entry) => entry.name), input.cells.storage, 'Correct the Storage column.');
  return { datacenter, cluster, host, pool, folder, datastore, template, nic: nicTarget(inventory, datacenter.name, input) };
}

function nicTarget(inventory: VsInventory, datacenter: string, input: VsVmInput): NicTarget | null {
  if (!input.network) return null;
  const { portGroup, vds } = input.network;
  const candidates = inventory.networks.filter((entry) => entry.datacenter === datacenter && entry.name === portGroup && (!vds || entry.switchName === vds));
  const network = candidates.find((entry) => entry.kind === 'dvportgroup') ?? candidates[0];
  if (!network) {
    const known = inventory.networks.filter((entry) => entry.datacenter === datacenter).map((entry) => (entry.switchName ? `${entry.name} (${entry.switchName})` : entry.name));
    throw missing(input.endpoint, `port group ${portGroup}${vds ? ` on distributed switch ${vds}` : ''} in ${datacenter}`, known, input.cells.network, 'Create the port group, or correct the Port group / vDS of the network.');
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
    appError('step_failed', placement.datastore.accessible ? `Datastore ${placement.datastore.name} has ${free} GiB free; VM ${input.name} needs ${input.diskGiB} GiB.` : `Datastore ${placement.datastore.name} is not accessible.`, {
      hint: 'Free space on the datastore, or put the VM on another one (Storage column).',
      retryable: false,
      ...(input.cells.storage ? { cell: input.cells.storage } : {}),
    }),
  );
}
