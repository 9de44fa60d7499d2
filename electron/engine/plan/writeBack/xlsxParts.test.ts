import { describe, expect, it } from 'vitest';
import { failureOf } from '../../testing/failureOf';
import { normalizeCommentParts } from './commentParts';
import { externalizeLocationLinks, internalizeHyperlinks } from './hyperlinkParts';
import { unprefixSpreadsheetML } from './prefixedParts';
import { enlargeNoteBoxes } from './xlsxParts';
import type { XlsxPart } from './xlsxZip';

const part = (name: string, text: string): XlsxPart => ({ name, data: Buffer.from(text, 'utf8') });
const text = (parts: XlsxPart[], name: string): string => {
  const found = parts.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no part ${name} in ${parts.map((one) => one.name).join(', ')}`);
  return found.data.toString('utf8');
};

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HYPERLINK = `${R}/hyperlink`;
const SHEET = 'xl/worksheets/sheet1.xml';
const SHEET_RELS = 'xl/worksheets/_rels/sheet1.xml.rels';

describe('internalizeHyperlinks', () => {
  it('turns #Sheet!A1 relationships into location links and keeps external ones', () => {
    const parts = internalizeHyperlinks(
      [
        part(SHEET, `<worksheet xmlns="${MAIN}" xmlns:r="${R}"><hyperlinks><hyperlink ref="C2" r:id="rId1" location="#&apos;VMs&apos;!D3"/><hyperlink ref="C3" r:id="rId2"/></hyperlinks></worksheet>`),
        part(
          SHEET_RELS,
          `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${HYPERLINK}" Target="#&apos;VMs&apos;!D3" TargetMode="External"/>` +
            `<Relationship Id="rId2" Type="${HYPERLINK}" Target="https://example.com/" TargetMode="External"/></Relationships>`,
        ),
      ],
      'test.xlsx',
    );
    expect(text(parts, SHEET)).toBe(`<worksheet xmlns="${MAIN}" xmlns:r="${R}"><hyperlinks><hyperlink ref="C2" location="'VMs'!D3"/><hyperlink ref="C3" r:id="rId2"/></hyperlinks></worksheet>`);
    expect(text(parts, SHEET_RELS)).toBe(`<Relationships xmlns="${RELS}"><Relationship Id="rId2" Type="${HYPERLINK}" Target="https://example.com/" TargetMode="External"/></Relationships>`);
  });

  it('finds prefixed, single-quoted and non-empty elements, and leaves every other byte as it was', () => {
    const before = `<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\r\n<x:worksheet xmlns:x='${MAIN}' xmlns:rel='${R}' xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006' mc:Ignorable='x14ac'>`;
    const data = `<x:sheetData><x:row r='1'><x:c r='A1' t='inlineStr'><x:is><x:t xml:space='preserve'>a &amp; b &#10;<![CDATA[<raw>]]></x:t></x:is></x:c></x:row></x:sheetData>`;
    const after = `</x:hyperlinks><x:extLst><x:ext uri='{x}'><![CDATA[ keep & ]]></x:ext></x:extLst></x:worksheet>`;
    const parts = internalizeHyperlinks(
      [
        part(SHEET, `${before}${data}<x:hyperlinks><x:hyperlink ref='A1' rel:id='rId7' display='go &quot;there&quot;'></x:hyperlink>${after}`),
        part(SHEET_RELS, `<Relationships xmlns='${RELS}'>\n  <Relationship Id='rId7' Type='${HYPERLINK}' Target='#Budget!B4' TargetMode='External'></Relationship>\n</Relationships>`),
      ],
      'test.xlsx',
    );
    expect(text(parts, SHEET)).toBe(`${before}${data}<x:hyperlinks><x:hyperlink ref="A1" display="go &quot;there&quot;" location="Budget!B4"/>${after}`);
    expect(text(parts, SHEET_RELS)).toBe(`<Relationships xmlns='${RELS}'>\n  \n</Relationships>`);
  });
});

