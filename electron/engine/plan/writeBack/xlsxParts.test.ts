import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import { enlargeNoteBoxes, internalizeHyperlinks, normalizeCommentParts } from './xlsxParts';
import { readXlsxParts, writeXlsxParts, type XlsxPart } from './xlsxZip';

const part = (name: string, text: string): XlsxPart => ({ name, data: Buffer.from(text, 'utf8') });
const text = (parts: XlsxPart[], name: string): string => {
  const found = parts.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no part ${name} in ${parts.map((one) => one.name).join(', ')}`);
  return found.data.toString('utf8');
};

describe('xlsxZip', () => {
  it('reads back what it writes: names, bytes and order, with a fixed timestamp', () => {
    const parts = [part('[Content_Types].xml', '<Types/>'), part('xl/目录/表.xml', '<x>表</x>'.repeat(500)), { name: 'empty/', data: Buffer.alloc(0) }];
    const zip = writeXlsxParts(parts);
    expect(readXlsxParts(zip, 'test')).toEqual(parts);
    expect(writeXlsxParts(parts)).toEqual(zip);
  });

  it('refuses damaged archives with workbook_unreadable', () => {
    const zip = writeXlsxParts([part('xl/a.xml', 'hello '.repeat(200))]);
    const flipped = Buffer.from(zip);
    flipped[40] = flipped[40]! ^ 0xff;
    for (const damaged of [flipped, zip.subarray(0, zip.length - 30), Buffer.from('not a zip at all')]) {
      const error = (() => {
        try {
          readXlsxParts(damaged, 'broken.xlsx');
        } catch (cause) {
          return cause;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).appError).toMatchObject({ code: 'workbook_unreadable', title: expect.stringContaining('broken.xlsx') });
    }
  });
});

describe('internalizeHyperlinks', () => {
  it('turns #Sheet!A1 relationships into location links and keeps external ones', () => {
    const parts = internalizeHyperlinks([
      part(
        'xl/worksheets/sheet1.xml',
        '<worksheet><hyperlinks><hyperlink ref="C2" r:id="rId1" location="#&apos;VMs&apos;!D3"/><hyperlink ref="C3" r:id="rId2"/></hyperlinks></worksheet>',
      ),
      part(
        'xl/worksheets/_rels/sheet1.xml.rels',
        '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="#&apos;VMs&apos;!D3" TargetMode="External"/>' +
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/" TargetMode="External"/></Relationships>',
      ),
    ]);
    expect(text(parts, 'xl/worksheets/sheet1.xml')).toBe(
      '<worksheet><hyperlinks><hyperlink ref="C2" location="&apos;VMs&apos;!D3"/><hyperlink ref="C3" r:id="rId2"/></hyperlinks></worksheet>',
    );
    const rels = text(parts, 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(rels).not.toContain('rId1');
    expect(rels).toContain('https://example.com/');
  });
});

describe('normalizeCommentParts', () => {
  it("renames openpyxl's comment parts to exceljs's, with relative targets and text runs", () => {
    const parts = normalizeCommentParts([
      part('[Content_Types].xml', '<Types><Override PartName="/xl/comments/comment1.xml" ContentType="c"/></Types>'),
      part('xl/worksheets/sheet1.xml', '<worksheet/>'),
      part(
        'xl/worksheets/_rels/sheet1.xml.rels',
        '<Relationships><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="/xl/comments/comment1.xml" Id="comments"/>' +
          '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml" Id="anysvml"/></Relationships>',
      ),
      part('xl/comments/comment1.xml', '<comments><commentList><comment ref="A1"><text><t>Owner: infra</t></text></comment></commentList></comments>'),
      part('xl/drawings/commentsDrawing1.vml', '<xml/>'),
    ]);
    expect(parts.map((one) => one.name)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/_rels/sheet1.xml.rels', 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']);
    const rels = text(parts, 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(rels).toContain('Target="../comments1.xml"');
    expect(rels).toContain('Target="../drawings/vmlDrawing1.vml"');
    expect(text(parts, '[Content_Types].xml')).toContain('PartName="/xl/comments1.xml"');
    expect(text(parts, 'xl/comments1.xml')).toContain('<text><r><t xml:space="preserve">Owner: infra</t></r></text>');
  });
});

describe('enlargeNoteBoxes', () => {
  it('makes note boxes three columns by eleven rows from their corner', () => {
    const [vml] = enlargeNoteBoxes([part('xl/drawings/vmlDrawing2.vml', '<v:shape style="width:97.8pt;height:59.1pt"><x:Anchor>4, 6, 0, 14, 6, 2, 4, 16</x:Anchor></v:shape>')]);
    expect(vml!.data.toString()).toBe('<v:shape style="width:260pt;height:160pt"><x:Anchor>4, 6, 0, 14, 7, 0, 11, 0</x:Anchor></v:shape>');
  });
});
