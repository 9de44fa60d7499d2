import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { whereOf, type Image, type Plan } from '../../../../shared/plan/model';
import { normalizeSha256 } from '../formats';
import { cachedFileHash } from '../../transfer/hashCache';
import type { FileHashCache } from '../../transfer/types';
import type { ValidationContext } from './context';

/** Files named in the plan live next to the workbook unless the path is absolute. */
export function resolvePlanFile(plan: Plan, file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(plan.sourcePath), file);
}

/** SHA-256 of a file, streamed: memory stays flat whatever the ISO size. */
export async function sha256File(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), hash, { signal });
  return hash.digest('hex');
}

export interface ImageCheckOptions {
  /** Hash files whose checksum is given (default true); false checks presence only. */
  verifyChecksums?: boolean;
  signal?: AbortSignal;
  /** Where digests are kept by path, size and mtime, so the upload later sends this one without hashing again. */
  hashes?: FileHashCache;
}

async function checkImage(plan: Plan, image: Image, context: ValidationContext, options: ImageCheckOptions): Promise<void> {
  if (image.file === null) return;
  const path = resolvePlanFile(plan, image.file);
  const where = whereOf(image, 'file');
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      context.add('image.file_unreadable', where, { path: image.file, reason: 'not a regular file' });
      return;
    }
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') context.add('image.file_missing', where, { path: image.file, resolved: path });
    else context.add('image.file_unreadable', where, { path: image.file, reason: code ?? String(cause) });
    return;
  }
  const expected = image.sha256 === null ? null : normalizeSha256(image.sha256);
  if (expected === null || options.verifyChecksums === false) return;
  try {
    // Streamed on a worker thread (from 64 MiB), and remembered for the upload.
    const { digest: actual } = await cachedFileHash(path, options.hashes ?? null, options.signal ? { signal: options.signal } : {});
    if (actual !== expected) context.add('image.sha256_mismatch', whereOf(image, 'sha256'), { path: image.file, expected, actual });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    context.add('image.file_unreadable', where, { path: image.file, reason: (cause as Error).message });
  }
}

/** Image files present and matching their SHA-256; one file at a time so disks are read sequentially. */
export async function checkImageFiles(plan: Plan, context: ValidationContext, options: ImageCheckOptions = {}): Promise<void> {
  const seen = new Set<string>();
  for (const image of plan.images) {
    const key = image.file === null ? '' : `${resolvePlanFile(plan, image.file)}#${image.sha256 ?? ''}`;
    if (key !== '' && seen.has(key)) continue;
    seen.add(key);
    await checkImage(plan, image, context, options);
  }
}
