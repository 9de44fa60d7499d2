import { stat } from 'node:fs/promises';
import { AppFailure, appError, errorWords, fail, type CellRef } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
import type { Progress } from '../../../../shared/runModel';
import type { ArtifactStore } from '../../runner/types';
import { cachedFileHash, multipartTarget, uploadStreamed, type FileHashCache, type StreamTarget, type TransferProgress } from '../../transfer';
import { api, encodeParams } from './apiPath';
import type { ProxmoxClient } from './client';
import { listVolumes, readInventory } from './inventory';
import { isNotFoundFailure, toProxmoxFailure } from './proxmoxErrors';
import { TaskFailure, waitForTask } from './tasks';
import type { StepLog } from './types';

export interface UploadTarget {
  node: string;
  storage: string;
  /** Name on the storage (`ubuntu-24.04.iso`). */
  remoteName: string;
}

export interface UploadJob {
  /** A client that talks to `target.node` itself (see connectToNode). */
  client: ProxmoxClient;
  target: UploadTarget;
  /** Absolute path of the local file. */
  file: string;
  /** The plan's SHA-256 (lower-case hex), if it gives one. */
  sha256: string | null;
  cells: { file?: CellRef; sha256?: CellRef };
  signal: AbortSignal;
  log: StepLog;
  progress(progress: Progress): void;
  artifacts: ArtifactStore;
  /** Digests computed earlier (at import), so the file is not hashed again here. */
  hashes?: FileHashCache | null;
}

/**
 * What the step records per node: before the upload (`uploading`), after
 * its task succeeded (`uploaded`), after a rollback deleted it (`removed`).
 * A file the step found and reused has no record, so it is never deleted.
 *
 *   (none) --POST--> uploading --task OK--> uploaded
 *                       \________________________\--undo--> removed
 */
export interface UploadArtifact {
  volid: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  phase: 'uploading' | 'uploaded' | 'removed';
}

export const uploadArtifactPrefix = 'upload:';
export const uploadArtifactKey = (node: string): string => `${uploadArtifactPrefix}${node}`;
const volidOf = (target: UploadTarget): string => `${target.storage}:iso/${target.remoteName}`;
const MiB = 2 ** 20;