describe('externalizeLocationLinks', () => {
  it('gives single-quoted and non-empty location links a relationship, adding to an empty relationships part', () => {
    const parts = externalizeLocationLinks(
      [
        part(SHEET, `<worksheet xmlns='${MAIN}'><hyperlinks><hyperlink ref='A6' location="'VMs'!A1" display='See'></hyperlink></hyperlinks></worksheet>`),
        part(SHEET_RELS, `<Relationships xmlns='${RELS}'/>`),
      ],
      'test.xlsx',
    );
    expect(text(parts, SHEET)).toBe(`<worksheet xmlns='${MAIN}'><hyperlinks><hyperlink ref="A6" display="See" xmlns:r="${R}" r:id="rIdRackpilotLink1"/></hyperlinks></worksheet>`);
    expect(text(parts, SHEET_RELS)).toBe(`<Relationships xmlns='${RELS}'><Relationship Id="rIdRackpilotLink1" Type="${HYPERLINK}" Target="#'VMs'!A1" TargetMode="External"/></Relationships>`);
  });

  it('links prefixed SpreadsheetML, writes a relationships part when there is none, and keeps links that have one', () => {
    const parts = externalizeLocationLinks(
      [part(SHEET, `<x:worksheet xmlns:x="${MAIN}" xmlns:r="${R}"><x:hyperlinks><x:hyperlink ref="B2" location="Lookup!A1"/><x:hyperlink ref="B3" r:id="rId1"/></x:hyperlinks></x:worksheet>`)],
      'test.xlsx',
    );
    expect(text(parts, SHEET)).toContain(`<x:hyperlink ref="B2" xmlns:r="${R}" r:id="rIdRackpilotLink1"/><x:hyperlink ref="B3" r:id="rId1"/>`);
    expect(text(parts, SHEET_RELS)).toContain(`<Relationship Id="rIdRackpilotLink1" Type="${HYPERLINK}" Target="#Lookup!A1" TargetMode="External"/></Relationships>`);
  });
});

