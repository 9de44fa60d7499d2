import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { once } from 'node:events';
import type { LabContext } from '../context';
import { parseContentType, PveUploadParser, UploadBufferOverflow, UploadParseError } from '../multipart';
import { HttpServerError } from '../reply';
import { stream, taskUser, type HandlerDef } from './common';
import { finishUpload, type ReceivedFile } from './uploadTask';

/** Thrown when the connection is dropped without an answer (fault `uploadReset`, or where pveproxy only logs a warning). */
export class ConnectionDropped extends Error {
  override name = 'ConnectionDropped';
}

const supportedHashes = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

/**
 * POST /nodes/{node}/storage/{storage}/upload, as pveproxy receives it
 * (`authenticate_and_handle_request` + `file_upload_multipart`): the body is
 * parsed as it arrives and the file part is written (or counted) chunk by
 * chunk with back-pressure, never held in memory. Only then are the
 * parameters validated and the `imgcopy` task started, which verifies the
 * checksum. The lab hashes during the receive because it may not keep the
 * bytes (count mode); the algorithm is known by then, as the parser only
 * accepts `checksum-algorithm` before the file.
 */
export const uploadFile: HandlerDef = stream(async ({ lab, params, query, principal, req, schema }) => {
  const contentType = req.headers['content-type'] ?? '';
  const { type, boundary } = parseContentType(contentType);
  const length = Number(req.headers['content-length'] ?? 0);
  // pveproxy dies here outside any eval that answers: it only logs, and the client waits for its timeout.
  if (!boundary || type !== 'multipart/form-data' || !(length > 0) || 'tmpfilename' in query) {
    req.socket.destroy();
    throw new ConnectionDropped(`upload 'Content-Type '${contentType}' not implemented`);
  }
  const received = await receive(lab, req, new PveUploadParser(boundary, length, query));
  try {
    // Fields (over the query string, as they overwrite it in the parser's state), then the path's own parameters.
    return await finishUpload(lab, schema, { params: { ...received.params, ...params }, file: received.file, user: taskUser(principal) });
  } catch (error) {
    if (received.file.tmpPath) await rm(received.file.tmpPath, { force: true });
    throw error;
  }
});

interface Received {
  params: Record<string, string>;
  file: ReceivedFile;
}

async function receive(lab: LabContext, req: IncomingMessage, parser: PveUploadParser): Promise<Received> {
  const resetAfter = lab.faults.takeUploadReset();
  const uploads = lab.settings.uploads;
  // get_upload_filename: md5_hex of a sequence number, the time and the pid.
  const tmpName = `pveupload-${randomBytes(16).toString('hex')}`;
  const tmpPath = uploads.mode === 'disk' && uploads.dir ? join(uploads.dir, tmpName) : null;
  // A few MiB of write buffer lets disk writes overlap with receiving the next chunks.
  const out: WriteStream | null = tmpPath ? createWriteStream(tmpPath, { highWaterMark: 4 * 1024 * 1024 }) : null;
  let writeError: Error | null = null;
  out?.on('error', (error) => {
    writeError ??= error;
  });
  let hash: Hash | null | undefined;
  let size = 0;
  let bytesIn = 0;
  // Not destroyed on an early exit: after a refusal the rest of the body is drained so the client reads the answer.
  const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>;
  try {
    for await (const chunk of chunks) {
      bytesIn += chunk.length;
      if (resetAfter !== null && bytesIn >= resetAfter) {
        req.socket.destroy();
        throw new ConnectionDropped('upload connection reset by fault injection');
      }
      for (const event of parser.push(chunk)) {
        if (event.kind === 'end') {
          if (out) {
            out.end();
            await once(out, 'finish');
          }
          if (writeError) throw writeError;
          const digest = hash ? hash.digest('hex') : null;
          return { params: event.params, file: { filename: event.params.filename as string, size, digest, tmpPath, tmpName } };
        }
        if (hash === undefined) {
          const algorithm = parser.fields['checksum-algorithm'];
          hash = algorithm && supportedHashes.has(algorithm) ? createHash(algorithm) : null;
        }
        size += event.chunk.length;
        hash?.update(event.chunk);
        if (writeError) throw writeError;
        if (out && !out.write(event.chunk)) await once(out, 'drain');
      }
    }
    // The client stopped before Content-Length: pveproxy sees EOF and disconnects without an answer.
    throw new ConnectionDropped('upload body ended early');
  } catch (error) {
    out?.destroy();
    if (tmpPath) await rm(tmpPath, { force: true });
    if (error instanceof UploadBufferOverflow) req.socket.destroy();
    if (error instanceof UploadBufferOverflow) throw new ConnectionDropped(error.message);
    if (error instanceof UploadParseError) {
      req.resume();
      throw new HttpServerError(uploadErrorStatus(lab.settings.version.release), error.message);
    }
    throw error;
  }
}

/**
 * pve-http-server answered errors of the upload parser with 501 until 5.2.0
 * (January 2025, commit 169d42e "use HTTP_INTERNAL_SERVER_ERROR ... instead
 * of '501'"), 500 since; 8.4 is the first release that shipped with it.
 */
export function uploadErrorStatus(release: string): 500 | 501 {
  const [major = 0, minor = 0] = release.split('.').map(Number);
  return major > 8 || (major === 8 && minor >= 4) ? 500 : 501;
}
