import { StringDecoder } from 'node:string_decoder';

// C0 controls except tab, and DEL: a hostile or binary output must not reach the log as terminal escapes or NULs.
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/**
 * Turns a byte stream into lines for the step's log: UTF-8 decoded across
 * chunk boundaries (invalid bytes become U+FFFD), CRLF as LF, controls
 * replaced, and lines longer than `maxLength` cut into pieces so one
 * megabyte without a newline never sits in memory or in one log row.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly emit: (line: string) => void,
    private readonly maxLength = 8192,
  ) {}

  write(chunk: Buffer): void {
    this.take(this.decoder.write(chunk));
  }

  /** Emits what is left (a last line without a newline). */
  end(): void {
    this.take(this.decoder.end());
    if (this.pending.length > 0) this.flush(this.pending);
    this.pending = '';
  }

  private take(text: string): void {
    if (text.length === 0) return;
    let buffered = this.pending + text;
    let start = 0;
    for (let newline = buffered.indexOf('\n', start); newline !== -1; newline = buffered.indexOf('\n', start)) {
      this.flush(buffered.slice(start, newline));
      start = newline + 1;
    }
    buffered = buffered.slice(start);
    while (buffered.length >= this.maxLength) {
      this.emit(clean(buffered.slice(0, this.maxLength)));
      buffered = buffered.slice(this.maxLength);
    }
    this.pending = buffered;
  }

  private flush(line: string): void {
    const bare = line.endsWith('\r') ? line.slice(0, -1) : line;
    for (let at = 0; at < bare.length; at += this.maxLength) this.emit(clean(bare.slice(at, at + this.maxLength)));
    if (bare.length === 0) this.emit('');
  }
}

function clean(text: string): string {
  return text.replace(controlChars, '\uFFFD');
}
