import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildZip, minimalXlsxEntries } from './zipBuilder';

/*
 * Files that must be refused with a precise reason. The CFB (OLE2) files are
 * the header plus the UTF-16LE stream names a real file carries in its
 * directory, which is what the reader inspects.
 */

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function cfbWithStreams(names: string[]): Buffer {
  const header = Buffer.alloc(512);
  CFB_MAGIC.copy(header, 0);
  const directory = Buffer.alloc(512);
  names.forEach((name, index) => Buffer.from(name, 'utf16le').copy(directory, index * 128));
  return Buffer.concat([header, directory]);
}

export const badFileBuilders = {
  'not-a-zip.xlsx': () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  'encrypted.xlsx': () => cfbWithStreams(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']),
  'legacy.xls': () => cfbWithStreams(['Root Entry', 'Workbook', '\u0005SummaryInformation']),
  'plan.csv': () => Buffer.from('name,endpoint\nweb-01,pve1\n', 'utf8'),
  'empty.xlsx': () => Buffer.alloc(0),
  'not-office.zip.xlsx': () => buildZip([{ name: 'readme.txt', data: Buffer.from('hello') }]),
  'spreadsheet.ods.xlsx': () =>
    buildZip([
      { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') },
      { name: 'content.xml', data: Buffer.from('<office:document-content/>') },
    ]),
  'claims-huge.xlsx': () =>
    buildZip([...minimalXlsxEntries(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), claimedSize: 3_000_000_000 }]),
  'ratio-bomb.xlsx': () =>
    buildZip([...minimalXlsxEntries(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(40 * 1024 * 1024, 0x20), deflate: true }]),
  'many-entries.xlsx': () =>
    buildZip([...minimalXlsxEntries(), ...Array.from({ length: 10_050 }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.from([i & 0xff]) }))]),
  'encrypted-entry.xlsx': () => buildZip([...minimalXlsxEntries(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<x/>'), encrypted: true }]),
  'garbage-inside.xlsx': () => buildZip([...minimalXlsxEntries(), { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('not xml at all <<<') }]),
} as const;

export type BadFileName = keyof typeof badFileBuilders;

export async function writeBadFile(dir: string, name: BadFileName): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, badFileBuilders[name]());
  return path;
}

/** The first `keep` bytes of a real workbook: the end of the ZIP is missing. */
export async function writeTruncated(source: Buffer, dir: string, keep = Math.floor(source.length / 2)): Promise<string> {
  const path = join(dir, 'truncated.xlsx');
  await writeFile(path, source.subarray(0, keep));
  return path;
}
