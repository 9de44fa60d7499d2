import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../testFixtures/external';
import { buildZip } from '../testFixtures/zipBuilder';
import { openWorkbook } from './openWorkbook';
import type { OpenedWorkbook } from './openedWorkbook';

/*
 * Shapes other writers store and exceljs never writes, written as raw XML:
 * inline (rich) strings with phonetic runs, typed formula results, cells
 * and rows without their `r`, prefixed element names, a date style.
 */
const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const parts: Record<string, string> = {
  '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  'xl/workbook.xml': `<?xml version="1.0"?><workbook ${ns}><sheets><sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="Secret" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`,
  'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="/xl/worksheets/other.xml"/><Relationship Id="rId3" Type="${rel}/styles" Target="styles.xml"/></Relationships>`,
  'xl/styles.xml': `<?xml version="1.0"?><styleSheet ${ns}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
  'xl/worksheets/data.xml': `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
    <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:r><x:t>pve</x:t></x:r><x:r><x:t>-01</x:t></x:r><x:rPh><x:t>ピー</x:t></x:rPh></x:is></x:c><x:c t="inlineStr"><x:is><x:t>next_x000D_</x:t></x:is></x:c></x:row>
    <x:row><x:c r="A2" t="b"><x:f>1=1</x:f><x:v>1</x:v></x:c><x:c r="B2" t="e"><x:f>NA()</x:f><x:v>#N/A</x:v></x:c><x:c r="C2" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c><x:c r="D2" s="1"><x:v>45000</x:v></x:c></x:row>
    <x:row r="3"><x:c r="A3"><x:v>2</x:v></x:c><x:c r="B3"><x:f t="shared" si="0" ref="B3:B4">A3&amp;"-x"</x:f></x:c></x:row>
    <x:row r="4"><x:c r="A4"><x:v>5</x:v></x:c><x:c r="B4"><x:f t="shared" si="0"/></x:c></x:row>
  </x:sheetData></x:worksheet>`,
  'xl/worksheets/other.xml': `<?xml version="1.0"?><worksheet ${ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row></sheetData></worksheet>`,
};

let dir: string;
let wb: OpenedWorkbook;

beforeAll(async () => {
  dir = await makeTempDir();
  const path = join(dir, 'raw.xlsx');
  await writeFile(path, buildZip(Object.entries(parts).map(([name, text]) => ({ name, data: Buffer.from(text, 'utf8'), deflate: true }))));
  wb = await openWorkbook(path);
});
afterAll(() => removeDir(dir));

describe('the workbook reader on XML other writers produce', () => {
  it('finds sheets through the workbook relationships, with their states', () => {
    expect(wb.sheets.map(({ name, state }) => [name, state])).toEqual([
      ['Data', 'visible'],
      ['Secret', 'hidden'],
    ]);
    expect(wb.text('Secret', 'A1')).toBe('hidden');
  });

  it('joins rich inline text without its phonetic guide, and places cells without an address', () => {
    expect(wb.text('Data', 'A1')).toBe('pve-01');
    expect(wb.value('Data', 'B1')).toBe('next\r');
  });

  it('keeps formula results typed: boolean, Excel error, text', () => {
    expect(wb.cell('Data', 'A2')).toMatchObject({ value: true, formula: '1=1' });
    expect(wb.cell('Data', 'B2')).toMatchObject({ value: null, error: '#N/A' });
    expect(wb.findings.find((finding) => finding.code === 'cell.error_value')).toMatchObject({ sheet: 'Data', cell: 'B2' });
    expect(wb.cell('Data', 'C2')).toMatchObject({ value: 'ab', formula: '"a"&"b"' });
  });

  it('reads a number in a date style as a date', () => {
    expect(wb.text('Data', 'D2')).toBe('2023-03-15');
  });

  it('slides a shared formula to each cell and evaluates it when no result was saved', () => {
    expect(wb.cell('Data', 'B3')).toMatchObject({ value: '2-x', formula: 'A3&"-x"', evaluated: true });
    expect(wb.cell('Data', 'B4')).toMatchObject({ value: '5-x', formula: 'A4&"-x"', evaluated: true });
  });
});
