import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { AppFailure, fail } from '../../../../shared/errors';
import { text, type TextParam } from '../../../../shared/i18n/engineText';

/*
 * The ZIP container of an .xlsx as a list of named parts, and back: yauzl
 * reads, yazl writes. The fixes in xlsxParts.ts work on these parts around
 * exceljs, which loads and writes whole buffers; the workbook size limit
 * keeps them small. yazl cannot take an entry's compressed bytes as they
 * are, so every entry is inflated and deflated again: parts no fix touches
 * keep their content byte for byte, not their compressed form.
 */

export interface XlsxPart {
  /** A folder entry's name ends in `/` and its data is empty. */
  name: string;
  data: Buffer;
}

/**
 * Every entry gets 1980-01-01 00:00 (the first DOS date) as a DOS timestamp
 * only, so the same parts give the same bytes in any time zone.
 */
const FIXED_TIME = { mtime: new Date(1980, 0, 1), forceDosTimestamp: true } as const;

/** `why` is our own text, or what yauzl said (kept as it said it). */
function damaged(label: string, why: TextParam): never {
  fail('workbook_unreadable', text('host.zip.damaged', { label, why }), { hint: text('host.zip.resaveHint') });
}

async function contentOf(zip: yauzl.ZipFile, entry: yauzl.Entry, label: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // yauzl checks the inflated size against the directory; the CRC is ours to check.
  for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  const data = Buffer.concat(chunks);
  if (crc32(data) !== entry.crc32) damaged(label, text('host.zip.badChecksum', { entry: entry.fileName }));
  return data;
}

/** Unpacks every part in directory order; `label` names the file in errors. */
export async function readXlsxParts(zip: Buffer, label: string): Promise<XlsxPart[]> {
  const parts: XlsxPart[] = [];
  try {
    const archive = await yauzl.fromBufferPromise(zip);
    for await (const entry of archive.eachEntry()) {
      if (entry.isEncrypted()) damaged(label, text('host.zip.entryEncrypted', { entry: entry.fileName }));
      parts.push({ name: entry.fileName, data: entry.fileName.endsWith('/') ? Buffer.alloc(0) : await contentOf(archive, entry, label) });
    }
  } catch (cause) {
    if (cause instanceof AppFailure) throw cause;
    damaged(label, cause instanceof Error ? cause.message : String(cause));
  }
  return parts;
}

/** Packs parts in the given order, deflated, with a fixed timestamp: the same parts give the same bytes. */
export async function writeXlsxParts(parts: readonly XlsxPart[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const part of parts) {
    if (part.name.endsWith('/')) zip.addEmptyDirectory(part.name, FIXED_TIME);
    else zip.addBuffer(part.data, part.name, FIXED_TIME);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
