import { pveFail } from '../reply';
import { parseSize } from '../schema/formats';
import { listDisks, withSize } from '../state/vmConfig';
import { flag, nodeOf, params, taskUser, text, vmidOf, type HandlerDef } from './common';
import { humanSize } from './qemuClone';
import { storageUsage } from './views';

/**
 * PUT .../resize: a `resize` task (PVE 8+). `+10G` grows by, `40G` grows to;
 * shrinking fails the task like qemu-server ("shrinking disks is not supported").
 */
export const resizeDisk: HandlerDef = params(({ lab, params: p, principal }) => {
  const vm = lab.cluster.vm(nodeOf(p), vmidOf(p));
  const diskKey = String(p.disk);
  const sizeText = String(p.size);
  return lab.startTask({
    node: vm.node,
    type: 'resize',
    id: String(vm.vmid),
    user: taskUser(principal),
    work: async (task) => {
      await task.wait();
      const current = lab.cluster.vm(vm.node, vm.vmid);
      const digest = text(p, 'digest');
      if (digest !== undefined && digest !== lab.cluster.digest(current)) throw new Error('checksum missmatch (file change by other user?)');
      if (current.config.lock && !flag(p, 'skiplock')) throw new Error(`VM is locked (${current.config.lock})`);
      const disk = listDisks(current.config).find((entry) => entry.key === diskKey);
      if (!disk) throw new Error(`disk '${diskKey}' has no associated volume`);
      if (disk.isCdrom) throw new Error("you can't resize a cdrom");
      const growBy = sizeText.startsWith('+');
      const amount = parseSize(growBy ? sizeText.slice(1) : sizeText);
      if (amount === null) throw new Error(`unable to parse size '${sizeText}'`);
      const newSize = growBy ? disk.size + amount : amount;
      if (newSize < disk.size) throw new Error('shrinking disks is not supported');
      if (newSize === disk.size) return;
      const found = lab.cluster.findVolume(current.node, disk.file);
      if (found) {
        const extra = newSize - found.volume.size;
        if (storageUsage(lab, current.node, found.storage).avail < extra) {
          const extents = Math.ceil(extra / 4194304);
          throw new Error(`lvextend 'pve/${disk.file.split(':')[1]}' error:   Insufficient free space: ${extents} extents needed, but only 0 available`);
        }
        found.volume.size = newSize;
      }
      const name = disk.file.split(':')[1] ?? disk.file;
      task.log(`  Size of logical volume pve/${name} changed from ${humanSize(disk.size)} to ${humanSize(newSize)}.`);
      task.log(`  Logical volume pve/${name} successfully resized.`);
      current.config[diskKey] = withSize(disk, newSize);
    },
  });
});

/**
 * DELETE /nodes/{node}/qemu/{vmid}: refused at once for HA-managed VMs
 * without `purge`; the `qmdestroy` task then refuses locked or running VMs
 * and removes the config and the VM's volumes.
 */
export const destroyVm: HandlerDef = params(({ lab, params: p, principal }) => {
  const vm = lab.cluster.vm(nodeOf(p), vmidOf(p));
  if (vm.ha && !flag(p, 'purge')) throw pveFail(`unable to remove VM ${vm.vmid} - used in HA resources and purge parameter not set.`);
  return lab.startTask({
    node: vm.node,
    type: 'qmdestroy',
    id: String(vm.vmid),
    user: taskUser(principal),
    work: async (task) => {
      await task.wait();
      const current = lab.cluster.vm(vm.node, vm.vmid);
      if (current.config.lock && !flag(p, 'skiplock')) throw new Error(`VM is locked (${current.config.lock})`);
      if (current.power.kind !== 'stopped') throw new Error(`VM ${vm.vmid} is running - destroy failed`);
      const node = lab.cluster.node(vm.node);
      // Volumes named for the VM but absent from its config stay unless destroy-unreferenced-disks.
      const unused = Object.entries(current.config).filter(([key]) => /^unused\d+$/.test(key));
      const referenced = new Set([...listDisks(current.config).map((disk) => disk.file), ...unused.map(([, file]) => file)]);
      const unreferencedToo = flag(p, 'destroy-unreferenced-disks') === true;
      const owned = [...node.storages.values()].flatMap((storage) =>
        [...storage.volumes.values()]
          .filter((volume) => volume.vmid === vm.vmid && (unreferencedToo || referenced.has(volume.volid)))
          .map((volume) => ({ storage, volume })),
      );
      for (const { volume } of owned) {
        const child = [...node.storages.values()].flatMap((s) => [...s.volumes.values()]).find((other) => other.parent === volume.volid);
        if (child) throw new Error(`base volume '${volume.volid}' is still in use by linked cloned`);
      }
      for (const { storage, volume } of owned) {
        storage.volumes.delete(volume.volid);
        task.log(`  Logical volume "${volume.volid.split(':')[1]}" successfully removed.`);
      }
      lab.cluster.vms.delete(vm.vmid);
      if (current.ha && flag(p, 'purge')) task.log(`purging VM ${vm.vmid} from related configurations..`);
    },
  });
});
