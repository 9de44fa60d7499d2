import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { paramError } from '../reply';
import { nodeOf, params, taskUser, text, type HandlerDef } from './common';

/**
 * DELETE /nodes/{node}/storage/{storage}/content/{volume}, after
 * PVE::API2::Storage::Content `delete`: the volume is a full volid or a name
 * on `storage` (`real_volume_id`: a volid of another storage is a parameter
 * error), then an `imgdel`
 * task frees it. A file that is not there only warns (Plugin::free_image),
 * so the task ends "WARNINGS: 1". Without `delay` the answer is the UPID.
 */
export const deleteVolume: HandlerDef = params(({ lab, params: p, principal }) => {
  const node = nodeOf(p);
  const given = String(p.volume);
  const storageParam = text(p, 'storage');
  const [storeId, name] = given.includes(':') ? [given.slice(0, given.indexOf(':')), given.slice(given.indexOf(':') + 1)] : [storageParam ?? '', given];
  if (storageParam !== undefined && storeId !== storageParam) throw paramError({ volume: `storage ID missmatch (${storeId} != ${storageParam})` }); // PVE's spelling
  const storage = lab.cluster.storage(node, storeId);
  const volid = `${storage.id}:${name}`;
  const owner = storage.volumes.get(volid)?.vmid;
  return lab.startTask({
    node,
    type: 'imgdel',
    id: owner === undefined ? storage.id : `${owner}@${storage.id}`,
    user: taskUser(principal),
    work: async (task) => {
      await task.wait();
      const volume = storage.volumes.get(volid);
      if (!volume) {
        task.warn(`disk image '${storage.path ?? ''}/${pathOf(name)}' does not exist`);
      } else {
        storage.volumes.delete(volid);
        const [content, file] = name.split('/') as [string, string | undefined];
        if (file && lab.settings.uploads.dir) await rm(join(lab.settings.uploads.dir, node, storage.id, content, file), { force: true });
      }
      task.log(`Removed volume '${volid}'`);
    },
  });
});

/** Where a dir storage keeps a volume's file (PVE::Storage::Plugin::filesystem_path). */
function pathOf(name: string): string {
  const [content, file] = name.split('/');
  if (content === 'iso') return `template/iso/${file}`;
  if (content === 'vztmpl') return `template/cache/${file}`;
  return name;
}
