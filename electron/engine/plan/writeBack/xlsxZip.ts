import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { fail } from '../../../../shared/errors';

/*
 * The ZIP container of an .xlsx as a list of named parts, and back.
 *
 * exceljs writes and reads whole workbooks but gets a few part-level details
 * wrong (internal hyperlinks, openpyxl's comment part names, a timestamp on
 * every entry); the fixes in xlsxParts.ts work on the parts this module
 * unpacks. Only what office files use is supported: stored or deflated
 * entries, no encryption, no zip64 (the reader refuses anything larger than
 * the workbook size limit long before 4 GiB).
 */

export interface XlsxPart {
  name: string;
  data: Buffer;
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;
const EOCD_MIN = 22;
const UTF8_FLAG = 0x0800;
/** DOS date 1980-01-01 00:00: every entry gets it, so the same workbook gives the same bytes. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

function damaged(name: string, why: string): never {
  fail('workbook_unreadable', `The workbook ${name} could not be unpacked: ${why}.`, {
    hint: 'Open it in Excel or LibreOffice and save it again as .xlsx, then retry.',
  });
}

function findEndRecord(zip: Buffer): number {
  const stop = Math.max(0, zip.length - EOCD_MIN - 0xffff);
  for (let at = zip.length - EOCD_MIN; at >= stop; at--) if (zip.readUInt32LE(at) === EOCD_SIG) return at;
  return -1;
}

/** Unpacks every part; `label` names the file in errors. Sizes are capped at what the directory declares. */
export function readXlsxParts(zip: Buffer, label: string): XlsxPart[] {
  const end = findEndRecord(zip);
  if (end < 0) damaged(label, 'no ZIP end record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts: XlsxPart[] = [];
  for (let index = 0; index < count; index++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_SIG) damaged(label, 'corrupt central directory');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const expectedCrc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (flags & 1) damaged(label, `${name} is encrypted`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localAt === 0xffffffff) damaged(label, 'zip64 is not supported');
    if (localAt + 30 > zip.length || zip.readUInt32LE(localAt) !== LOCAL_SIG) damaged(label, `bad local header for ${name}`);
    const dataAt = localAt + 30 + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    if (dataAt + compressedSize > zip.length) damaged(label, `${name} is truncated`);
    const raw = zip.subarray(dataAt, dataAt + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        data = size === 0 ? Buffer.alloc(0) : inflateRawSync(raw, { maxOutputLength: size });
      } catch {
        damaged(label, `${name} does not inflate to its declared size`);
      }
    } else damaged(label, `${name} uses compression method ${method}`);
    if (data.length !== size || crc32(data) !== expectedCrc) damaged(label, `${name} fails its checksum`);
    parts.push({ name, data });
  }
  return parts;
}

/** Packs parts in the given order, deflated, with a fixed timestamp. */
export function writeXlsxParts(parts: readonly XlsxPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const flags = /^[\x20-\x7e]*$/.test(part.name) ? 0 : UTF8_FLAG;
    const body = part.data.length === 0 ? part.data : deflateRawSync(part.data);
    const method = part.data.length === 0 ? 0 : 8;
    const crc = crc32(part.data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_SIG, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(part.data.length, 22);
    header.writeUInt16LE(name.length, 26);
    chunks.push(header, name, body);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(CENTRAL_SIG, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(part.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(EOCD_MIN);
  end.writeUInt32LE(EOCD_SIG, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
