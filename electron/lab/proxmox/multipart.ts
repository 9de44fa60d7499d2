/**
 * The multipart parser of pveproxy's upload path, ported from
 * `file_upload_multipart` in pve-http-server (src/PVE/APIServer/AnyEvent.pm).
 * It is not a general multipart parser, and that is the point: it re-runs
 * its regular expressions on the front of what it has buffered each time
 * data arrives, extracting exactly `content`, then `checksum-algorithm`, then
 * `checksum` (each optional), then the part named `filename`, whose bytes
 * run up to the closing delimiter. Parts in another order, or with other
 * names, make it die with PVE's own messages.
 *
 *   preamble(0) --first delimiter--> fields(1) --file part header--> file(2) --close delimiter--> done(100)
 *
 * Phases 0 and 1 hold at most `maxBufferedBytes` (AnyEvent's rbuf_max); the
 * file phase keeps back only `boundary + 8` bytes, so a file of any size
 * streams through: data events are views into the chunks fed in.
 */
export type UploadEvent = { kind: 'data'; chunk: Buffer } | { kind: 'end'; params: Record<string, string> };

/** A `die` in file_upload_multipart: the message is PVE's, byte for byte. */
export class UploadParseError extends Error {
  override name = 'UploadParseError';
}

/** The handle's rbuf overflowed (AnyEvent::Handle's ENOSPC): pveproxy closes the connection without an answer. */
export class UploadBufferOverflow extends Error {
  override name = 'UploadBufferOverflow';
}

/** A Perl `die` without a trailing newline gets the source position appended. */
const perlDie = (message: string, line: number): string => `${message} at /usr/share/perl5/PVE/APIServer/AnyEvent.pm line ${line}.\n`;

/** limit_max_post + limit_max_header_size of pve-http-server 6.x. */
export const maxBufferedBytes = 512 * 1024 + 8 * 1024;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
/** PVE::Tools::trim. */
const trim = (text: string): string => text.replace(/^\s+/, '').replace(/\s+$/, '');

/** parse_content_type: media type and boundary (`(\S+?)`, quotes kept as PVE keeps them). */
export function parseContentType(contentType: string): { type: string; boundary: string | null } {
  const [type = '', ...params] = contentType.split(/\s*[;,]\s*/);
  for (const param of params) {
    const match = /^\s*boundary\s*=\s*(\S+?)\s*$/.exec(param);
    if (match) return { type, boundary: match[1] as string };
  }
  return { type, boundary: null };
}

type Phase = 0 | 1 | 2 | 100;

export class PveUploadParser {
  private phase: Phase = 0;
  /** Phases 0 and 1: everything not yet consumed, as a byte string (latin1), like Perl's rbuf. */
  private head = '';
  /** Phase 2: the bytes held back in case they begin the close delimiter. */
  private tail: Buffer = Buffer.alloc(0);
  private received = 0;
  private readonly params: Record<string, string> = {};
  private readonly delim: string;
  private readonly close: Buffer;
  private readonly boundlen: number;

  constructor(
    boundary: string,
    private readonly contentLength: number,
    queryParams: Record<string, string> = {},
  ) {
    this.params = { ...queryParams };
    this.delim = `--${escapeRegExp(boundary)}\\r?\\n`;
    this.close = Buffer.from(`--${boundary}--`, 'latin1');
    this.boundlen = Buffer.byteLength(boundary, 'latin1') + 8;
  }

  get done(): boolean {
    return this.phase === 100;
  }

  /** The parameters gathered so far (the query string's, then the fields'). */
  get fields(): Readonly<Record<string, string>> {
    return this.params;
  }

  /** Feeds one read; throws UploadParseError as pveproxy would die on it. */
  push(chunk: Buffer): UploadEvent[] {
    const events: UploadEvent[] = [];
    if (this.phase === 100) return events;
    this.received += chunk.length;
    if (this.phase === 2) this.fileData(chunk, events);
    else this.headPhases(chunk, events);
    if (this.received >= this.contentLength && !this.done) throw new UploadParseError(perlDie('upload failed', 1370));
    return events;
  }

