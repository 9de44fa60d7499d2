import { hashFile } from './hashFile';
import { statFile } from './fileSource';
import type { FileHashCache, OnProgress } from './types';

/**
 * A file's digest, from the cache when the file has the same size and mtime
 * as when it was hashed, else hashed now (streamed, on a worker thread from
 * 64 MiB) and remembered. Hashing is checked against a second stat, so a
 * file that changed while being read is not remembered with a wrong digest.
 */
export async function cachedFileHash(
  path: string,
  cache: FileHashCache | null,
  options: { algorithm?: string; signal?: AbortSignal; onProgress?: OnProgress } = {},
): Promise<{ digest: string; cached: boolean }> {
  const algorithm = (options.algorithm ?? 'sha256').toLowerCase();
  const before = await statFile(path);
  const key = { path, algorithm, size: before.size, mtimeMs: before.mtimeMs };
  const known = cache?.lookup(key) ?? null;
  if (known) return { digest: known, cached: true };
  const digest = await hashFile(path, algorithm, options.signal, options.onProgress);
  const after = await statFile(path);
  if (cache && after.size === before.size && after.mtimeMs === before.mtimeMs) cache.remember(key, digest);
  return { digest, cached: false };
}
