import { AppFailure, appError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import type { Progress } from '../../../../shared/runModel';
import type { ArtifactStore, RetryPolicy } from '../../runner/types';
import { uploadChunked, type ChunkResumeState } from '../../transfer';
import type { FisheyeClient } from './fisheyeClient';
import { createUploadVolume, deleteImage, volumeTarget, type VolumeRef } from './fisheyeUpload';
import type { IsoFile } from './isoFile';
import type { StepLog } from './types';
import { reasonOf } from './words';

export const isoArtifactKey = 'iso';

/*
 * What the ISO step records, before and after each call that creates something:
 *
 *   (none) ──> creating ──volume made──> uploading ──to_upload empty──> uploaded
 *                 ^                          │ a chunk fails 3 times
 *                 └── volume deleted, once ──┘ (the second time: deleted, then the step fails)
 *   (none) ──same name and size on the cluster──> reused   (never deleted by undo)
 */
export interface IsoArtifact {
  phase: 'creating' | 'uploading' | 'uploaded' | 'reused';
  name: string;
  size: number;
  mtimeMs: number;
  imageUuid: string | null;
  zbsVolumeId: string | null;
  chunkSize: number | null;
  /** Where a VM's CD-ROM mounts it (`iscsi://...`). */
  path: string | null;
  sha256: string | null;
  uploadedChunks: number;
  /** The transfer layer's resume state: the chunks the server acknowledged. */
  chunks: ChunkResumeState | null;
  round: number;
}

interface ImageEntry {
  uuid?: string;
  name?: string;
  size?: number;
  path?: string | null;
}

export interface IsoUploadJob {
  client: FisheyeClient;
  file: IsoFile;
  artifacts: ArtifactStore;
  signal: AbortSignal;
  log: StepLog;
  progress: (progress: Progress) => void;
  chunkRetry: RetryPolicy;
}

const withoutIso = (name: string): string => name.replace(/\.iso$/i, '');

/** An image with the ISO's name and size and a path a CD-ROM can mount: uploaded before, reused. */
export async function findSameImage(client: FisheyeClient, file: Pick<IsoFile, 'name' | 'size'>, signal: AbortSignal): Promise<{ uuid: string; path: string } | null> {
  const data = await client.call<{ images?: ImageEntry[] } | ImageEntry[]>('GET', '/api/v2/images', signal);
  const images = Array.isArray(data) ? data : (data?.images ?? []);
  const same = images.find((image) => image.name !== undefined && withoutIso(image.name) === withoutIso(file.name) && image.size === file.size && image.uuid && image.path);
  return same ? { uuid: same.uuid!, path: same.path! } : null;
}

async function pathOf(client: FisheyeClient, imageUuid: string, fallback: string | null, signal: AbortSignal): Promise<string | null> {
  const data = await client.call<{ images?: ImageEntry[] } | ImageEntry[]>('GET', '/api/v2/images', signal);
  const images = Array.isArray(data) ? data : (data?.images ?? []);
  return images.find((image) => image.uuid === imageUuid)?.path ?? fallback;
}

// The transfer layer's default is retryable errors only; a chunk answered with a 500 is worth another try too.
const chunkRetryable = (failure: AppFailure): boolean => !['auth', 'cancelled', 'plan_invalid', 'tls_untrusted'].includes(failure.appError.code);

/**
 * Uploads the ISO as SMTX OS takes it: reuse an image with the same name and
 * size; otherwise an upload volume, chunk by chunk of the size it asks for,
 * each chunk tried 3 times with backoff. When a chunk still fails the volume
 * is deleted and a new one is uploaded once more; a second failure deletes
 * that one too and fails the step. A crash resumes the recorded volume.
 */
export async function uploadIso(job: IsoUploadJob): Promise<IsoArtifact> {
  const { client, file, artifacts, signal, log } = job;
  const base = { name: file.name, size: file.size, mtimeMs: file.mtimeMs };
  const reused = await findSameImage(client, file, signal);
  if (reused) {
    const artifact: IsoArtifact = { ...base, phase: 'reused', imageUuid: reused.uuid, zbsVolumeId: null, chunkSize: null, path: reused.path, sha256: null, uploadedChunks: 0, chunks: null, round: 0 };
    artifacts.set(isoArtifactKey, artifact);
    log('info', text('smartx.log.isoReused', { name: client.endpointName, file: file.name, size: file.size, image: reused.uuid }));
    job.progress({ phase: 'upload', fraction: 1, bytesDone: file.size, bytesTotal: file.size });
    return artifact;
  }
  const saved = artifacts.get<IsoArtifact>(isoArtifactKey);
  const resumable = saved && (saved.phase === 'uploading' || saved.phase === 'creating') && saved.name === file.name && saved.size === file.size && saved.mtimeMs === file.mtimeMs;
  let round = resumable ? Math.max(1, saved.round) : 1;
  if (resumable && saved.zbsVolumeId) log('info', text('smartx.log.uploadResume', { file: file.name, volume: saved.zbsVolumeId, chunks: saved.uploadedChunks }));
  for (;;) {
    const taskId = uploadTaskId(file, round);
    let volume: VolumeRef | null = null;
    let chunks: ChunkResumeState | null = null;
    const record = (phase: IsoArtifact['phase'], extra: Partial<IsoArtifact> = {}): IsoArtifact => {
      const artifact: IsoArtifact = {
        ...base, phase, imageUuid: volume?.imageUuid ?? null, zbsVolumeId: volume?.zbsVolumeId ?? null, chunkSize: volume?.chunkSize ?? null,
        path: volume?.imagePath ?? null, sha256: null, uploadedChunks: countDone(chunks), chunks, round, ...extra,
      };
      artifacts.set(isoArtifactKey, artifact);
      return artifact;
    };
    // Recorded before the call that creates the volume: a crash in between reopens it with the same task id.
    record('creating');
    const open = () => createUploadVolume(client, file, taskId, signal);
    const first = await open();
    volume = first.ref;
    log('info', text('smartx.log.uploadVolume', { volume: volume.zbsVolumeId, image: volume.imageUuid, chunks: first.toUpload.length, chunkSize: volume.chunkSize }));
    record('uploading');
    try {
      const result = await uploadChunked({
        file: file.path,
        name: file.name,
        target: volumeTarget(client, first, open, (ref) => {
          volume = ref;
        }),
        signal,
        retry: job.chunkRetry,
        isRetryable: chunkRetryable,
        onState: (next) => {
          chunks = next;
          record('uploading');
        },
        onProgress: (p) => job.progress({ phase: 'upload', fraction: p.bytesTotal > 0 ? p.bytesDone / p.bytesTotal : 1, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, bytesPerSecond: p.bytesPerSecond }),
        onRetry: (failure, next, delayMs) => log('warn', text('smartx.log.chunkRetry', { file: file.name, error: reasonOf(failure, (said) => client.redact(said)), attempt: next, attempts: job.chunkRetry.maxAttempts, ms: Math.round(delayMs) })),
      });
      const sha256 = result.digests.sha256 ?? null;
      const uploaded = volume as VolumeRef;
      const path = await pathOf(client, uploaded.imageUuid, uploaded.imagePath, signal);
      const done = record('uploaded', { sha256, path });
      const counts = { file: file.name, name: client.endpointName, sent: result.chunksSent, skipped: result.chunksSkipped };
      log('info', sha256 ? text('smartx.log.uploaded', { ...counts, sha256 }) : text('smartx.log.uploadedNoHash', counts));
      return done;
    } catch (error) {
      if (signal.aborted || (error instanceof AppFailure && ['cancelled', 'auth'].includes(error.appError.code))) throw error;
      const failed = volume as VolumeRef;
      const reason = reasonOf(error, (said) => client.redact(said));
      log('warn', text('smartx.log.uploadFailed', { file: file.name, attempts: job.chunkRetry.maxAttempts, reason, volume: failed.zbsVolumeId }));
      await deleteImage(client, failed.imageUuid, signal).catch((cause: unknown) => log('warn', text('smartx.log.deleteFailed', { image: failed.imageUuid, reason: reasonOf(cause, (said) => client.redact(said)) })));
      volume = null;
      chunks = null;
      if (round >= 2) {
        record('creating');
        throw new AppFailure(
          appError('step_failed', text('smartx.iso.failedTwice', { name: client.endpointName, attempts: job.chunkRetry.maxAttempts, reason }), {
            hint: text('smartx.iso.failedTwiceHint'),
            retryable: false,
          }),
        );
      }
      round += 1;
      record('creating');
      log('info', text('smartx.log.newVolume', { file: file.name }));
    }
  }
}

/** One task id per file and round: the same upload reopens its volume, a new round gets a new one. */
function uploadTaskId(file: Pick<IsoFile, 'name' | 'size' | 'mtimeMs'>, round: number): number {
  let hash = 7;
  for (const char of `${file.name}|${file.size}|${Math.round(file.mtimeMs)}`) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000_007;
  return (hash % 1_000_000) * 10 + round;
}

function countDone(state: ChunkResumeState | null | undefined): number {
  return (state?.done ?? []).reduce((sum, [first, last]) => sum + last - first + 1, 0);
}

/** Undo: the image this step uploaded (never one it reused). */
export async function removeUploadedIso(client: FisheyeClient, artifacts: ArtifactStore, signal: AbortSignal, log: StepLog): Promise<void> {
  const saved = artifacts.get<IsoArtifact>(isoArtifactKey);
  if (!saved || saved.phase === 'reused' || !saved.imageUuid) return;
  await deleteImage(client, saved.imageUuid, signal);
  artifacts.set(isoArtifactKey, { ...saved, phase: 'creating', imageUuid: null, zbsVolumeId: null, path: null, chunks: null });
  log('info', text('smartx.log.imageDeleted', { image: saved.imageUuid, file: saved.name, name: client.endpointName }));
}