  private headPhases(chunk: Buffer, events: UploadEvent[]): void {
    this.head += chunk.toString('latin1');
    if (this.phase === 0) {
      const match = new RegExp(`^[\\s\\S]*?(${this.delim})`).exec(this.head);
      if (match) {
        this.head = this.head.slice(match[0].length - (match[1] as string).length);
        this.phase = 1;
      }
    }
    if (this.phase === 1) {
      this.extractField('content');
      this.extractField('checksum-algorithm');
      this.extractField('checksum');
      const file = new RegExp(`^${this.delim}Content-Disposition: ([\\s\\S]*?); name="([\\s\\S]*?)"; filename="([^"]+)"`).exec(this.head);
      if (file) {
        assertFormDisposition(file[1] as string);
        if (file[2] !== 'filename') throw new UploadParseError(perlDie(`wrong field name '${file[2]}' for file upload, expected 'filename'`, 1325));
        this.params.filename = trim(file[3] as string);
        this.head = removeUntilData(this.head.slice(file[0].length));
        this.phase = 2;
        const rest = Buffer.from(this.head, 'latin1');
        this.head = '';
        this.fileData(rest, events);
        return;
      }
    }
    if (this.head.length > maxBufferedBytes) throw new UploadBufferOverflow('upload headers overflowed the read buffer');
  }

  /** $extract_form_disposition: only at the very front of the buffer, and only when the next delimiter is there too. */
  private extractField(name: string): void {
    const match = new RegExp(`^${this.delim}[\\s\\S]*?Content-Disposition: ([\\s\\S]*?); name="${name}"([\\s\\S]*?${this.delim})`).exec(this.head);
    if (!match) return;
    assertFormDisposition(match[1] as string);
    this.head = removeUntilData((match[2] as string) + this.head.slice(match[0].length));
    const value = new RegExp(`^([\\s\\S]*?)(${this.delim})`).exec(this.head);
    if (!value) return;
    this.params[name] = trim(value[1] as string);
    this.head = this.head.slice((value[1] as string).length);
  }

  /** Phase 2: all but `boundlen` bytes go out until the close delimiter shows up (an optional newline before it is not data). */
  private fileData(chunk: Buffer, events: UploadEvent[]): void {
    const closeAt = this.findClose(chunk);
    if (closeAt !== null) {
      const { whole, at } = closeAt;
      let end = at;
      if (end > 0 && whole[end - 1] === 0x0a) end -= whole[end - 2] === 0x0d && end > 1 ? 2 : 1;
      if (end > 0) events.push({ kind: 'data', chunk: whole.subarray(0, end) });
      this.tail = Buffer.alloc(0);
      this.phase = 100;
      events.push({ kind: 'end', params: { ...this.params } });
      return;
    }
    const writable = this.tail.length + chunk.length - this.boundlen;
    if (writable <= 0) {
      this.tail = Buffer.concat([this.tail, chunk]);
    } else if (writable >= this.tail.length) {
      if (this.tail.length > 0) events.push({ kind: 'data', chunk: this.tail });
      const cut = writable - this.tail.length;
      if (cut > 0) events.push({ kind: 'data', chunk: chunk.subarray(0, cut) });
      this.tail = Buffer.from(chunk.subarray(cut));
    } else {
      const joined = Buffer.concat([this.tail, chunk]);
      events.push({ kind: 'data', chunk: joined.subarray(0, writable) });
      this.tail = Buffer.from(joined.subarray(writable));
    }
  }

  /** Where the close delimiter starts in tail+chunk; joins the two only when a match needs them (once per upload). */
  private findClose(chunk: Buffer): { whole: Buffer; at: number } | null {
    const seamHit = this.tail.length > 0 && Buffer.concat([this.tail, chunk.subarray(0, this.close.length - 1)]).includes(this.close);
    if (!seamHit && !chunk.includes(this.close)) return null;
    const whole = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    return { whole, at: whole.indexOf(this.close) };
  }
}

function assertFormDisposition(disposition: string): void {
  if (disposition !== 'form-data') throw new UploadParseError(`wrong Content-Disposition '${disposition}' in multipart, expected 'form-data'\n`);
}

/** $remove_until_data: drops the rest of a part's headers, through the first blank line, if it has arrived. */
function removeUntilData(buffer: string): string {
  const match = /^[\s\S]*?(?:\r?\n){2}/.exec(buffer);
  return match ? buffer.slice(match[0].length) : buffer;
}
