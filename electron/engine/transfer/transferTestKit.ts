import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rp-transfer-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function randomFile(dir: string, name: string, size: number): { path: string; bytes: Buffer; sha256: string } {
  const bytes = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Descriptors of this process that point at `path` (Linux): proves a file was closed. */
export function openDescriptors(path: string): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) count++;
    } catch {
      // The descriptor closed while we looked.
    }
  }
  return count;
}

export interface ReceivedUpload {
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** An HTTP server on 127.0.0.1; `handle` decides per request, `collect` gathers the body. */
export async function startServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ port: number; stop(): Promise<void> }> {
  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function collect(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/** A strict multipart/form-data reader written from RFC 7578, independent of the code under test. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const match = /boundary=(.+)$/.exec(contentType);
  if (!match) throw new Error(`no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${match[1]}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  if (at !== 0) throw new Error('body does not start with the boundary');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 4).toString() === '--\r\n' && at + 4 === body.length) return parts;
    if (body.subarray(at, at + 2).toString() !== '\r\n') throw new Error(`bad delimiter line at ${at}`);
    const headerEnd = body.indexOf('\r\n\r\n', at);
    const headers = body.subarray(at + 2, headerEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('unterminated part');
    const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? '';
    const type = headers.find((line) => /^content-type:/i.test(line));
    parts.push({
      name: /name="([^"]*)"/.exec(disposition)?.[1] ?? '',
      filename: /filename="([^"]*)"/.exec(disposition)?.[1] ?? null,
      contentType: type ? type.split(':')[1]!.trim() : null,
      data: body.subarray(headerEnd + 4, next),
    });
    at = next + 2;
  }
}
