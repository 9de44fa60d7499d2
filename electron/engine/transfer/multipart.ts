import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppFailure, appError, fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

export interface MultipartInput {
  /** Sent in this order, all BEFORE the file part (Proxmox reads its parameters before the file). */
  fields: [string, string][];
  file: { field: string; filename: string; contentType?: string; size: number };
  /** Must yield exactly `file.size` bytes. */
  body: Readable;
  /** For tests; a random one otherwise. */
  boundary?: string;
}

export interface MultipartBody {
  stream: Readable;
  /** Exact, known before the first byte: servers such as Proxmox refuse chunked uploads. */
  contentLength: number;
  contentType: string;
  boundary: string;
}

/** As browsers do (WHATWG): quotes and line breaks in names are percent-encoded, never passed raw. */
function quoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A multipart/form-data body streamed around a file: prologue (fields and
 * the file part's headers) + the file's bytes + epilogue. Only the prologue
 * and epilogue are in memory.
 */
export function multipartStream(input: MultipartInput): MultipartBody {
  const boundary = input.boundary ?? `----RackpilotBoundary${randomBytes(12).toString('hex')}`;
  const { file } = input;
  if (!Number.isSafeInteger(file.size) || file.size < 0) fail('invalid_request', text('transfer.multipart.badSize', { file: file.filename, size: String(file.size) }));
  let prologue = '';
  for (const [name, value] of input.fields) {
    if (value.includes(boundary)) fail('invalid_request', text('transfer.multipart.boundaryInField', { name }));
    prologue += `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`;
  }
  prologue +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.filename)}"\r\n` +
    `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`;
  const head = Buffer.from(prologue, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');

  async function* parts(): AsyncGenerator<Buffer> {
    yield head;
    let sent = 0;
    for await (const chunk of input.body as AsyncIterable<Buffer>) {
      sent += chunk.length;
      if (sent > file.size) throw sizeMismatch(file.filename, file.size, sent);
      yield chunk;
    }
    if (sent !== file.size) throw sizeMismatch(file.filename, file.size, sent);
    yield tail;
  }

  return {
    // Early exit (the request aborted) returns the generator, which destroys `body` and so closes the file.
    stream: Readable.from(parts(), { objectMode: false }),
    contentLength: head.length + file.size + tail.length,
    contentType: `multipart/form-data; boundary=${boundary}`,
    boundary,
  };
}

function sizeMismatch(filename: string, expected: number, actual: number): AppFailure {
  return new AppFailure(appError('io', text(actual > expected ? 'transfer.multipart.moreBytes' : 'transfer.multipart.fewerBytes', { file: filename, size: expected }), { retryable: true }));
}
