import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/*
 * The smallest tar that `tar`, 7-Zip and Windows' own extractor read: POSIX
 * ustar, one 512-byte header per regular file, contents padded to 512
 * bytes, two zero blocks at the end, the whole stream gzipped.
 */

const block = 512;
/** Eleven octal digits: the ustar size field's limit. */
export const maxEntryBytes = 8 ** 11 - 1;

export interface TarEntry {
  /** Relative, `/`-separated, at most 100 bytes. */
  name: string;
  size: number;
  /** Seconds since 1970. */
  mtime: number;
  /** The contents; exactly `size` bytes. */
  content: Buffer | (() => AsyncIterable<Buffer>);
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** A ustar header block for a regular file. */
export function tarHeader(name: string, size: number, mtime: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length === 0 || nameBytes.length > 100 || name.startsWith('/') || name.split('/').includes('..')) {
    throw new Error(`tar entry name "${name}" must be a relative path of 1 to 100 bytes`);
  }
  if (!Number.isInteger(size) || size < 0 || size > maxEntryBytes) throw new Error(`tar entry ${name} has a size the ustar format cannot hold: ${size}`);
  const header = Buffer.alloc(block, 0);
  nameBytes.copy(header, 0);
  header.write(octal(0o644, 8), 100, 'ascii'); // mode
  header.write(octal(0, 8), 108, 'ascii'); // uid
  header.write(octal(0, 8), 116, 'ascii'); // gid
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.max(0, Math.floor(mtime)), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii'); // checksum counts as spaces while summing
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  header.write('rackpilot', 265, 'ascii'); // uname
  header.write('rackpilot', 297, 'ascii'); // gname
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

async function* tarStream(entries: readonly TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield tarHeader(entry.name, entry.size, entry.mtime);
    let written = 0;
    const chunks = Buffer.isBuffer(entry.content) ? [entry.content] : entry.content();
    for await (const chunk of chunks) {
      written += chunk.length;
      if (written > entry.size) throw new Error(`tar entry ${entry.name} grew beyond its declared ${entry.size} bytes`);
      yield chunk;
    }
    if (written !== entry.size) throw new Error(`tar entry ${entry.name} has ${written} bytes, not the declared ${entry.size}`);
    const padding = (block - (entry.size % block)) % block;
    if (padding > 0) yield Buffer.alloc(padding, 0);
  }
  yield Buffer.alloc(block * 2, 0);
}

/** Writes the entries as a .tar.gz file, streaming: only one chunk of any entry is in memory at a time. */
export async function writeTarGz(path: string, entries: readonly TarEntry[]): Promise<void> {
  await pipeline(Readable.from(tarStream(entries)), createGzip(), createWriteStream(path, { flags: 'wx' }));
}

/** A file on disk as tar content, read in chunks. */
export function fileContent(path: string): () => AsyncIterable<Buffer> {
  return () => createReadStream(path) as AsyncIterable<Buffer>;
}
