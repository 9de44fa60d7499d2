import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabContext } from '../context';
import { paramError, pveFail } from '../reply';
import type { MethodSchema } from '../schema/types';
import { validateParameters } from '../schema/validate';
import { storageUsage } from './views';

/** The extension checks of the upload API (PVE::Storage's ISO_EXT_RE_0, VZTMPL_EXT_RE_1, UPLOAD_IMPORT_EXT_RE_1). */
const extensions: Record<string, { re: RegExp; error: string }> = {
  iso: { re: /[^/]+\.(?:iso|img)$/i, error: 'wrong file extension' },
  vztmpl: { re: /[^/]+\.(?:tar(?!\.)|tar\.(?:gz|xz|zst|bz2))$/i, error: 'wrong file extension' },
  import: { re: /[a-zA-Z0-9\-.+=_]+\.(?:ova|qcow2|raw|vmdk)$/, error: 'invalid filename or wrong extension' },
};

/** PVE::Storage::normalize_content_filename. */
const normalizeFilename = (name: string): string => name.replace(/\n$/, '').replace(/^.*[/\\]/, '').replace(/[^a-zA-Z0-9_.-]/g, '_');

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
 * After the body, the upload API's code (PVE::API2::Storage::Status,
 * `upload`) in its order: schema, a storage with a path, the file
 * extension, the content the storage accepts; then the `imgcopy` task that
 * verifies the checksum and copies the file into the storage.
 */
export async function finishUpload(lab: LabContext, schema: MethodSchema, upload: Upload): Promise<string> {
  const validation = validateParameters(schema.parameters, upload.params);
  if (!validation.ok) throw paramError(validation.errors);
  const { node, storage: storageId, content } = upload.params as Record<string, string>;
  const storage = lab.cluster.storage(node as string, storageId as string);
  if (storage.path === null) throw pveFail(`can't upload to storage type '${storage.type}'`);
  // The parser's bytes are a byte string: the name arrives as UTF-8 and is then normalized.
  const name = normalizeFilename(Buffer.from(upload.file.filename, 'latin1').toString('utf8'));
  const rule = extensions[content as string];
  if (!rule) throw paramError({ content: `upload content type '${content}' not allowed` });
  if (!rule.re.test(name)) throw paramError({ filename: rule.error });
  if (!storage.content.includes(content as string)) throw pveFail(`storage '${storage.id}' does not support '${content}' content`);
  const expected = upload.params.checksum ?? null;
  const algorithm = upload.params['checksum-algorithm'] ?? null;
  const directory = content === 'iso' ? 'template/iso' : content === 'vztmpl' ? 'template/cache' : 'import';
  const target = `${storage.path}/${directory}/${name}`;
  const { file } = upload;

  return lab.startTask({
    node: node as string,
    type: 'imgcopy',
    id: '',
    user: upload.user,
    work: async (task) => {
      try {
        task.log(`starting file import from: /var/tmp/${file.tmpName}`);
        if (algorithm !== null) {
          // One line in PVE's log: "calculating checksum..." is printed without a newline before the verdict.
          if (file.digest?.toLowerCase() !== expected?.toLowerCase()) {
            task.log('calculating checksum...');
            throw new Error(`checksum mismatch: got '${file.digest}' != expect '${expected}'`);
          }
          task.log('calculating checksum...OK, checksum verified');
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
