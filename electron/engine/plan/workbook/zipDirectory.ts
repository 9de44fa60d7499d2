import type { FileHandle } from 'node:fs/promises';

/*
 * Reads a ZIP's central directory without inflating anything, so the size
 * a file claims can be judged before any decompressor touches it.
 * Layout (APPNOTE 6.3): ... entries ... | central directory | [zip64 EOCD,
 * zip64 locator] | EOCD (22 bytes + comment up to 65,535).
 */

export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  encrypted: boolean;
}

export type ZipDirectory =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; reason: 'no_end_record' | 'directory_out_of_bounds' | 'directory_corrupt' | 'directory_too_large' };

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** A directory larger than this is not an office document's; refusing it bounds the memory used here. */
const MAX_DIRECTORY_BYTES = 64 * 1024 * 1024;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function findEndRecord(tail: Buffer): number {
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) return i;
  }
  return -1;
}

/** Sizes that overflow 32 bits live in the zip64 extra field (id 1), in a fixed order. */
function applyZip64Extra(extra: Buffer, sizes: { uncompressed: number; compressed: number }): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      if (sizes.uncompressed === 0xffffffff && field + 8 <= at + 4 + size) {
        sizes.uncompressed = Number(extra.readBigUInt64LE(field));
        field += 8;
      }
      if (sizes.compressed === 0xffffffff && field + 8 <= at + 4 + size) {
        sizes.compressed = Number(extra.readBigUInt64LE(field));
      }
      return;
    }
    at += 4 + size;
  }
}

export async function readZipDirectory(handle: FileHandle, fileSize: number): Promise<ZipDirectory> {
  const tailLength = Math.min(fileSize, EOCD_MIN + MAX_COMMENT);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(handle, tailStart, tailLength);
  const eocdAt = findEndRecord(tail);
  if (eocdAt < 0) return { ok: false, reason: 'no_end_record' };

  let entryCount = tail.readUInt16LE(eocdAt + 10);
  let directorySize = tail.readUInt32LE(eocdAt + 12);
  let directoryOffset = tail.readUInt32LE(eocdAt + 16);
  const eocdPosition = tailStart + eocdAt;

  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = await readAt(handle, eocdPosition - 20, 20);
    if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR_SIG) return { ok: false, reason: 'directory_corrupt' };
    const zip64At = Number(locator.readBigUInt64LE(8));
    const zip64 = await readAt(handle, zip64At, 56);
    if (zip64.length < 56 || zip64.readUInt32LE(0) !== ZIP64_EOCD_SIG) return { ok: false, reason: 'directory_corrupt' };
    entryCount = Number(zip64.readBigUInt64LE(32));
    directorySize = Number(zip64.readBigUInt64LE(40));
    directoryOffset = Number(zip64.readBigUInt64LE(48));
  }

  if (directoryOffset + directorySize > eocdPosition) return { ok: false, reason: 'directory_out_of_bounds' };
  if (directorySize > MAX_DIRECTORY_BYTES) return { ok: false, reason: 'directory_too_large' };

  const directory = await readAt(handle, directoryOffset, directorySize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < entryCount; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIG) return { ok: false, reason: 'directory_corrupt' };
    const flags = directory.readUInt16LE(at + 8);
    const sizes = { compressed: directory.readUInt32LE(at + 20), uncompressed: directory.readUInt32LE(at + 24) };
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > directory.length) return { ok: false, reason: 'directory_corrupt' };
    const name = directory.toString('utf8', at + 46, nameEnd);
    applyZip64Extra(directory.subarray(nameEnd, nameEnd + extraLength), sizes);
    entries.push({ name, compressedSize: sizes.compressed, uncompressedSize: sizes.uncompressed, encrypted: (flags & 1) === 1 });
    at = nameEnd + extraLength + commentLength;
  }
  return { ok: true, entries };
}