describe('normalizeCommentParts', () => {
  const commentsType = `${R}/comments`;
  const vmlType = `${R}/vmlDrawing`;

  it("renames openpyxl's comment parts to exceljs's, with relative targets and text runs", () => {
    const parts = normalizeCommentParts(
      [
        part('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/comments/comment1.xml" ContentType="c"/></Types>'),
        part(SHEET, `<worksheet xmlns="${MAIN}"/>`),
        part(SHEET_RELS, `<Relationships xmlns="${RELS}"><Relationship Type="${commentsType}" Target="/xl/comments/comment1.xml" Id="comments"/><Relationship Type="${vmlType}" Target="/xl/drawings/commentsDrawing1.vml" Id="anysvml"/></Relationships>`),
        part('xl/comments/comment1.xml', `<comments xmlns="${MAIN}"><commentList><comment ref="A1"><text><t>Owner: infra</t></text></comment></commentList></comments>`),
        part('xl/drawings/commentsDrawing1.vml', '<xml/>'),
      ],
      'test.xlsx',
    );
    expect(parts.map((one) => one.name)).toEqual(['[Content_Types].xml', SHEET, SHEET_RELS, 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']);
    const rels = text(parts, SHEET_RELS);
    expect(rels).toContain('Target="../comments1.xml"');
    expect(rels).toContain('Target="../drawings/vmlDrawing1.vml"');
    expect(text(parts, '[Content_Types].xml')).toContain('PartName="/xl/comments1.xml"');
    expect(text(parts, 'xl/comments1.xml')).toContain('<text><r><t xml:space="preserve">Owner: infra</t></r></text>');
  });

  it('reads single-quoted, non-empty and prefixed elements, keeping the comment text as written', () => {
    const parts = normalizeCommentParts(
      [
        part('[Content_Types].xml', `<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'><Override PartName='/xl/comments/comment1.xml' ContentType='c'></Override></Types>`),
        part(SHEET_RELS, `<Relationships xmlns='${RELS}'><Relationship Id='c1' Type='${commentsType}' Target='../comments/comment1.xml'></Relationship></Relationships>`),
        part('xl/comments/comment1.xml', `<x:comments xmlns:x='${MAIN}'><x:commentList><x:comment ref='A1'><x:text><x:t>R&amp;D &#8211; <![CDATA[<ops>]]></x:t></x:text></x:comment></x:commentList></x:comments>`),
      ],
      'test.xlsx',
    );
    expect(text(parts, SHEET_RELS)).toBe(`<Relationships xmlns='${RELS}'><Relationship Id="c1" Type="${commentsType}" Target="../comments1.xml"/></Relationships>`);
    expect(text(parts, '[Content_Types].xml')).toContain(`<Override PartName="/xl/comments1.xml" ContentType="c"/>`);
    expect(text(parts, 'xl/comments1.xml')).toBe(
      `<x:comments xmlns:x='${MAIN}'><x:commentList><x:comment ref='A1'><x:text><x:r><x:t xml:space="preserve">R&amp;D &#8211; <![CDATA[<ops>]]></x:t></x:r></x:text></x:comment></x:commentList></x:comments>`,
    );
  });
});

describe('unprefixSpreadsheetML', () => {
  it('makes SpreadsheetML the default namespace of a prefixed part, other names and attributes untouched', () => {
    const [sheet] = unprefixSpreadsheetML(
      [part(SHEET, `<?xml version='1.0'?><x:worksheet xmlns:x='${MAIN}' xmlns:r='${R}'><x:sheetData><x:row r='1'><x:c r='A1'><x:v>1</x:v></x:c></x:row></x:sheetData><x:hyperlinks><x:hyperlink ref='A1' r:id='rId1'/></x:hyperlinks></x:worksheet>`)],
      'test.xlsx',
    );
    expect(sheet!.data.toString()).toBe(`<?xml version='1.0'?><worksheet xmlns="${MAIN}" xmlns:x='${MAIN}' xmlns:r='${R}'><sheetData><row r='1'><c r='A1'><v>1</v></c></row></sheetData><hyperlinks><hyperlink ref='A1' r:id='rId1'/></hyperlinks></worksheet>`);
  });

  it('leaves a part alone that also has unprefixed elements', () => {
    const mixed = `<x:worksheet xmlns:x='${MAIN}'><extra xmlns='urn:other'/></x:worksheet>`;
    expect(unprefixSpreadsheetML([part(SHEET, mixed)], 'test.xlsx')[0]!.data.toString()).toBe(mixed);
  });
});

describe('enlargeNoteBoxes', () => {
  it('makes note boxes three columns by eleven rows from their corner', () => {
    const ns = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:x="urn:schemas-microsoft-com:office:excel"';
    const [enlarged] = enlargeNoteBoxes(
      [part('xl/drawings/vmlDrawing2.vml', `<xml ${ns}><v:shape id='s1' style='position:absolute;width:97.8pt;height:59.1pt'><x:ClientData ObjectType="Note"><x:Anchor>4, 6, 0, 14, 6, 2, 4, 16</x:Anchor></x:ClientData></v:shape></xml>`)],
      'test.xlsx',
    );
    expect(enlarged!.data.toString()).toBe(
      `<xml ${ns}><v:shape id="s1" style="position:absolute;width:260pt;height:160pt"><x:ClientData ObjectType="Note"><x:Anchor>4, 6, 0, 14, 7, 0, 11, 0</x:Anchor></x:ClientData></v:shape></xml>`,
    );
  });
});

describe('malformed parts', () => {
  it('are refused with workbook_unreadable naming the workbook and the part', async () => {
    const failure = await failureOf(Promise.resolve().then(() => internalizeHyperlinks([part(SHEET, '<worksheet/>'), part(SHEET_RELS, '<Relationships><Relationship Id="a"></Relationships>')], 'broken.xlsx')));
    expect(failure.appError).toMatchObject({ code: 'workbook_unreadable', title: expect.stringContaining('broken.xlsx') });
    expect(failure.appError.title).toContain(SHEET_RELS);
  });
});
