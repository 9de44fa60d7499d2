import { text as catalogueText, type TextRef } from '../../../../shared/i18n/engineText';
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AppFailure, appError, errorWords, fail, type CellRef } from '../../../../shared/errors';
import type { Progress } from '../../../../shared/runModel';
import type { ArtifactStore } from '../../runner/types';
import { uploadStreamed, type FileHashCache, type StreamTarget } from '../../transfer';
import { isFaultOf } from './faults';
import type { VimClient } from './soapClient';
import { runTask } from './tasks';
import type { StepLog } from './types';
import type { MoRef } from './xml';

export interface DatastoreFile {
  datacenter: string;
  datacenterRef: MoRef;
  datastore: string;
  /** Below the datastore's root: `iso/ubuntu.iso`. */
  path: string;
}

export interface VsUploadJob {
  client: VimClient;
  target: DatastoreFile;
  /** Absolute path of the local file. */
  file: string;
  /** The plan's SHA-256 (lower-case hex), if it gives one. */
  sha256: string | null;
  cells: { file?: CellRef; sha256?: CellRef };
  signal: AbortSignal;
  log: StepLog;
  progress(progress: Progress): void;
  artifacts: ArtifactStore;
  hashes?: FileHashCache | null;
}

/**
 * Recorded before the upload (`uploading`) and after it was checked
 * (`uploaded`): a later run reuses it by size and checksum. A rollback
 * deletes the file and records `removed`; a file the step found and reused
 * has no record at all, so it is never deleted.
 *
 *   (none) --PUT--> uploading --checked--> uploaded
 *                       \______________________\--undo--> removed
 */
export interface VsUploadArtifact {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string | null;
  phase: 'uploading' | 'uploaded' | 'removed';
}
export const vsUploadArtifactKey = 'upload';

/** `/folder/iso/x.iso?dcPath=DC0&dsName=LocalDS_0`: the datastore file API of vCenter. */
export function folderUrl(target: DatastoreFile): string {
  const path = target.path.split('/').map(encodeURIComponent).join('/');
  return `/folder/${path}?${new URLSearchParams({ dcPath: target.datacenter, dsName: target.datastore })}`;
}

const bracketPath = (target: DatastoreFile, path = target.path): string => `[${target.datastore}] ${path}`;

async function localFacts(job: VsUploadJob): Promise<{ size: number; mtimeMs: number }> {
  const facts = await stat(job.file).catch(() => null);
  if (!facts?.isFile()) {
    fail('io', catalogueText('vsphere.upload.notFound', { file: job.file }), { hint: catalogueText('vsphere.hint.filePaths'), retryable: false, ...(job.cells.file ? { cell: job.cells.file } : {}) });
  }
  return { size: facts.size, mtimeMs: facts.mtimeMs };
}

/** The size of the file on the datastore, or null when it is not there (HEAD on the file API). */
export async function remoteSize(job: Pick<VsUploadJob, 'client' | 'target' | 'signal'>): Promise<number | null> {
  const cookie = await job.client.cookieHeader(job.signal);
  const response = await job.client.http.head(folderUrl(job.target), { headers: { Cookie: cookie }, validateStatus: (status) => status === 200 || status === 404, signal: job.signal });
  if (response.status === 404) return null;
  const length = Number(response.headers['content-length']);
  return Number.isFinite(length) ? length : null;
}

