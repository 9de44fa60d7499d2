import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { once } from 'node:events';
import type { LabContext } from '../context';
import { boundaryOf, MultipartError, MultipartParser } from '../multipart';
import { PveError, paramError } from '../reply';
import { readBody } from '../requestBody';
import { stream, taskUser, type HandlerDef } from './common';
import { finishUpload, type ReceivedFile } from './uploadTask';

/** Thrown when the lab itself dropped the connection (fault `uploadReset`): nothing is answered. */
export class ConnectionDropped extends Error {
  override name = 'ConnectionDropped';
}

const supportedHashes = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);
const maxFieldBytes = 64 * 1024;


/**
 * POST /nodes/{node}/storage/{storage}/upload. The multipart body is parsed
 * as it arrives: form fields first (content, checksum, checksum-algorithm),
 * then the part named `filename`, which is hashed and written (or counted)
 * chunk by chunk with back-pressure, never held in memory. The parameters
 * are then validated and an `imgcopy` task verifies the checksum and stores
 * the file, as pveproxy and the upload API do together.
 */
export const uploadFile: HandlerDef = stream(async ({ lab, params, principal, req, schema }) => {
  const boundary = boundaryOf(req.headers['content-type']);
  if (!boundary) {
    await readBody(req);
    throw paramError({ filename: 'upload requires a multipart/form-data body with a file part named filename' });
  }
  const fields: Record<string, string> = {};
  const file = await receive(lab, req, boundary, fields);
  try {
    if (!file) throw paramError({ filename: 'property is missing and it is not optional' });
    if (fields['checksum-algorithm'] !== undefined && file.digest === null && supportedHashes.has(fields['checksum-algorithm'])) {
      throw paramError({ 'checksum-algorithm': 'the lab needs checksum and checksum-algorithm before the file part' });
    }
    // Path and query parameters win over form fields of the same name, as in pveproxy.
    return await finishUpload(lab, schema, { params: { ...fields, ...params, filename: file.filename }, file, user: taskUser(principal) });
  } catch (error) {
    if (file?.tmpPath) await rm(file.tmpPath, { force: true });
    throw error;
  }
});

async function receive(lab: LabContext, req: IncomingMessage, boundary: string, fields: Record<string, string>): Promise<ReceivedFile | null> {
  const parser = new MultipartParser(boundary);
  const resetAfter = lab.faults.takeUploadReset();
  const uploads = lab.settings.uploads;
  let file: (ReceivedFile & { hash: Hash | null; out: WriteStream | null }) | null = null;
  let field: { name: string; chunks: Buffer[]; size: number } | null = null;
  let inFile = false;
  let received = 0;
  let writeError: Error | null = null;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (resetAfter !== null && received >= resetAfter) {
        req.socket.destroy();
        throw new ConnectionDropped('upload connection reset by fault injection');
      }
      for (const event of parser.push(chunk)) {
        if (event.kind === 'partStart') {
          inFile = event.name === 'filename' && event.filename !== null;
          if (inFile) {
            if (file) throw new PveError(400, 'multipart body carries more than one file');
            const algorithm = fields['checksum-algorithm'];
            const tmpName = `pveupload-${randomBytes(8).toString('hex')}`;
            const tmpPath = uploads.mode === 'disk' && uploads.dir ? join(uploads.dir, tmpName) : null;
            file = {
              filename: event.filename as string, size: 0, digest: null, tmpPath, tmpName,
              hash: algorithm && supportedHashes.has(algorithm) ? createHash(algorithm) : null,
              // A few MiB of write buffer lets disk writes overlap with receiving the next chunks.
              out: tmpPath ? createWriteStream(tmpPath, { highWaterMark: 4 * 1024 * 1024 }) : null,
            };
            file.out?.on('error', (error) => {
              writeError ??= error;
            });
          } else {
            field = { name: event.name, chunks: [], size: 0 };
          }
        } else if (event.kind === 'data') {
          if (inFile && file) {
            file.size += event.chunk.length;
            file.hash?.update(event.chunk);
            if (writeError) throw writeError;
            if (file.out && !file.out.write(event.chunk)) await once(file.out, 'drain');
          } else if (field) {
            field.size += event.chunk.length;
            if (field.size > maxFieldBytes) throw new PveError(400, `multipart field '${field.name}' is too large`);
            field.chunks.push(Buffer.from(event.chunk));
          }
        } else if (event.kind === 'partEnd') {
          if (field) fields[field.name] = Buffer.concat(field.chunks).toString('utf8');
          field = null;
          inFile = false;
        }
      }
    }
    parser.end();
    if (file) {
      if (file.out) {
        file.out.end();
        await once(file.out, 'finish');
      }
      file.digest = file.hash ? file.hash.digest('hex') : null;
    }
    return file ? { filename: file.filename, size: file.size, digest: file.digest, tmpPath: file.tmpPath, tmpName: file.tmpName } : null;
  } catch (error) {
    const open = file as { out: WriteStream | null; tmpPath: string | null } | null;
    open?.out?.destroy();
    if (open?.tmpPath) await rm(open.tmpPath, { force: true });
    if (error instanceof MultipartError) throw new PveError(400, error.message);
    throw error;
  }
}
