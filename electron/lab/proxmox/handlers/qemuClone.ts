import type { LabContext } from '../context';
import { pveFail } from '../reply';
import type { LabStorage, LabVm } from '../state/model';
import type { TaskContext } from '../state/tasks';
import { isTemplate, listDisks, printDrive, withFreshMacs, type DiskEntry } from '../state/vmConfig';
import { flag, nodeOf, num, params, taskUser, text, vmidOf, type HandlerDef, type Params } from './common';
import { storageUsage } from './views';

/**
 * POST /nodes/{node}/qemu/{vmid}/clone. Synchronous checks in qemu-server's
 * order (target, storage, source lock, linked/full, local storage, newid),
 * then the new VM exists at once with lock `clone` (so nextid skips it) and
 * a `qmclone` task copies the disks. A failed task removes what it created.
 */
export const cloneVm: HandlerDef = params(({ lab, params: p, principal }) => {
  const node = nodeOf(p);
  const source = lab.cluster.vm(node, vmidOf(p));
  const newid = num(p, 'newid') as number;
  const target = text(p, 'target') ?? node;
  if (!lab.cluster.nodes.has(target)) throw pveFail(`no such cluster node '${target}'`);
  if (lab.faults.nodeDown(target)) throw pveFail(`target node '${target}' is not online`);
  const storageId = text(p, 'storage');
  if (storageId !== undefined) {
    const storage = lab.cluster.storage(target, storageId);
    if (!storage.content.includes('images')) throw pveFail(`storage '${storageId}' does not support vm images`);
  }
  if (source.config.lock) throw pveFail(`VM is locked (${source.config.lock})`);
  if (lab.faults.takeCloneLock(source.vmid)) throw pveFail('VM is locked (clone)');
  const snapname = text(p, 'snapname');
  if (snapname !== undefined) throw pveFail(`snapshot '${snapname}' does not exist`);
  const full = flag(p, 'full') ?? !isTemplate(source.config);
  if (!full && storageId !== undefined) throw pveFail("parameter 'storage' not allowed for linked clones");
  if (!full && text(p, 'format') !== undefined) throw pveFail("parameter 'format' not allowed for linked clones");
  if (!full && !isTemplate(source.config)) throw pveFail('Linked clone feature is not supported for VMs that are not templates');
  const disks = listDisks(source.config);
  if (target !== node && disks.some((disk) => !disk.isCdrom && !lab.cluster.findVolume(node, disk.file)?.storage.shared)) {
    throw pveFail(`can't clone VM to node '${target}' (VM uses local storage)`);
  }
  if (lab.cluster.vms.has(newid)) throw pveFail(`unable to create VM ${newid}: config file already exists`);

  const config = withFreshMacs(source.config);
  for (const disk of disks) delete config[disk.key];
  delete config.template;
  config.name = text(p, 'name') ?? `Copy-of-VM-${source.config.name ?? source.vmid}`;
  config.lock = 'clone';
  const clone: LabVm = { vmid: newid, node: target, config, power: { kind: 'stopped' }, ha: false };
  lab.cluster.vms.set(newid, clone);
  const lockedSource = lab.settings.cloneLocksSource;
  if (lockedSource) source.config.lock = 'clone';

  return lab.startTask({
    node,
    type: 'qmclone',
    id: String(source.vmid),
    user: taskUser(principal),
    work: async (task) => {
      try {
        await copyDisks(lab, { source, clone, disks, full, storageId, task });
        delete clone.config.lock;
      } catch (error) {
        removeClone(lab, clone);
        throw error;
      } finally {
        if (lockedSource && source.config.lock === 'clone') delete source.config.lock;
      }
    },
  });
});

interface CopyPlan {
  source: LabVm;
  clone: LabVm;
  disks: DiskEntry[];
  full: boolean;
  storageId: string | undefined;
  task: TaskContext;
}

