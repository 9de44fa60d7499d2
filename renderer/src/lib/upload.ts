import type { Reply } from '../../../shared/reply';

/*
 * A workbook sent from the browser to the engine (the web host cannot read
 * the user's paths). Chunks of at most 384 KiB of file bytes keep each
 * base64 message well under the socket's message limit; the engine answers
 * each with the bytes it holds so far, and the last one with where it saved
 * the file.
 */

export const uploadChunkBytes = 384 * 1024;
/** The contract's limit on an upload's offset. */
export const maxUploadBytes = 100 * 1024 * 1024;

export interface UploadChunk {
  offset: number;
  chunkBase64: string;
  final: boolean;
}

export type SendChunk = (chunk: UploadChunk) => Promise<Reply<{ received: number; path: string | null }>>;

export type UploadOutcome =
  | { ok: true; path: string }
  | { ok: false; reason: 'tooLarge' | 'mismatch' | 'noPath' }
  | { ok: false; reason: 'failed'; reply: Extract<Reply<unknown>, { ok: false }> };

/** Byte ranges of the chunks of a file of `size` bytes; an empty file is one empty chunk. */
export function chunkRanges(size: number, chunkBytes = uploadChunkBytes): { start: number; end: number }[] {
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunkBytes must be a positive integer, got ${chunkBytes}`);
  if (size <= 0) return [{ start: 0, end: 0 }];
  const ranges: { start: number; end: number }[] = [];
  for (let start = 0; start < size; start += chunkBytes) ranges.push({ start, end: Math.min(size, start + chunkBytes) });
  return ranges;
}

/** Base64 of raw bytes, built in slices so a large chunk does not overflow the argument limit of fromCharCode. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const slice = 0x8000;
  for (let at = 0; at < bytes.length; at += slice) binary += String.fromCharCode(...bytes.subarray(at, at + slice));
  return btoa(binary);
}

/** An id the contract accepts (`[a-z0-9-]{8,64}`). */
export function newUploadId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Sends `file` chunk by chunk, in order; stops at the first refusal. */
export async function uploadInChunks(
  file: Blob,
  send: SendChunk,
  options: { chunkBytes?: number; onProgress?: (sentBytes: number, totalBytes: number) => void } = {},
): Promise<UploadOutcome> {
  if (file.size > maxUploadBytes) return { ok: false, reason: 'tooLarge' };
  const ranges = chunkRanges(file.size, options.chunkBytes);
  for (const [index, { start, end }] of ranges.entries()) {
    const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
    const final = index === ranges.length - 1;
    const reply = await send({ offset: start, chunkBase64: toBase64(bytes), final });
    if (!reply.ok) return { ok: false, reason: 'failed', reply };
    // The engine counts what it holds; anything else means a chunk went missing or twice.
    if (reply.value.received !== end) return { ok: false, reason: 'mismatch' };
    options.onProgress?.(end, file.size);
    if (final) return reply.value.path ? { ok: true, path: reply.value.path } : { ok: false, reason: 'noPath' };
  }
  return { ok: false, reason: 'noPath' };
}