async function localFacts(job: UploadJob): Promise<{ size: number; mtimeMs: number }> {
  try {
    const facts = await stat(job.file);
    if (!facts.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    return { size: facts.size, mtimeMs: facts.mtimeMs };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return fail('io', text(code === 'ENOENT' ? 'pve.upload.notFound' : 'pve.upload.unreadable', { file: job.file }), {
      hint: text('pve.hint.filePaths'),
      retryable: false,
      ...(job.cells.file ? { cell: job.cells.file } : {}),
    });
  }
}

/**
 * Is the same file already on the storage? Same name and size, and the same
 * checksum whenever one is known on both sides (the plan's or the local
 * file's, against what a previous upload recorded). PVE lists no checksums.
 */
export async function findSameFile(job: UploadJob, size: number, localSha: string | null): Promise<{ present: boolean; reason: TextRef }> {
  const volid = volidOf(job.target);
  const volumes = await listVolumes(job.client, job.target.node, job.target.storage, 'iso', job.signal);
  const existing = volumes.find((volume) => volume.volid === volid);
  if (!existing) return { present: false, reason: text('pve.upload.absent', { volid, node: job.target.node }) };
  if (existing.size !== size) return { present: false, reason: text('pve.upload.otherSize', { volid, node: job.target.node, remote: existing.size, local: size }) };
  const saved = job.artifacts.get<UploadArtifact>(uploadArtifactKey(job.target.node));
  const remoteSha = saved?.phase === 'uploaded' && saved.volid === volid && saved.size === size ? saved.sha256 : null;
  if (remoteSha && localSha && remoteSha !== localSha) return { present: false, reason: text('pve.upload.otherSum', { volid, node: job.target.node }) };
  return { present: true, reason: text(remoteSha && localSha ? 'pve.upload.sameAll' : 'pve.upload.sameNameSize', { volid, node: job.target.node }) };
}

function describeRate(progress: TransferProgress): TextRef {
  const amounts = { done: (progress.bytesDone / MiB).toFixed(0), total: (progress.bytesTotal / MiB).toFixed(0), speed: (progress.bytesPerSecond / MiB).toFixed(1) };
  if (progress.etaSeconds === null) return text('vmLog.upload.progress', amounts);
  return text('vmLog.upload.progressEta', { ...amounts, eta: Math.ceil(progress.etaSeconds) });
}

function mismatch(job: UploadJob, actual: string, expected: string): AppFailure {
  return new AppFailure(
    appError('io', text('pve.upload.mismatch', { file: job.file, actual, expected }), {
      hint: text(job.sha256 ? 'pve.hint.fixChecksum' : 'pve.hint.rehash'),
      retryable: !job.sha256,
      ...(job.cells.sha256 ? { cell: job.cells.sha256 } : {}),
    }),
  );
}

/**
 * The checksum to announce before the file: the plan's (checked against a
 * digest of this very file computed earlier, if any), else the digest
 * computed earlier, else computed now on a worker thread and remembered.
 * Never hashed during the upload: the node verifies what it received.
 */
async function checksumFor(job: UploadJob, size: number, mtimeMs: number): Promise<string> {
  const key = { path: job.file, algorithm: 'sha256', size, mtimeMs };
  if (job.sha256) {
    const planned = job.sha256.toLowerCase();
    const known = job.hashes?.lookup(key) ?? null;
    if (known && known !== planned) throw mismatch(job, known, planned);
    return planned;
  }
  const { digest, cached } = await cachedFileHash(job.file, job.hashes ?? null, { signal: job.signal });
  if (!cached) job.log('info', text('vmLog.upload.hashed', { file: job.file, size: (size / MiB).toFixed(0) }));
  return digest;
}

/**
 * Uploads an ISO to a node's storage: multipart with `content`,
 * `checksum-algorithm` and `checksum` before the file, streamed from disk
 * without hashing, then waits for PVE's upload task, which verifies the
 * checksum (so a file that changed since it was hashed is caught there).
 * Skips when already there.
 */
export async function uploadImage(job: UploadJob): Promise<{ skipped: boolean; volid: string }> {
  const { size, mtimeMs } = await localFacts(job);
  const volid = volidOf(job.target);
  const known = job.sha256?.toLowerCase() ?? job.hashes?.lookup({ path: job.file, algorithm: 'sha256', size, mtimeMs }) ?? null;
  const same = await findSameFile(job, size, known);
  if (same.present) {
    job.log('info', text('pve.upload.skip', { reason: same.reason }));
    job.progress({ fraction: 1, bytesDone: size, bytesTotal: size });
    return { skipped: true, volid };
  }
  job.log('info', text('pve.upload.start', { reason: same.reason }));
  const sha256 = await checksumFor(job, size, mtimeMs);
  const key = uploadArtifactKey(job.target.node);
  job.artifacts.set(key, { volid, size, mtimeMs, sha256, phase: 'uploading' } satisfies UploadArtifact);
  const path = api`/nodes/${job.target.node}/storage/${job.target.storage}/upload`;
  // pveproxy's upload parser takes exactly this order, each at the front of what is left:
  // `checksum` before `checksum-algorithm` is refused (file_upload_multipart, pve-http-server).
  const fields: [string, string][] = [
    ['content', 'iso'],
    ['checksum-algorithm', 'sha256'],
    ['checksum', sha256],
  ];
  job.client.record('POST', path, encodeParams({ ...Object.fromEntries(fields), filename: job.target.remoteName }));
  const target: StreamTarget<unknown> = {
    // Fresh auth headers per attempt: a retry after a long upload may need a renewed ticket.
    send: async (upload) => {
      const headers = await job.client.authHeaders('POST', upload.signal);
      const send = multipartTarget({ client: job.client.http, url: path, fields, fileField: 'filename', filename: job.target.remoteName, headers, contentType: 'application/octet-stream' });
      try {
        return (await send.send(upload)).data;
      } catch (error) {
        throw toProxmoxFailure(error, { endpoint: job.client.endpointName, method: 'POST', path }, (text) => job.client.redact(text));
      }
    },
  };
  let nextLog = 0.25;
  const result = await uploadStreamed({
    file: job.file,
    algorithms: [],
    name: job.target.remoteName,
    signal: job.signal,
    target,
    onProgress: (progress) => {
      const fraction = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 1;
      job.progress({ fraction, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal, bytesPerSecond: progress.bytesPerSecond });
      if (fraction >= nextLog && fraction < 1) {
        job.log('info', describeRate(progress));
        nextLog += 0.25;
      }
    },
    onRetry: (failure, attempt, delayMs) => job.log('warn', text('vmLog.upload.retry', { error: errorWords(failure.appError), attempt, seconds: Math.round(delayMs / 1000) })),
  });
  const upid = (result.response as { data?: unknown } | null)?.data;
  try {
    await waitForTask(job.client, upid, { signal: job.signal, log: job.log });
  } catch (error) {
    const verdict = error instanceof TaskFailure ? /^checksum mismatch: got '([0-9a-f]+)'/i.exec(error.exitstatus) : null;
    if (!verdict) throw error;
    // The file's bytes are not what was hashed before: the retry hashes them again.
    if (!job.sha256) job.hashes?.forget({ path: job.file, algorithm: 'sha256', size, mtimeMs });
    throw mismatch(job, (verdict[1] as string).toLowerCase(), sha256);
  }
  job.artifacts.set(key, { volid, size, mtimeMs, sha256, phase: 'uploaded' } satisfies UploadArtifact);
  job.log('info', text('vmLog.upload.done', { volid, node: job.target.node, size, sha256 }));
  return { skipped: false, volid };
}

type RemoveJob = Pick<UploadJob, 'client' | 'target' | 'signal' | 'log' | 'artifacts'>;

/**
 * PVE deletes an ISO a VM still mounts (the VM then fails to start), and a
 * rollback goes on to the upload even when a VM's deletion failed: so the
 * guests' configs are read first, and a mounted ISO is left for the next
 * rollback, which retries it once that VM is gone.
 */
async function refuseWhileMounted(job: RemoveJob, volid: string): Promise<void> {
  const inventory = await readInventory(job.client, job.signal);
  for (const guest of [...inventory.vms, ...inventory.templates]) {
    // A VM deleted since the listing (the rollback undoes other VMs at the same time) mounts nothing.
    const config = (await job.client.get<Record<string, unknown> | null>(api`/nodes/${guest.node}/qemu/${guest.vmid}/config`, job.signal).catch((error: unknown) => (isNotFoundFailure(error) ? null : Promise.reject(error)))) ?? {};
    const drive = Object.entries(config).find(([, value]) => typeof value === 'string' && value.split(',')[0] === volid);
    if (drive) {
      fail('conflict', text('pve.upload.mounted', { volid, vmid: guest.vmid, name: guest.name, drive: drive[0] }), {
        hint: text('pve.hint.unmount'),
        retryable: true,
      });
    }
  }
}

/**
 * The upload's undo on one node: deletes the volume this step uploaded
 * (DELETE .../content/{volume}, an `imgdel` task), nothing else. A record
 * left at `uploading` is ours only if the volume has the size we sent (a
 * different one is what was there before). A volume already gone counts as
 * removed, so a second rollback succeeds. VMs that mount the ISO depend on
 * the upload step, so the rollback removed them first.
 */
export async function removeUploadedImage(job: RemoveJob): Promise<void> {
  const key = uploadArtifactKey(job.target.node);
  const saved = job.artifacts.get<UploadArtifact>(key);
  if (!saved || saved.phase === 'removed') return;
  const volid = volidOf(job.target);
  if (saved.volid !== volid) {
    job.log('warn', text('pve.upload.otherRecorded', { recorded: saved.volid, planned: volid }));
    return;
  }
  const volumes = await listVolumes(job.client, job.target.node, job.target.storage, 'iso', job.signal);
  const present = volumes.find((volume) => volume.volid === volid);
  if (!present) {
    job.log('info', text('pve.upload.gone', { volid, node: job.target.node }));
  } else if (saved.phase === 'uploading' && present.size !== saved.size) {
    job.log('info', text('pve.upload.notOurs', { volid, node: job.target.node, size: present.size, sent: saved.size }));
  } else {
    await refuseWhileMounted(job, volid);
    const upid = await job.client.delete<string>(api`/nodes/${job.target.node}/storage/${job.target.storage}/content/${volid}`, job.signal);
    await waitForTask(job.client, upid, { signal: job.signal, log: job.log });
    job.log('info', text('pve.upload.deleted', { volid, node: job.target.node }));
  }
  job.artifacts.set(key, { ...saved, phase: 'removed' } satisfies UploadArtifact);
}
