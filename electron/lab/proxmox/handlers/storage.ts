import { splitList } from '../schema/formats';
import { nodeOf, num, params, text, type HandlerDef } from './common';
import { storageRecord } from './views';

/** GET /nodes/{node}/storage (filters: content, storage, enabled). */
export const listStorage: HandlerDef = params(({ lab, params: p }) => {
  const node = lab.cluster.node(nodeOf(p));
  const wanted = splitList(text(p, 'content') ?? '');
  const only = text(p, 'storage');
  return [...node.storages.values()]
    .filter((storage) => (only === undefined || storage.id === only) && wanted.every((content) => storage.content.includes(content)))
    .map((storage) => storageRecord(lab, node.name, storage));
});

/** GET /nodes/{node}/storage/{storage}/status */
export const storageStatus: HandlerDef = params(({ lab, params: p }) => {
  const storage = lab.cluster.storage(nodeOf(p), String(p.storage));
  const { storage: _id, used_fraction: _fraction, ...record } = storageRecord(lab, nodeOf(p), storage);
  return record;
});

/** GET /nodes/{node}/storage/{storage}/content (filters: content, vmid). */
export const storageContent: HandlerDef = params(({ lab, params: p }) => {
  const storage = lab.cluster.storage(nodeOf(p), String(p.storage));
  const content = text(p, 'content');
  const vmid = num(p, 'vmid');
  return [...storage.volumes.values()]
    .filter((volume) => (content === undefined || volume.content === content) && (vmid === undefined || volume.vmid === vmid))
    .sort((a, b) => a.volid.localeCompare(b.volid))
    .map((volume) => {
      const item: Record<string, unknown> = { volid: volume.volid, content: volume.content, format: volume.format, size: volume.size, ctime: volume.ctime };
      if (volume.vmid !== undefined) item.vmid = volume.vmid;
      if (volume.parent !== undefined) item.parent = volume.parent.split(':')[1];
      if (volume.content === 'images') item.used = 0;
      return item;
    });
});
