import { Readable } from 'node:stream';
import { AppFailure, appError } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';
import { multipartStream, type ChunkSession, type ChunkTarget } from '../../transfer';
import type { FisheyeClient } from './fisheyeClient';

/** `POST /api/v2/images/upload/volume`: SMTX OS's upload volume, the chunk size it wants and the chunks it still needs. */
export interface UploadVolume {
  chunk_size: number;
  image_uuid: string;
  zbs_volume_id: string;
  to_upload: number[];
  image_path?: string | null;
}

export interface VolumeRef {
  imageUuid: string;
  zbsVolumeId: string;
  chunkSize: number;
  imagePath: string | null;
}

const sessionOf = (volume: VolumeRef, wanted: number[]): ChunkSession => ({ sessionId: `${volume.imageUuid}|${volume.zbsVolumeId}`, chunkSize: volume.chunkSize, wantedChunks: wanted });

export function volumeOfSession(sessionId: string): { imageUuid: string; zbsVolumeId: string } {
  const [imageUuid = '', zbsVolumeId = ''] = sessionId.split('|');
  return { imageUuid, zbsVolumeId };
}

/** Creates an upload volume (query parameters, empty body, as SMTX OS's own UI sends it). */
/** The same `task_id` again answers the same volume with what it still misses: that is how an upload resumes after a crash. */
export async function createUploadVolume(client: FisheyeClient, file: { name: string; size: number }, taskId: number, signal: AbortSignal): Promise<{ ref: VolumeRef; toUpload: number[] }> {
  const volume = await client.call<UploadVolume>('POST', '/api/v2/images/upload/volume', signal, {
    query: { name: file.name, size: file.size, device: 'nfs', task_id: taskId, description: 'CloudTower installation ISO (Rackpilot)' },
  });
  if (!volume || typeof volume.image_uuid !== 'string' || typeof volume.zbs_volume_id !== 'string' || !Number.isSafeInteger(volume.chunk_size)) {
    throw new AppFailure(appError('network', text('smartx.fisheye.noVolumeFields', { name: client.endpointName }), { retryable: false }));
  }
  return {
    ref: { imageUuid: volume.image_uuid, zbsVolumeId: volume.zbs_volume_id, chunkSize: volume.chunk_size, imagePath: volume.image_path ?? null },
    toUpload: Array.isArray(volume.to_upload) ? volume.to_upload : [],
  };
}

export async function deleteImage(client: FisheyeClient, imageUuid: string, signal: AbortSignal): Promise<void> {
  await client.call('DELETE', `/api/v2/images/${encodeURIComponent(imageUuid)}`, signal);
}

/**
 * The transfer layer's chunk target over one upload volume. A retry or a
 * resume opens the volume again with the same `task_id`, so the chunks sent
 * are the ones the server still lists in `to_upload`; `onVolume` hears
 * about a volume that changed (the old one was gone).
 */
export function volumeTarget(client: FisheyeClient, first: { ref: VolumeRef; toUpload: number[] }, reopen: () => Promise<{ ref: VolumeRef; toUpload: number[] }>, onVolume: (ref: VolumeRef) => void): ChunkTarget<void> {
  let opened: { ref: VolumeRef; toUpload: number[] } | null = first;
  return {
    begin: async () => {
      const current = opened ?? (await reopen());
      opened = null;
      onVolume(current.ref);
      return sessionOf(current.ref, current.toUpload);
    },
    sendChunk: async (session, index, data, signal) => {
      const { imageUuid, zbsVolumeId } = volumeOfSession(session.sessionId);
      const answer = await client.call<{ chunk_num?: number; to_upload?: number[] }>('POST', '/api/v2/images/upload', signal, {
        query: { zbs_volume_id: zbsVolumeId, chunk_num: index, image_uuid: imageUuid },
        data: () => {
          const form = multipartStream({ fields: [], file: { field: 'file', filename: `chunk-${index}`, size: data.length }, body: Readable.from([data]) });
          return { body: form.stream, headers: { 'Content-Type': form.contentType, 'Content-Length': String(form.contentLength) } };
        },
        timeoutMs: 120_000,
      });
      return Array.isArray(answer?.to_upload) ? { wantedChunks: answer.to_upload } : undefined;
    },
  };
}
