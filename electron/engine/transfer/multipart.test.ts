import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { multipartStream } from './multipart';
import { parseMultipart } from './transferTestKit';

async function drain(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

describe('multipartStream', () => {
  it('announces the exact length of what it yields, fields before the file', async () => {
    const data = Buffer.from('ISO-bytes-ü');
    const form = multipartStream({
      fields: [['content', 'iso'], ['note', 'ünïcode "quoted"']],
      file: { field: 'filename', filename: 'a "b".iso', size: data.length },
      body: Readable.from([data.subarray(0, 4), data.subarray(4)]),
    });
    const body = await drain(form.stream);
    expect(body.length).toBe(form.contentLength);
    const parts = parseMultipart(body, form.contentType);
    expect(parts.map((part) => [part.name, part.filename])).toEqual([['content', null], ['note', null], ['filename', 'a %22b%22.iso']]);
    expect(parts[1]!.data.toString('utf8')).toBe('ünïcode "quoted"');
    expect(parts[2]!.contentType).toBe('application/octet-stream');
    expect(parts[2]!.data.equals(data)).toBe(true);
  });

  it('fails instead of sending a body that does not match its Content-Length', async () => {
    const form = multipartStream({ fields: [], file: { field: 'f', filename: 'x', size: 10 }, body: Readable.from([Buffer.alloc(4)]) });
    const error = await drain(form.stream).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError.title).toBe('x yielded fewer bytes than its announced 10.');
  });
});
