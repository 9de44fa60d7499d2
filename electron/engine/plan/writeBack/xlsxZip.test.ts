import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureOf } from '../../testing/failureOf';
import { readXlsxParts, writeXlsxParts, type XlsxPart } from './xlsxZip';

const part = (name: string, text: string): XlsxPart => ({ name, data: Buffer.from(text, 'utf8') });

describe('xlsxZip', () => {
  it('reads back what it writes: names, bytes, folders and order, the same bytes every time', async () => {
    const parts = [part('[Content_Types].xml', '<Types/>'), { name: '_rels/', data: Buffer.alloc(0) }, part('xl/目录/表.xml', '<x>表</x>'.repeat(500)), part('empty.xml', '')];
    const zip = await writeXlsxParts(parts);
    expect(await readXlsxParts(zip, 'test')).toEqual(parts);
    expect(await writeXlsxParts(parts)).toEqual(zip);
  });

  it('writes an archive another unzip lists with its UTF-8 names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-zip-'));
    try {
      const path = join(dir, 'a.xlsx');
      writeFileSync(path, await writeXlsxParts([part('xl/表.xml', '<x/>')]));
      const listing = execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).namelist())', path], { encoding: 'utf8' });
      expect(listing.trim()).toBe("['xl/表.xml']");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses damaged archives with workbook_unreadable, naming the file', async () => {
    const zip = await writeXlsxParts([part('xl/a.xml', 'hello '.repeat(200))]);
    const flipped = Buffer.from(zip);
    flipped[40] = flipped[40]! ^ 0xff;
    for (const damaged of [flipped, zip.subarray(0, zip.length - 30), Buffer.from('not a zip at all')]) {
      const failure = await failureOf(readXlsxParts(damaged, 'broken.xlsx'));
      expect(failure.appError).toMatchObject({ code: 'workbook_unreadable', title: expect.stringContaining('broken.xlsx') });
    }
  });
});
