import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabContext } from '../context';
import { paramError } from '../reply';
import type { MethodSchema } from '../schema/types';
import { validateParameters } from '../schema/validate';
import { storageUsage } from './views';

const extensions: Record<string, RegExp> = {
  iso: /\.(iso|img)$/i,
  vztmpl: /\.tar\.(gz|xz|zst|bz2)$/i,
  import: /\.(ova|qcow2|raw|vmdk)$/i,
};

export interface ReceivedFile {
  filename: string;
  size: number;
  /** Hex digest with the algorithm named in the fields before the file, if any. */
  digest: string | null;
  /** Where the bytes were written (mode `disk`), else null. */
  tmpPath: string | null;
  tmpName: string;
}

interface Upload {
  params: Record<string, string>;
  file: ReceivedFile;
  user: string;
}

/**
 * After the body: parameter checks like the upload API (schema, content the
 * storage accepts, file extension), then the `imgcopy` task that verifies
 * the checksum and places the file into the storage.
 */
export async function finishUpload(lab: LabContext, schema: MethodSchema, upload: Upload): Promise<string> {
  const validation = validateParameters(schema.parameters, upload.params);
  if (!validation.ok) throw paramError(validation.errors);
  const { node, storage: storageId, content } = upload.params as Record<string, string>;
  const storage = lab.cluster.storage(node as string, storageId as string);
  if (!storage.content.includes(content as string)) throw paramError({ content: `storage '${storage.id}' does not support '${content}' content` });
  const name = upload.file.filename.replace(/[^-_.a-zA-Z0-9]/g, '_');
  if (!(extensions[content as string] ?? /./).test(name)) throw paramError({ filename: 'wrong file extension' });
  const expected = upload.params.checksum?.toLowerCase() ?? null;
  const directory = content === 'iso' ? 'template/iso' : content === 'vztmpl' ? 'template/cache' : 'import';
  const target = `${storage.path ?? `/mnt/pve/${storage.id}`}/${directory}/${name}`;
  const { file } = upload;

  return lab.startTask({
    node: node as string,
    type: 'imgcopy',
    id: '',
    user: upload.user,
    work: async (task) => {
      try {
        task.log(`starting file import from: /var/tmp/${file.tmpName}`);
        if (expected !== null) {
          task.log('calculating checksum...');
          if (file.digest !== expected) throw new Error(`checksum mismatch: got '${file.digest}' != expect '${expected}'`);
          task.log('checksum verified');
        }
        task.log(`target node: ${node}`);
        task.log(`target file: ${target}`);
        task.log(`file size is: ${file.size}`);
        task.log(`command: cp -- /var/tmp/${file.tmpName} ${target}`);
        await task.wait();
        const volid = `${storage.id}:${content}/${name}`;
        const previous = storage.volumes.get(volid)?.size ?? 0;
        if (storageUsage(lab, node as string, storage).avail + previous < file.size) {
          throw new Error(`cp: error writing '${target}': No space left on device`);
        }
        const format = content === 'iso' ? 'iso' : 'tgz';
        storage.volumes.set(volid, { volid, content: content as 'iso', format, size: file.size, ctime: Math.floor(Date.now() / 1000) });
        if (file.tmpPath) await storeUploadedFile(lab, file.tmpPath, node as string, storage.id, content as string, name);
        task.log('finished file import successfully');
      } finally {
        if (file.tmpPath) await rm(file.tmpPath, { force: true });
      }
    },
  });
}

/** Keeps a received file under the lab's upload dir as `<node>/<storage>/<content>/<name>`. */
async function storeUploadedFile(lab: LabContext, tmpPath: string, node: string, storage: string, content: string, name: string): Promise<void> {
  const dir = join(lab.settings.uploads.dir as string, node, storage, content);
  await mkdir(dir, { recursive: true });
  await rename(tmpPath, join(dir, name));
}
