import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartParser, type MultipartEvent } from './multipart';

const boundary = 'XyZ123';
const body = Buffer.concat([
  Buffer.from(`preamble to ignore\r\n--${boundary}\r\nContent-Disposition: form-data; name="content"\r\n\r\niso\r\n`),
  Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="filename"; filename="my \\"disk\\".iso"\r\nContent-Type: application/octet-stream\r\n\r\n`),
  // File data with near-delimiters: CRLF, dashes, the boundary without its leading CRLF.
  Buffer.from(`line1\r\n--${boundary.slice(0, 4)}\r\nab--${boundary}\r\n\r`),
  Buffer.from(`\r\n--${boundary}--\r\nepilogue`),
]);
const fileData = `line1\r\n--${boundary.slice(0, 4)}\r\nab--${boundary}\r\n\r`;

function collect(chunks: Buffer[]): { fields: Record<string, string>; file: { filename: string | null; data: string } | null; ended: boolean } {
  const parser = new MultipartParser(boundary);
  const fields: Record<string, string> = {};
  let current: { name: string; filename: string | null; data: Buffer[] } | null = null;
  let file: { filename: string | null; data: string } | null = null;
  let ended = false;
  const handle = (event: MultipartEvent) => {
    if (event.kind === 'partStart') current = { name: event.name, filename: event.filename, data: [] };
    if (event.kind === 'data') current?.data.push(Buffer.from(event.chunk));
    if (event.kind === 'partEnd' && current) {
      const text = Buffer.concat(current.data).toString('latin1');
      if (current.filename !== null) file = { filename: current.filename, data: text };
      else fields[current.name] = text;
      current = null;
    }
    if (event.kind === 'end') ended = true;
  };
  for (const chunk of chunks) parser.push(chunk).forEach(handle);
  parser.end();
  return { fields, file, ended };
}

describe('MultipartParser', () => {
  it('parses fields and a file in one chunk', () => {
    expect(collect([body])).toEqual({ fields: { content: 'iso' }, file: { filename: 'my "disk".iso', data: fileData }, ended: true });
  });

  it('gives the same result wherever the chunks are cut', () => {
    const whole = collect([body]);
    for (let cut = 1; cut < body.length; cut += 1) {
      expect(collect([body.subarray(0, cut), body.subarray(cut)])).toEqual(whole);
    }
    const bytes = [...body].map((byte) => Buffer.from([byte]));
    expect(collect(bytes)).toEqual(whole);
  });

  it('streams large parts with big chunks intact', () => {
    const big = Buffer.alloc(3 * 1024 * 1024 + 7, 0x41);
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="filename"; filename="big.iso"\r\n\r\n`),
      big,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < payload.length; offset += 65_536) chunks.push(payload.subarray(offset, offset + 65_536));
    const result = collect(chunks);
    expect(result.file?.data.length).toBe(big.length);
    expect(result.file?.data).toBe(big.toString('latin1'));
  });

  it('fails when the body stops before the closing delimiter', () => {
    const parser = new MultipartParser(boundary);
    parser.push(body.subarray(0, body.length - 20));
    expect(() => parser.end()).toThrow(/closing boundary/);
  });

  it('reads the boundary from the content type', () => {
    expect(boundaryOf('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="q u"')).toBe('q u');
    expect(boundaryOf('application/x-www-form-urlencoded')).toBeNull();
  });
});
