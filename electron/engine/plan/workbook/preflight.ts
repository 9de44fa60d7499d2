import { open, stat, type FileHandle } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { formatBytes, type WorkbookLimits } from './limits';
import { unreadable } from './unreadable';
import { listZipEntries, type ZipEntry } from './zipEntries';

/*
 * Everything Rackpilot checks before a parser sees the file: existence,
 * size, what the bytes say it is (ZIP, OLE2/CFB, text), and what its ZIP
 * directory claims about sizes. A refused file never reaches exceljs.
 */

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const TEXT_EXTENSIONS = new Set(['.csv', '.tsv', '.txt']);

export interface PreflightResult {
  size: number;
  entries: ZipEntry[];
}

function utf16(name: string): Buffer {
  return Buffer.from(name, 'utf16le');
}

/**
 * OLE2 names its streams in UTF-16LE in the directory sectors: an encrypted
 * OOXML package carries `EncryptedPackage`, a legacy workbook `Workbook` or `Book`.
 */
async function classifyCfb(handle: FileHandle, size: number): Promise<'encrypted' | 'xls' | 'ole_other'> {
  const buffer = Buffer.alloc(Math.min(size, 8 * 1024 * 1024));
  await handle.read(buffer, 0, buffer.length, 0);
  if (buffer.includes(utf16('EncryptedPackage')) || buffer.includes(utf16('EncryptionInfo'))) return 'encrypted';
  if (buffer.includes(utf16('Workbook')) || buffer.includes(utf16('Book'))) return 'xls';
  return 'ole_other';
}

/** Text files have no NUL bytes early on; binary formats do. */
function looksLikeText(head: Buffer): boolean {
  return head.length > 0 && !head.includes(0);
}

async function statOrRefuse(path: string) {
  try {
    return await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return unreadable('missing', { path });
    return unreadable('no_access', { path, reason: code ?? String(cause) });
  }
}

function checkEntries(entries: ZipEntry[], name: string, limits: WorkbookLimits): void {
  const names = new Set(entries.map((entry) => entry.name.replace(/^\//, '')));
  if (names.has('mimetype') && names.has('content.xml')) unreadable('ods', { name });
  if (names.has('xl/workbook.bin')) unreadable('xlsb', { name });
  if (!names.has('xl/workbook.xml')) unreadable('not_xlsx', { name });
  if (entries.some((entry) => entry.encrypted)) unreadable('zip_encrypted', { name });
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize >= limits.ratioCheckMinBytes && ratio > limits.maxCompressionRatio) {
      unreadable('bomb_ratio', { name, entry: entry.name, ratio: Math.round(ratio) });
    }
  }
  if (total > limits.maxUncompressedBytes) {
    unreadable('bomb_total', { name, size: formatBytes(total), limit: formatBytes(limits.maxUncompressedBytes) });
  }
}

export async function preflight(path: string, limits: WorkbookLimits): Promise<PreflightResult> {
  const info = await statOrRefuse(path);
  const name = basename(path);
  if (!info.isFile()) unreadable('not_a_file', { path });
  if (info.size === 0) unreadable('empty', { name });
  if (info.size > limits.maxFileBytes) {
    unreadable('too_large', { name, size: formatBytes(info.size), limit: formatBytes(limits.maxFileBytes) });
  }

  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (cause) {
    return unreadable('no_access', { path, reason: (cause as NodeJS.ErrnoException).code ?? String(cause) });
  }
  try {
    const head = Buffer.alloc(Math.min(info.size, 4096));
    await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, 8).equals(CFB_MAGIC)) return unreadable(await classifyCfb(handle, info.size), { name });
    const isZip = head.subarray(0, 4).equals(ZIP_MAGIC) || head.subarray(0, 4).equals(EMPTY_ZIP_MAGIC);
    if (!isZip) {
      const extension = extname(path).toLowerCase();
      if (TEXT_EXTENSIONS.has(extension) || looksLikeText(head)) return unreadable('csv', { name });
      if (extension === '.xls') return unreadable('xls', { name });
      return unreadable('not_zip', { name });
    }
    const listing = await listZipEntries(path, limits.maxEntries);
    if (!listing.ok) {
      if (listing.reason === 'truncated') return unreadable('truncated', { name });
      if (listing.reason === 'too_many_entries') return unreadable('too_many_entries', { name, count: listing.count, limit: limits.maxEntries });
      return unreadable('zip_corrupt', { name, reason: listing.detail });
    }
    checkEntries(listing.entries, name, limits);
    return { size: info.size, entries: listing.entries };
  } finally {
    await handle.close();
  }
}
