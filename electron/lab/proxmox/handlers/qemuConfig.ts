import type { LabContext } from '../context';
import { pveFail } from '../reply';
import { splitList } from '../schema/formats';
import type { LabVm } from '../state/model';
import { sleep, type TaskContext } from '../state/tasks';
import { diskKeyRe, parseDrive, printDrive } from '../state/vmConfig';
import { flag, nodeOf, num, params, taskUser, text, vmidOf, type HandlerDef, type Params } from './common';
import { storageUsage } from './views';

const notConfig = new Set(['node', 'vmid', 'digest', 'delete', 'skiplock', 'background_delay', 'revert', 'force']);
const newVolumeRe = /^([a-z][a-z0-9\-_.]*[a-z0-9]):(\d+(?:\.\d+)?)$/i;

/** PUT .../config: applied at once; answers null. */
export const putConfig: HandlerDef = params(({ lab, params: p }) => {
  const vm = lab.cluster.vm(nodeOf(p), vmidOf(p));
  applyConfig(lab, vm, p, null);
  return null;
});

/** POST .../config: applied by a `qmconfig` task; answers its UPID (or null when `background_delay` outlasts it). */
export const postConfig: HandlerDef = params(async ({ lab, params: p, principal }) => {
  const vm = lab.cluster.vm(nodeOf(p), vmidOf(p));
  const upid = lab.startTask({
    node: vm.node,
    type: 'qmconfig',
    id: String(vm.vmid),
    user: taskUser(principal),
    work: async (task) => {
      await task.wait();
      applyConfig(lab, lab.cluster.vm(vm.node, vm.vmid), p, task);
    },
  });
  const delay = num(p, 'background_delay');
  if (delay !== undefined) {
    const until = Date.now() + delay * 1000;
    while (Date.now() < until && lab.tasks.get(upid)?.state.kind === 'running') await sleep(50, lab.signal);
    const state = lab.tasks.get(upid)?.state;
    if (state?.kind === 'stopped' && state.exitstatus === 'OK') return null;
  }
  return upid;
});

/**
 * qemu-server's update: digest and lock checks, `delete` (disks become
 * unusedN unless `force`), new disks from `STORAGE:SIZE_GiB`, then the values.
 */
export function applyConfig(lab: LabContext, vm: LabVm, p: Params, task: TaskContext | null): void {
  const digest = text(p, 'digest');
  if (digest !== undefined && digest !== lab.cluster.digest(vm)) {
    throw pveFail('detected modified configuration - file changed by other user? Try again.');
  }
  if (vm.config.lock && !flag(p, 'skiplock')) throw pveFail(`VM is locked (${vm.config.lock})`);
  for (const key of splitList(text(p, 'delete') ?? '')) {
    const value = vm.config[key];
    if (value === undefined) continue;
    delete vm.config[key];
    if (diskKeyRe.test(key) && !parseDrive(key, value).isCdrom && !flag(p, 'force')) {
      let index = 0;
      while (vm.config[`unused${index}`] !== undefined) index += 1;
      vm.config[`unused${index}`] = parseDrive(key, value).file;
    }
    task?.log(`delete option: ${key}`);
  }
  for (const [key, raw] of Object.entries(p)) {
    if (notConfig.has(key)) continue;
    const value = typeof raw === 'boolean' ? (raw ? '1' : '0') : String(raw);
    vm.config[key] = diskKeyRe.test(key) ? allocateDisk(lab, vm, key, value, task) : value;
    task?.log(`update VM ${vm.vmid}: -${key} ${key === 'cipassword' ? '<hidden>' : value}`);
  }
}

/** `local-lvm:32,iothread=1` allocates a 32 GiB volume; anything else is kept as written. */
function allocateDisk(lab: LabContext, vm: LabVm, key: string, value: string, task: TaskContext | null): string {
  const drive = parseDrive(key, value);
  const request = newVolumeRe.exec(drive.file);
  if (!request || drive.isCdrom) return value;
  const storage = lab.cluster.storage(vm.node, request[1] as string);
  if (!storage.content.includes('images')) throw pveFail(`storage '${storage.id}' does not support vm images`);
  const size = Math.round(Number(request[2]) * 2 ** 30);
  const volid = lab.cluster.nextDiskName(storage, vm.vmid);
  const volume = { volid, content: 'images' as const, format: 'raw' as const, size, vmid: vm.vmid, ctime: Math.floor(Date.now() / 1000) };
  if (storageUsage(lab, vm.node, storage).avail < size || !lab.cluster.addVolume(storage, volume)) {
    throw pveFail(`lvcreate 'pve/${volid.split(':')[1]}' error:   Volume group "pve" has insufficient free space`);
  }
  task?.log(`  Logical volume "${volid.split(':')[1]}" created.`);
  return printDrive({ file: volid, options: { ...drive.options, size: `${request[2]}G` } });
}
