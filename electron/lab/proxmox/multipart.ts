/**
 * A streaming multipart/form-data parser: feed it chunks, get events. It
 * holds at most one part's headers and a delimiter's length of carry-over,
 * so a file part of any size passes through without being buffered; data
 * events are views into the chunks fed in.
 *
 *   preamble --delimiter--> afterDelimiter --CRLF--> headers --CRLFCRLF--> body
 *                                ^   \--"--"--> done                       |
 *                                +-------------- delimiter ----------------+
 */
export type MultipartEvent =
  | { kind: 'partStart'; name: string; filename: string | null; contentType: string | null }
  | { kind: 'data'; chunk: Buffer }
  | { kind: 'partEnd' }
  | { kind: 'end' };

type ParserState = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done';

export class MultipartError extends Error {
  override name = 'MultipartError';
}

const crlfcrlf = Buffer.from('\r\n\r\n');
const maxHeaderBytes = 16 * 1024;

export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2] ?? null;
  return boundary && boundary.length <= 200 ? boundary : null;
}

export class MultipartParser {
  private state: ParserState = 'preamble';
  private readonly delimiter: Buffer;
  // The body's first delimiter has no CRLF before it; seeding one makes every delimiter look alike.
  private carry: Buffer = Buffer.from('\r\n');

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  get finished(): boolean {
    return this.state === 'done';
  }

  push(chunk: Buffer): MultipartEvent[] {
    const events: MultipartEvent[] = [];
    if (this.state === 'done' || chunk.length === 0) return events;
    let buffer: Buffer;
    if (this.state === 'body' && this.carry.length > 0 && chunk.length >= this.delimiter.length) {
      // Fast path for large file parts: only the seam between carry and chunk needs joining.
      const seam = Buffer.concat([this.carry, chunk.subarray(0, this.delimiter.length - 1)]);
      if (seam.indexOf(this.delimiter) === -1) {
        events.push({ kind: 'data', chunk: this.carry });
        this.carry = Buffer.alloc(0);
        buffer = chunk;
      } else {
        buffer = Buffer.concat([this.carry, chunk]);
      }
    } else {
      buffer = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    }
    this.carry = Buffer.alloc(0);
    this.consume(buffer, events);
    return events;
  }

  /** Call when the body ends; a body that stops before the closing delimiter is an error. */
  end(): void {
    if (this.state !== 'done') throw new MultipartError('multipart body ended before its closing boundary');
  }

  private consume(buffer: Buffer, events: MultipartEvent[]): void {
    let pos = 0;
    for (;;) {
      switch (this.state) {
        case 'preamble': {
          const found = buffer.indexOf(this.delimiter, pos);
          if (found === -1) return this.keep(buffer, Math.max(pos, buffer.length - this.delimiter.length + 1));
          pos = found + this.delimiter.length;
          this.state = 'afterDelimiter';
          break;
        }
        case 'afterDelimiter': {
          while (pos < buffer.length && (buffer[pos] === 0x20 || buffer[pos] === 0x09)) pos += 1;
          if (buffer.length - pos < 2) return this.keep(buffer, pos);
          const next = buffer.toString('latin1', pos, pos + 2);
          if (next === '--') {
            this.state = 'done';
            events.push({ kind: 'end' });
            return;
          }
          if (next !== '\r\n') throw new MultipartError('malformed multipart body: bad delimiter line');
          pos += 2;
          this.state = 'headers';
          break;
        }
        case 'headers': {
          const found = buffer.indexOf(crlfcrlf, pos);
          if (found === -1) {
            if (buffer.length - pos > maxHeaderBytes) throw new MultipartError('multipart part headers are too large');
            return this.keep(buffer, pos);
          }
          events.push(parsePartHeaders(buffer.toString('utf8', pos, found)));
          pos = found + crlfcrlf.length;
          this.state = 'body';
          break;
        }
        case 'body': {
          const found = buffer.indexOf(this.delimiter, pos);
          if (found === -1) {
            const safe = Math.max(pos, buffer.length - this.delimiter.length + 1);
            if (safe > pos) events.push({ kind: 'data', chunk: buffer.subarray(pos, safe) });
            return this.keep(buffer, safe);
          }
          if (found > pos) events.push({ kind: 'data', chunk: buffer.subarray(pos, found) });
          events.push({ kind: 'partEnd' });
          pos = found + this.delimiter.length;
          this.state = 'afterDelimiter';
          break;
        }
        case 'done':
          return;
      }
    }
  }

  /** Copies the unconsumed tail (never more than a delimiter or a header block) for the next chunk. */
  private keep(buffer: Buffer, from: number): void {
    this.carry = from < buffer.length ? Buffer.from(buffer.subarray(from)) : Buffer.alloc(0);
  }
}

function parsePartHeaders(block: string): MultipartEvent {
  let name: string | null = null;
  let filename: string | null = null;
  let contentType: string | null = null;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-type') contentType = value;
    if (header !== 'content-disposition') continue;
    for (const match of value.matchAll(/;\s*([\w*-]+)=("((?:[^"\\]|\\.)*)"|[^;]*)/g)) {
      const key = (match[1] as string).toLowerCase();
      const parsed = match[3] !== undefined ? match[3].replace(/\\(.)/g, '$1') : (match[2] as string).trim();
      if (key === 'name') name = parsed;
      if (key === 'filename') filename = parsed;
    }
  }
  if (name === null) throw new MultipartError('multipart part without a name');
  return { kind: 'partStart', name, filename, contentType };
}