/** Reads the datastore's copy back through the file API and hashes it: how "same checksum" is known for a file this run did not write. */
export async function remoteSha256(job: Pick<VsUploadJob, 'client' | 'target' | 'signal'>): Promise<string> {
  const cookie = await job.client.cookieHeader(job.signal);
  const response = await job.client.http.get<Readable>(folderUrl(job.target), { headers: { Cookie: cookie }, responseType: 'stream', signal: job.signal, timeout: 0 });
  const hash = createHash('sha256');
  for await (const chunk of response.data) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Is the same file on the datastore? Same size, and when a checksum is
 * known (the plan's): the one recorded by this step's earlier upload, else
 * the datastore's copy read back and hashed.
 */
export async function findSameFile(job: VsUploadJob, size: number): Promise<{ present: boolean; reason: TextRef }> {
  const where = bracketPath(job.target);
  const existing = await remoteSize(job);
  if (existing === null) return { present: false, reason: catalogueText('vsphere.upload.absent', { path: where }) };
  if (existing !== size) return { present: false, reason: catalogueText('vsphere.upload.otherSize', { path: where, remote: existing, local: size }) };
  if (!job.sha256) return { present: true, reason: catalogueText('vsphere.upload.sameNameSize', { path: where }) };
  const saved = job.artifacts.get<VsUploadArtifact>(vsUploadArtifactKey);
  const recorded = saved?.phase === 'uploaded' && saved.path === where && saved.size === size ? saved.sha256 : null;
  const remote = recorded ?? (await remoteSha256(job));
  if (remote !== job.sha256) return { present: false, reason: catalogueText('vsphere.upload.otherSum', { path: where, sha256: remote }) };
  return { present: true, reason: catalogueText('vsphere.upload.sameAll', { path: where }) };
}

async function fileManagerOf(job: Pick<VsUploadJob, 'client' | 'signal'>): Promise<MoRef> {
  const content = await job.client.serviceContent(job.signal);
  if (!content.fileManager) fail('unsupported', catalogueText('vsphere.upload.noFileManager', { endpoint: job.client.endpointName }));
  return content.fileManager;
}

async function makeFolder(job: VsUploadJob): Promise<void> {
  const folder = job.target.path.split('/').slice(0, -1).join('/');
  if (!folder) return;
  const fileManager = await fileManagerOf(job);
  try {
    await job.client.call('MakeDirectory', fileManager, { name: bracketPath(job.target, folder), datacenter: { '@_type': job.target.datacenterRef.type, '#text': job.target.datacenterRef.value }, createParentDirectories: true }, job.signal);
  } catch (error) {
    if (!isFaultOf(error, 'FileAlreadyExists')) throw error;
  }
}

async function deleteDatastoreFile(job: Pick<VsUploadJob, 'client' | 'target' | 'signal'>): Promise<void> {
  const fileManager = await fileManagerOf(job);
  await runTask(job.client, 'DeleteDatastoreFile_Task', fileManager, { name: bracketPath(job.target), datacenter: { '@_type': job.target.datacenterRef.type, '#text': job.target.datacenterRef.value } }, { signal: job.signal, what: catalogueText('vsphere.task.delete', { name: bracketPath(job.target) }) });
}

async function deleteRemote(job: VsUploadJob): Promise<void> {
  await deleteDatastoreFile(job).catch(() => undefined);
}

/**
 * The upload's undo: deletes the datastore file this step wrote (a half-sent
 * one too: a PUT writes as it streams), and nothing it did not write. A file
 * already gone counts as removed, so a second rollback succeeds. VMs that
 * mount the ISO depend on this step, so the rollback removed them first.
 */
export async function removeUploaded(job: Pick<VsUploadJob, 'client' | 'target' | 'signal' | 'log' | 'artifacts'>): Promise<void> {
  const saved = job.artifacts.get<VsUploadArtifact>(vsUploadArtifactKey);
  if (!saved || saved.phase === 'removed') return;
  const where = bracketPath(job.target);
  if (saved.path !== where) {
    // The plan now names another file than the one recorded: deleting the plan's could remove something this run never wrote.
    job.log('warn', catalogueText('vsphere.upload.otherRecorded', { recorded: saved.path, planned: where }));
    return;
  }
  try {
    await deleteDatastoreFile(job);
    job.log('info', catalogueText('vsphere.upload.deleted', { path: where }));
  } catch (error) {
    if (!isFaultOf(error, 'FileNotFound')) throw error;
    job.log('info', catalogueText('vsphere.upload.gone', { path: where }));
  }
  job.artifacts.set(vsUploadArtifactKey, { ...saved, phase: 'removed' } satisfies VsUploadArtifact);
}

/**
 * Uploads an ISO to a datastore: one streamed PUT to the file API with the
 * session cookie, hashed in the same pass; a copy that does not match the
 * plan's SHA-256 is deleted again. Skips when the same file is there.
 */
export async function uploadToDatastore(job: VsUploadJob): Promise<{ skipped: boolean; path: string; sha256: string | null }> {
  const { size, mtimeMs } = await localFacts(job);
  const where = bracketPath(job.target);
  const same = await findSameFile(job, size);
  if (same.present) {
    job.log('info', catalogueText('vsphere.upload.skip', { reason: same.reason }));
    job.progress({ fraction: 1, bytesDone: size, bytesTotal: size });
    return { skipped: true, path: where, sha256: job.sha256 };
  }
  job.log('info', catalogueText('vsphere.upload.start', { reason: same.reason }));
  await makeFolder(job);
  job.artifacts.set(vsUploadArtifactKey, { path: where, size, mtimeMs, sha256: job.sha256, phase: 'uploading' } satisfies VsUploadArtifact);
  const target: StreamTarget<number> = {
    // A fresh cookie per attempt: the session may have been renewed during a long upload.
    send: async (upload) => {
      const cookie = await job.client.cookieHeader(upload.signal);
      const response = await job.client.http.put(folderUrl(job.target), upload.body, {
        headers: { Cookie: cookie, 'Content-Type': 'application/octet-stream', 'Content-Length': String(upload.size) },
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        signal: upload.signal,
        timeout: 0,
        maxRedirects: 0,
        maxBodyLength: Infinity,
      });
      return response.status;
    },
  };
  const result = await uploadStreamed({
    file: job.file,
    name: job.target.path.split('/').pop() ?? job.target.path,
    algorithms: ['sha256'],
    signal: job.signal,
    target,
    onProgress: (progress) =>
      job.progress({ fraction: progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 1, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal, bytesPerSecond: progress.bytesPerSecond }),
    onRetry: (failure, attempt, delayMs) => job.log('warn', catalogueText('vmLog.upload.retry', { error: errorWords(failure.appError), attempt, seconds: Math.round(delayMs / 1000) })),
  });
  const sha256 = result.digests.sha256 ?? null;
  if (job.sha256 && sha256 !== job.sha256) {
    await deleteRemote(job);
    throw new AppFailure(
      appError('io', catalogueText('vsphere.upload.mismatch', { file: job.file, actual: String(sha256), expected: job.sha256, path: where }), {
        hint: catalogueText('vsphere.hint.fixChecksum'),
        retryable: false,
        ...(job.cells.sha256 ? { cell: job.cells.sha256 } : {}),
      }),
    );
  }
  job.artifacts.set(vsUploadArtifactKey, { path: where, size, mtimeMs, sha256, phase: 'uploaded' } satisfies VsUploadArtifact);
  job.log('info', catalogueText('vmLog.vs.uploadDone', { path: where, size, sha256: String(sha256) }));
  return { skipped: false, path: where, sha256 };
}
