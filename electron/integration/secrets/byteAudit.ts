import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import yauzl from 'yauzl';

/*
 * Reading back everything Rackpilot wrote, the way someone hunting for a
 * password would: raw file bytes (SQLite pages and WAL frames included),
 * the contents of archives (compression hides plain text), and each SQLite
 * table through SQLite too (a long value spills onto overflow pages, which
 * splits it in the raw bytes). Deliberately independent of the redactor's
 * own list of forms, so a form it forgot is still found here.
 */

export interface Blob {
  name: string;
  bytes: Buffer;
}

/** The forms an attacker would try: clear, URL (both hex cases), form, JSON-escaped, base64 and base64url at each alignment. */
export function encodedForms(secret: string): Record<string, string> {
  const url = encodeURIComponent(secret);
  const form = new URLSearchParams({ v: secret }).toString().slice(2);
  const forms: Record<string, string> = {
    clear: secret,
    url,
    'url (lower-case hex)': url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    form,
    json: JSON.stringify(secret).slice(1, -1),
  };
  const bytes = Buffer.from(secret, 'utf8');
  for (let skip = 0; skip < 3; skip++) {
    // Within longer base64, one of these three starts on a 3-byte group; only its whole groups are certain.
    const rest = bytes.subarray(skip);
    const whole = Math.floor(rest.length / 3) * 4;
    forms[`base64 +${skip}`] = rest.toString('base64').slice(0, whole);
    forms[`base64url +${skip}`] = rest.toString('base64url').slice(0, whole);
  }
  return forms;
}

/** Every occurrence of every form of every secret: `where: form`. */
export function findSecrets(secrets: readonly string[], blobs: readonly Blob[]): string[] {
  const found: string[] = [];
  for (const blob of blobs) {
    const text = blob.bytes.toString('latin1');
    for (const secret of secrets) {
      for (const [form, value] of Object.entries(encodedForms(secret))) {
        if (text.includes(Buffer.from(value, 'utf8').toString('latin1'))) found.push(`${blob.name}: ${secret.slice(0, 3)}… as ${form}`);
      }
    }
  }
  return found;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

export function zipEntries(bytes: Buffer): Promise<Blob[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const blobs: Blob[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            blobs.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(blobs));
      zip.readEntry();
    });
  });
}

async function tarGzEntries(bytes: Buffer): Promise<Blob[]> {
  const blobs: Blob[] = [];
  const tar = extract();
  tar.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      blobs.push({ name: header.name, bytes: Buffer.concat(chunks) });
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    tar.on('finish', resolve);
    tar.on('error', reject);
  });
  Readable.from([gunzipSync(bytes)]).pipe(tar);
  await done;
  return blobs;
}

/** Every table's rows as JSON, read by SQLite (read-only: the file is not checkpointed or changed). */
function sqliteRows(file: string): Buffer {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[];
    return Buffer.from(JSON.stringify(tables.map((table) => db.prepare(`SELECT * FROM "${table}"`).all())));
  } finally {
    db.close();
  }
}

/** Each file's raw bytes, plus what archives and databases hold inside. */
export async function readEveryByte(dir: string): Promise<Blob[]> {
  const blobs: Blob[] = [];
  const files = await filesUnder(dir);
  for (const file of files) {
    const name = relative(dir, file);
    const bytes = await readFile(file);
    blobs.push({ name, bytes });
    if (bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      for (const entry of await zipEntries(bytes)) blobs.push({ name: `${name}!${entry.name}`, bytes: entry.bytes });
    }
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      for (const entry of await tarGzEntries(bytes)) blobs.push({ name: `${name}!${entry.name}`, bytes: entry.bytes });
    }
  }
  // After the raw reads: opening a database must not be what changes the bytes audited above.
  for (const file of files.filter((path) => path.endsWith('.db'))) blobs.push({ name: `${relative(dir, file)} (rows)`, bytes: sqliteRows(file) });
  return blobs;
}

const occurrences = (text: string, value: string): number => text.split(Buffer.from(value, 'utf8').toString('latin1')).length - 1;

async function zipText(file: string): Promise<string> {
  return (await zipEntries(await readFile(file))).map((entry) => entry.bytes.toString('latin1')).join('\n');
}

/** The text of every cell of the sheets the results copy has and the user's workbook has not (Results, Findings). */
async function addedSheetsText(original: string, results: string): Promise<string> {
  const load = async (file: string) => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    return workbook;
  };
  const before = new Set((await load(original)).worksheets.map((sheet) => sheet.name));
  const cells: string[] = [];
  for (const sheet of (await load(results)).worksheets.filter((candidate) => !before.has(candidate.name))) {
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(JSON.stringify(cell.value))));
  }
  return cells.join('\n');
}

/**
 * What the results copy holds beyond the user's workbook: no form of a secret
 * more often than in the user's own cells (exceljs moves those into shared
 * strings, so parts are compared as a whole), and none in the sheets it adds.
 */
export async function secretsAddedBy(original: string, results: string, secrets: readonly string[]): Promise<string[]> {
  const [before, after, added] = await Promise.all([zipText(original), zipText(results), addedSheetsText(original, results)]);
  const found: string[] = [];
  for (const secret of secrets) {
    for (const [form, value] of Object.entries(encodedForms(secret))) {
      if (occurrences(after, value) > occurrences(before, value)) found.push(`results copy: ${secret.slice(0, 3)}… as ${form}, more often than in the workbook`);
      if (occurrences(added, value) > 0) found.push(`results copy, added sheets: ${secret.slice(0, 3)}… as ${form}`);
    }
  }
  return found;
}
