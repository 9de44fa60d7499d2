/**
 * The shape pveproxy requires of an upload body (pve-http-server,
 * `file_upload_multipart`), checked as the body streams past: a
 * Content-Length; then parts whose first header is exactly
 * `Content-Disposition: form-data; name="..."`, only `content`,
 * `checksum-algorithm`, `checksum`, each at most once and in that order;
 * then the file part, `name="filename"; filename="..."`, last, running to
 * the closing delimiter. Memory: the parts before the file, and a tail.
 *
 *   fields --file part header--> file --end()--> checked
 */
const fieldOrder = ['content', 'checksum-algorithm', 'checksum'];
const maxHeadBytes = 64 * 1024;

export class UploadShapeCheck {
  readonly problems: string[] = [];
  /** The form fields and the file's name, for the schema check. */
  readonly params: Record<string, string> = {};
  private head = '';
  private inFile = false;
  private tail = Buffer.alloc(0);
  private bytes = 0;
  /** Index in fieldOrder of the earliest field still allowed. */
  private nextField = 0;
  private readonly boundary: string | null;

  constructor(
    contentType: string | undefined,
    private readonly contentLength: number | null,
  ) {
    const match = /^multipart\/form-data\s*;\s*boundary=(\S+)$/.exec(contentType ?? '');
    this.boundary = match ? (match[1] as string) : null;
    if (!this.boundary) this.problems.push(`upload Content-Type must be multipart/form-data with a boundary, got '${contentType ?? ''}'`);
    if (contentLength === null) this.problems.push('upload without a Content-Length (pveproxy refuses chunked uploads)');
  }

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (!this.boundary) return;
    if (this.inFile) return this.keepTail(chunk);
    this.head += chunk.toString('latin1');
    this.readHead();
    if (!this.inFile && this.head.length > maxHeadBytes) {
      this.problems.push(`no file part within the first ${maxHeadBytes} bytes`);
      this.inFile = true;
    }
  }

  end(): void {
    if (this.contentLength !== null && this.bytes !== this.contentLength) this.problems.push(`body has ${this.bytes} bytes, Content-Length says ${this.contentLength}`);
    if (!this.boundary) return;
    if (!this.inFile) return void this.problems.push('no file part named "filename"');
    if (!/\r\n--[^\r\n]+--(\r\n)?$/.test(this.tail.toString('latin1')) || !this.tail.includes(`--${this.boundary}--`)) {
      this.problems.push('the file part does not end with the closing delimiter');
    }
  }

  private readHead(): void {
    const delimiter = `--${this.boundary}\r\n`;
    let at = this.head.indexOf(delimiter);
    if (at === -1) return;
    for (;;) {
      const headersAt = at + delimiter.length;
      const headersEnd = this.head.indexOf('\r\n\r\n', headersAt);
      if (headersEnd === -1) return;
      const first = this.head.slice(headersAt, this.head.indexOf('\r\n', headersAt));
      const file = /^Content-Disposition: form-data; name="([^"]*)"; filename="([^"]+)"$/.exec(first);
      if (file) {
        if (file[1] !== 'filename') this.problems.push(`the file part is named '${file[1]}', pveproxy expects 'filename'`);
        this.params.filename = file[2] as string;
        this.inFile = true;
        this.keepTail(Buffer.from(this.head.slice(headersEnd + 4), 'latin1'));
        this.head = '';
        return;
      }
      const valueEnd = this.head.indexOf(`\r\n--${this.boundary}`, headersEnd + 4);
      if (valueEnd === -1) return;
      const field = /^Content-Disposition: form-data; name="([^"]*)"$/.exec(first);
      const name = field?.[1] ?? null;
      const position = name === null ? -1 : fieldOrder.indexOf(name);
      if (name === null) this.problems.push(`a part starts with '${first}', not 'Content-Disposition: form-data; name="..."'`);
      else if (position === -1) this.problems.push(`form field '${name}' is not one pveproxy reads before the file (${fieldOrder.join(', ')})`);
      else if (position < this.nextField) this.problems.push(`form field '${name}' comes after '${fieldOrder[this.nextField - 1]}'; pveproxy reads ${fieldOrder.join(', ')} in this order`);
      else {
        this.nextField = position + 1;
        this.params[name] = this.head.slice(headersEnd + 4, valueEnd).trim();
      }
      // Parsed parts are dropped, so each arrival re-reads only what is new.
      this.head = this.head.slice(valueEnd + 2);
      at = 0;
      if (!this.head.startsWith(delimiter)) return;
    }
  }

  private keepTail(chunk: Buffer): void {
    const keep = (this.boundary?.length ?? 0) + 8;
    this.tail = chunk.length >= keep ? Buffer.from(chunk.subarray(chunk.length - keep)) : Buffer.concat([this.tail, chunk]).subarray(-keep);
  }
}
