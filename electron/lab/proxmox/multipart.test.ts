import { describe, expect, it } from 'vitest';
import { parseContentType, PveUploadParser, UploadBufferOverflow, UploadParseError, maxBufferedBytes } from './multipart';

const boundary = 'XyZ123';
const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const fileHead = (name = 'filename', filename = 'disk.iso') =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
// File data with near-delimiters: CRLF, dashes, the boundary without its closing dashes.
const fileData = `line1\r\n--${boundary.slice(0, 4)}\r\nab--${boundary}\r\n\r`;
const body = (fields: string, data = fileData) => Buffer.from(`preamble to ignore\r\n${fields}${fileHead()}${data}\r\n--${boundary}--\r\nepilogue`, 'latin1');

function parse(chunks: Buffer[], total = chunks.reduce((sum, chunk) => sum + chunk.length, 0)): { params: Record<string, string>; data: string } {
  const parser = new PveUploadParser(boundary, total);
  const data: Buffer[] = [];
  let params: Record<string, string> | null = null;
  for (const chunk of chunks) {
    for (const event of parser.push(chunk)) {
      if (event.kind === 'data') data.push(Buffer.from(event.chunk));
      else params = event.params;
    }
  }
  if (!params) throw new Error('parser did not finish');
  return { params, data: Buffer.concat(data).toString('latin1') };
}

const inOrder = part('content', 'iso') + part('checksum-algorithm', 'sha256') + part('checksum', ' ab12 ');

describe('PveUploadParser (file_upload_multipart)', () => {
  it('takes content, checksum-algorithm and checksum, then the file up to the close delimiter', () => {
    expect(parse([body(inOrder)])).toEqual({
      params: { content: 'iso', 'checksum-algorithm': 'sha256', checksum: 'ab12', filename: 'disk.iso' },
      data: fileData,
    });
  });

  it('gives the same result wherever the chunks are cut after the part headers', () => {
    const whole = body(inOrder);
    const expected = parse([whole]);
    const headersEnd = whole.indexOf(fileHead()) + fileHead().length;
    for (let cut = 1; cut < whole.length; cut += 1) {
      // pveproxy drops a file part's remaining headers only if they arrived with its first line: cut elsewhere.
      if (cut > whole.indexOf(fileHead()) && cut < headersEnd) continue;
      expect(parse([whole.subarray(0, cut), whole.subarray(cut)])).toEqual(expected);
    }
  });

  it('refuses checksum before checksum-algorithm with PVE\'s message', () => {
    const wrong = body(part('content', 'iso') + part('checksum', 'ab12') + part('checksum-algorithm', 'sha256'));
    const parser = new PveUploadParser(boundary, wrong.length);
    expect(() => parser.push(wrong)).toThrow(UploadParseError);
    expect(() => new PveUploadParser(boundary, wrong.length).push(wrong)).toThrow(
      `wrong Content-Disposition 'form-data; name="checksum"\r\n\r\nab12\r\n--${boundary}\r\nContent-Disposition: form-data' in multipart, expected 'form-data'\n`,
    );
  });

  it('treats every field as optional, but names only the three it knows', () => {
    expect(parse([body('')]).params).toEqual({ filename: 'disk.iso' });
    expect(parse([body(part('checksum', 'ab12'))]).params).toEqual({ checksum: 'ab12', filename: 'disk.iso' });
    const unknown = body(part('content', 'iso') + part('comment', 'x'));
    expect(() => parse([unknown])).toThrow(/^wrong field name 'comment"[\s\S]*name="filename' for file upload, expected 'filename' at \//);
  });

  it('keeps fields sent after the file as file data, as the file runs to the close delimiter', () => {
    const late = `${fileData}\r\n${part('checksum', 'ab12').trimEnd()}`;
    expect(parse([body(part('content', 'iso'), late)])).toEqual({ params: { content: 'iso', filename: 'disk.iso' }, data: late });
  });

  it('dies with "upload failed" when the body ends without the close delimiter', () => {
    const cut = body(inOrder).subarray(0, -30);
    expect(() => parse([cut])).toThrow(/^upload failed at \/usr\/share\/perl5\/PVE\/APIServer\/AnyEvent.pm line \d+\.\n$/);
  });

  it('streams a large file part with a small carry, in the chunks it was given', () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0x41);
    const whole = Buffer.concat([Buffer.from(part('content', 'iso') + fileHead()), big, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const parser = new PveUploadParser(boundary, whole.length);
    let bytes = 0;
    let largest = 0;
    for (let offset = 0; offset < whole.length; offset += 65_536) {
      for (const event of parser.push(whole.subarray(offset, offset + 65_536))) {
        if (event.kind === 'data') {
          bytes += event.chunk.length;
          largest = Math.max(largest, event.chunk.length);
        }
      }
    }
    expect(parser.done).toBe(true);
    expect(bytes).toBe(big.length);
    // Everything but the held-back boundary + 8 bytes goes out as a view of the chunk.
    expect(largest).toBe(65_536 - (boundary.length + 8));
  });

  it('overflows like the read buffer when no file part ever starts', () => {
    const parser = new PveUploadParser(boundary, 10 * maxBufferedBytes);
    parser.push(Buffer.from(part('content', 'iso')));
    expect(() => parser.push(Buffer.alloc(maxBufferedBytes, 0x61))).toThrow(UploadBufferOverflow);
  });

  it('reads media type and boundary like parse_content_type', () => {
    expect(parseContentType('multipart/form-data; boundary=----abc')).toEqual({ type: 'multipart/form-data', boundary: '----abc' });
    expect(parseContentType('application/x-www-form-urlencoded')).toEqual({ type: 'application/x-www-form-urlencoded', boundary: null });
  });
});
