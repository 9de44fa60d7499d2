import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lineSplitter';

function split(chunks: Buffer[], maxLength?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line), maxLength);
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('keeps multi-byte characters split across chunks whole', () => {
    const text = Buffer.from('数据\r\nb\n\nlast');
    expect(split([text.subarray(0, 2), text.subarray(2, 5), text.subarray(5)])).toEqual(['数据', 'b', '', 'last']);
  });

  it('cuts long lines and replaces binary and escape bytes', () => {
    expect(split([Buffer.from('x'.repeat(25) + '\n')], 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(split([Buffer.from([0x00, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xff, 0x41, 0x09, 0x0a])])).toEqual(['\uFFFD\uFFFD[31m\uFFFDA\t']);
  });
});
