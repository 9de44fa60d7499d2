import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { invalid, notFound } from './envelope';

/*
 * An image on the cluster's NFS datastore:
 *
 *   uploading(to_upload = chunks not yet received) --last chunk--> available(path, sha256)
 *   either --DELETE--> gone
 *
 * The volume outlives the client: a client that crashed asks again with
 * the same task_id (or lists images) and gets what is still to upload.
 */
export type ImageState = { kind: 'uploading'; received: Set<number> } | { kind: 'available'; path: string; sha256: string | null };

export interface Image {
  uuid: string;
  name: string;
  size: number;
  device: string;
  zbs_volume_id: string;
  chunk_size: number;
  task_id: string | null;
  /** Where the received bytes are (null for images a preparation declared). */
  file: string | null;
  state: ImageState;
}

export const chunkCount = (image: Image): number => Math.max(1, Math.ceil(image.size / image.chunk_size));

export function toUpload(image: Image): number[] {
  if (image.state.kind === 'available') return [];
  const { received } = image.state;
  return Array.from({ length: chunkCount(image) }, (_, index) => index).filter((index) => !received.has(index));
}

/** Images and upload volumes, their bytes in files under `dir` (the lab's temp folder). */
export class ImageStore {
  private readonly images = new Map<string, Image>();

  constructor(
    private readonly dir: string,
    private readonly chunkSize: number,
  ) {}

  list(): Image[] {
    return [...this.images.values()];
  }

  get(uuid: string): Image {
    const image = this.images.get(uuid);
    if (!image) throw notFound(`image ${uuid}`);
    return image;
  }

  /** An image already on the cluster (a preparation's), with no bytes behind it. */
  declare(name: string, size: number): Image {
    const uuid = randomUUID();
    const image: Image = { uuid, name, size, device: 'nfs', zbs_volume_id: randomUUID(), chunk_size: this.chunkSize, task_id: null, file: null, state: { kind: 'available', path: pathOf(uuid, name), sha256: null } };
    this.images.set(uuid, image);
    return image;
  }

  /** A new upload volume, or the one this task_id already has (resume). */
  createVolume(name: string, size: number, device: string, taskId: string | null): Image {
    if (taskId !== null) {
      const existing = [...this.images.values()].find((image) => image.task_id === taskId && image.state.kind === 'uploading');
      if (existing) {
        if (existing.name !== name || existing.size !== size) throw invalid(`task_id ${taskId} belongs to the upload of ${existing.name} (${existing.size} bytes)`);
        return existing;
      }
    }
    const uuid = randomUUID();
    const image: Image = { uuid, name, size, device, zbs_volume_id: randomUUID(), chunk_size: this.chunkSize, task_id: taskId, file: join(this.dir, `${uuid}.img`), state: { kind: 'uploading', received: new Set() } };
    this.images.set(uuid, image);
    return image;
  }

  /** Writes one chunk at its offset; the last missing one completes the image and hashes it. */
  async writeChunk(uuid: string, zbsVolumeId: string, chunkNum: number, bytes: Buffer): Promise<Image> {
    const image = this.get(uuid);
    if (image.zbs_volume_id !== zbsVolumeId) throw invalid(`zbs_volume_id ${zbsVolumeId} is not the volume of image ${uuid}`);
    if (chunkNum >= chunkCount(image)) throw invalid(`chunk_num ${chunkNum} is beyond the last chunk (${chunkCount(image) - 1})`);
    const expected = Math.min(image.chunk_size, image.size - chunkNum * image.chunk_size);
    if (bytes.length !== expected) throw invalid(`chunk ${chunkNum} has ${bytes.length} bytes; it must have ${expected}`);
    if (image.state.kind === 'available') return image;
    const handle = await openForWrite(image.file!);
    try {
      await handle.write(bytes, 0, bytes.length, chunkNum * image.chunk_size);
    } finally {
      await handle.close();
    }
    // Deleted while the chunk was written: the bytes go with it.
    if (!this.images.has(uuid) || image.state.kind !== 'uploading') throw notFound(`image ${uuid}`);
    image.state.received.add(chunkNum);
    if (toUpload(image).length === 0) image.state = { kind: 'available', path: pathOf(uuid, image.name), sha256: await sha256Of(image.file!) };
    return image;
  }

  async remove(uuid: string): Promise<void> {
    const image = this.get(uuid);
    this.images.delete(uuid);
    if (image.file) await rm(image.file, { force: true });
  }

  async clear(): Promise<void> {
    const files = [...this.images.values()].flatMap((image) => (image.file ? [image.file] : []));
    this.images.clear();
    await Promise.all(files.map((file) => rm(file, { force: true })));
  }
}

function pathOf(uuid: string, name: string): string {
  return `/usr/share/smartx/images/${uuid}/${name}`;
}

/** Opens without truncating; concurrent first chunks must not wipe each other (`w` would). */
async function openForWrite(file: string) {
  try {
    return await open(file, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return open(file, 'wx').catch((cause: NodeJS.ErrnoException) => (cause.code === 'EEXIST' ? open(file, 'r+') : Promise.reject(cause)));
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
