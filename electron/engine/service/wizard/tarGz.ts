import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';

/*
 * A .tar.gz of regular files, streamed: tar-stream writes the headers
 * (ustar, with a PAX header for names that do not fit and base-256 sizes
 * past 8 GiB, which GNU tar, bsdtar and 7-Zip read), node:zlib gzips, and
 * only one chunk of any entry is in memory at a time.
 */

export interface TarEntry {
  /** Relative and `/`-separated. */
  name: string;
  size: number;
  /** Seconds since 1970. */
  mtime: number;
  /** The contents; exactly `size` bytes. */
  content: Buffer | (() => AsyncIterable<Buffer>);
}

/** Refuses names that would land outside the folder the archive is extracted into. */
export function checkEntryName(name: string): void {
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
    throw new Error(`tar entry name "${name}" must be a relative path inside the archive`);
  }
}

/** The entry's chunks, refused when they do not add up to its declared size. */
async function* sized(entry: TarEntry): AsyncGenerator<Buffer> {
  let written = 0;
  for await (const chunk of Buffer.isBuffer(entry.content) ? [entry.content] : entry.content()) {
    written += chunk.length;
    if (written > entry.size) throw new Error(`tar entry ${entry.name} grew beyond its declared ${entry.size} bytes`);
    yield chunk;
  }
  if (written !== entry.size) throw new Error(`tar entry ${entry.name} has ${written} bytes, not the declared ${entry.size}`);
}

/** Writes the entries as a new .tar.gz file at `path` (never over an existing one). */
export async function writeTarGz(path: string, entries: readonly TarEntry[]): Promise<void> {
  for (const entry of entries) {
    checkEntryName(entry.name);
    if (!Number.isSafeInteger(entry.size) || entry.size < 0) throw new Error(`tar entry ${entry.name} has an invalid size: ${entry.size}`);
  }
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), createWriteStream(path, { flags: 'wx' }));
  try {
    for (const entry of entries) {
      const header = { name: entry.name, size: entry.size, mtime: new Date(Math.max(0, Math.floor(entry.mtime)) * 1000), mode: 0o644, uid: 0, gid: 0, uname: 'rackpilot', gname: 'rackpilot', type: 'file' as const };
      await pipeline(Readable.from(sized(entry)), pack.entry(header));
    }
    pack.finalize();
  } catch (cause) {
    pack.destroy(cause as Error);
  }
  await written;
}

/** A file on disk as tar content, read in chunks. */
export function fileContent(path: string): () => AsyncIterable<Buffer> {
  return () => createReadStream(path) as AsyncIterable<Buffer>;
}