async function copyDisks(lab: LabContext, plan: CopyPlan): Promise<void> {
  const { clone, task } = plan;
  const steps = Math.max(1, plan.disks.length);
  if (plan.disks.length === 0) await task.wait();
  for (const disk of plan.disks) {
    const sourceStorageId = disk.file.split(':')[0] ?? '';
    const storage = lab.cluster.storage(clone.node, disk.isCdrom ? sourceStorageId : (plan.storageId ?? sourceStorageId));
    if (disk.isCdrom) {
      if (!disk.file.includes('cloudinit')) {
        clone.config[disk.key] = printDrive(disk);
        continue;
      }
      const volid = `${storage.id}:vm-${clone.vmid}-cloudinit`;
      task.log(`create full clone of drive ${disk.key} (${disk.file})`);
      allocate(lab, clone, storage, volid, 4 * 2 ** 20);
      task.log(`  Logical volume "vm-${clone.vmid}-cloudinit" created.`);
      clone.config[disk.key] = printDrive({ file: volid, options: disk.options });
      continue;
    }
    if (!plan.full) {
      const baseName = disk.file.split(':')[1] ?? disk.file;
      const volid = `${storage.id}:${baseName}/vm-${clone.vmid}-disk-${diskIndex(lab, storage, clone.vmid)}`;
      task.log(`create linked clone of drive ${disk.key} (${disk.file})`);
      allocate(lab, clone, storage, volid, disk.size, disk.file);
      await task.wait(1 / steps);
      clone.config[disk.key] = printDrive({ file: volid, options: disk.options });
      continue;
    }
    const volid = lab.cluster.nextDiskName(storage, clone.vmid);
    task.log(`create full clone of drive ${disk.key} (${disk.file})`);
    allocate(lab, clone, storage, volid, disk.size);
    task.log(`  Logical volume "${volid.split(':')[1]}" created.`);
    for (let quarter = 0; quarter <= 4; quarter += 1) {
      if (quarter > 0) await task.wait(1 / steps / 4);
      task.log(`transferred ${humanSize((disk.size * quarter) / 4)} of ${humanSize(disk.size)} (${(quarter * 25).toFixed(2)}%)`);
    }
    clone.config[disk.key] = printDrive({ file: volid, options: disk.options });
  }
}

function diskIndex(lab: LabContext, storage: LabStorage, vmid: number): number {
  return Number(lab.cluster.nextDiskName(storage, vmid).split('-').pop());
}

function allocate(lab: LabContext, clone: LabVm, storage: LabStorage, volid: string, size: number, parent?: string): void {
  const fits = storageUsage(lab, clone.node, storage).avail >= size;
  const ctime = Math.floor(Date.now() / 1000);
  const volume = { volid, content: 'images' as const, format: 'raw' as const, size, vmid: clone.vmid, ctime, parent };
  if (fits && lab.cluster.addVolume(storage, volume)) return;
  const name = volid.split(':')[1] ?? volid;
  if (storage.type === 'dir') throw new Error(`clone failed: qemu-img: ${storage.path}/images/${clone.vmid}/${name}: error while writing: No space left on device`);
  const extents = Math.ceil(size / (4 * 2 ** 20));
  throw new Error(`clone failed: lvcreate 'pve/${name}' error:   Volume group "pve" has insufficient free space (0 extents): ${extents} required.`);
}

/** Undo of a failed clone: the new config and every volume it owns go. */
function removeClone(lab: LabContext, clone: LabVm): void {
  if (lab.cluster.vms.get(clone.vmid) === clone) lab.cluster.vms.delete(clone.vmid);
  for (const storage of lab.cluster.node(clone.node).storages.values()) {
    for (const [volid, volume] of storage.volumes) if (volume.vmid === clone.vmid) storage.volumes.delete(volid);
  }
}

/** PVE's render_bytes: `10.0 GiB`, `102.4 MiB`, `0.0 B`. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
