import { posix } from 'node:path';
import { readXlsxParts, writeXlsxParts, type XlsxPart } from './xlsxZip';

/*
 * Part-level fixes around exceljs 4.4.
 *
 * In: exceljs finds a sheet's comments only under its own part names
 * (`xl/comments1.xml`, `xl/drawings/vmlDrawing1.vml`) and only through the
 * relative target `../comments1.xml`; openpyxl writes `/xl/comments/comment1.xml`,
 * and exceljs then fails to load the file at all. The parts are renamed.
 *
 * Out: exceljs writes every hyperlink as an external relationship, so a link
 * to `#'VMs'!C15` becomes a file link in some readers (exceljs issue #3027).
 * Links whose target starts with `#` are rewritten the way Excel writes them:
 * `<hyperlink ref=".." location="'VMs'!C15"/>` and no relationship.
 */

const REL_COMMENTS = '/comments';
const REL_VML = '/vmlDrawing';
const REL_HYPERLINK = '/hyperlink';

const attributePattern = /([\w:]+)="([^"]*)"/g;

function attributes(element: string): Map<string, string> {
  return new Map([...element.matchAll(attributePattern)].map((match) => [match[1]!, match[2]!] as [string, string]));
}

function element(tag: string, attrs: Map<string, string>): string {
  return `<${tag} ${[...attrs].map(([key, value]) => `${key}="${value}"`).join(' ')}/>`;
}

/** `xl/worksheets/_rels/sheet1.xml.rels` -> `xl/worksheets/sheet1.xml`. */
function sourceOfRels(relsName: string): string {
  return posix.join(posix.dirname(posix.dirname(relsName)), posix.basename(relsName, '.rels'));
}

function resolveTarget(relsName: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(sourceOfRels(relsName)), target));
}

const isSheetRels = (name: string): boolean => /^xl\/worksheets\/_rels\/[^/]+\.xml\.rels$/.test(name);

const canonicalNames = { comments: /^xl\/comments\d+\.xml$/, vml: /^xl\/drawings\/vmlDrawing\d+\.vml$/ };
const canonicalName = { comments: (n: number) => `xl/comments${n}.xml`, vml: (n: number) => `xl/drawings/vmlDrawing${n}.vml` };

/** Renames comment and VML parts to exceljs's names, makes their targets relative and their text runs. */
export function normalizeCommentParts(parts: XlsxPart[]): XlsxPart[] {
  const renames = new Map<string, string>();
  const taken = new Set(parts.map((part) => part.name));
  const allocate = (kind: 'comments' | 'vml'): string => {
    let n = 1;
    while (taken.has(canonicalName[kind](n))) n++;
    taken.add(canonicalName[kind](n));
    return canonicalName[kind](n);
  };
  for (const part of parts) {
    if (!isSheetRels(part.name)) continue;
    const text = part.data.toString('utf8');
    const rewritten = text.replace(/<Relationship\b[^>]*\/>/g, (relationship) => {
      const attrs = attributes(relationship);
      const type = attrs.get('Type') ?? '';
      const target = attrs.get('Target');
      const kind = type.endsWith(REL_COMMENTS) ? 'comments' : type.endsWith(REL_VML) ? 'vml' : null;
      if (target === undefined || kind === null) return relationship;
      const from = resolveTarget(part.name, target);
      if (!taken.has(from)) return relationship;
      let to = renames.get(from) ?? (canonicalNames[kind].test(from) ? from : undefined);
      if (to === undefined) renames.set(from, (to = allocate(kind)));
      attrs.set('Target', kind === 'comments' ? `../${posix.basename(to)}` : `../drawings/${posix.basename(to)}`);
      return element('Relationship', attrs);
    });
    if (rewritten !== text) part.data = Buffer.from(rewritten, 'utf8');
  }
  return parts.map((part) => {
    const name = renames.get(part.name) ?? part.name;
    if (canonicalNames.comments.test(name)) return { name, data: Buffer.from(plainCommentsAsRuns(part.data.toString('utf8')), 'utf8') };
    if (part.name !== '[Content_Types].xml' || renames.size === 0) return name === part.name ? part : { name, data: part.data };
    let types = part.data.toString('utf8');
    for (const [from, to] of renames) types = types.split(`PartName="/${from}"`).join(`PartName="/${to}"`);
    return { name, data: Buffer.from(types, 'utf8') };
  });
}

/** exceljs reads only rich-text runs in comments; openpyxl and LibreOffice write plain `<text><t>..</t></text>`. */
function plainCommentsAsRuns(xml: string): string {
  return xml.replace(/<text>\s*<t(?:\s[^>]*)?>([\s\S]*?)<\/t>\s*<\/text>/g, '<text><r><t xml:space="preserve">$1</t></r></text>');
}

const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HYPERLINK_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function appendRelationships(xml: string, relationships: string): string {
  if (xml.includes('</Relationships>')) return xml.replace('</Relationships>', `${relationships}</Relationships>`);
  return xml.replace(/<Relationships([^>]*)\/>/, `<Relationships$1>${relationships}</Relationships>`);
}

/**
 * The inverse of `internalizeHyperlinks`, before exceljs reads a file: it
 * drops `location`-only links (how Excel writes links inside the workbook)
 * but keeps `#Sheet!A1` relationships, which the output fix turns back.
 */
export function externalizeLocationLinks(parts: XlsxPart[]): XlsxPart[] {
  const byName = new Map(parts.map((part) => [part.name, part]));
  const added: XlsxPart[] = [];
  for (const sheet of parts) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(sheet.name)) continue;
    const relationships: string[] = [];
    const text = sheet.data.toString('utf8').replace(/<hyperlink\b[^>]*\/>/g, (link) => {
      const attrs = attributes(link);
      const location = attrs.get('location');
      if (location === undefined || attrs.has('r:id')) return link;
      const id = `rIdRackpilotLink${relationships.length + 1}`;
      relationships.push(`<Relationship Id="${id}" Type="${HYPERLINK_TYPE}" Target="#${location}" TargetMode="External"/>`);
      attrs.delete('location');
      attrs.set('xmlns:r', R_NS);
      attrs.set('r:id', id);
      return element('hyperlink', attrs);
    });
    if (relationships.length === 0) continue;
    sheet.data = Buffer.from(text, 'utf8');
    const relsName = `${posix.dirname(sheet.name)}/_rels/${posix.basename(sheet.name)}.rels`;
    const rels = byName.get(relsName);
    if (rels) rels.data = Buffer.from(appendRelationships(rels.data.toString('utf8'), relationships.join('')), 'utf8');
    else added.push({ name: relsName, data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${relationships.join('')}</Relationships>`, 'utf8') });
  }
  return added.length === 0 ? parts : [...parts, ...added];
}

/** Turns `#Sheet!A1` hyperlink relationships into in-document `location` links. */
export function internalizeHyperlinks(parts: XlsxPart[]): XlsxPart[] {
  const byName = new Map(parts.map((part) => [part.name, part]));
  for (const rels of parts) {
    if (!isSheetRels(rels.name)) continue;
    const sheet = byName.get(sourceOfRels(rels.name));
    if (!sheet) continue;
    const internal = new Map<string, string>();
    const relsText = rels.data.toString('utf8').replace(/<Relationship\b[^>]*\/>/g, (relationship) => {
      const attrs = attributes(relationship);
      const target = attrs.get('Target') ?? '';
      if (!(attrs.get('Type') ?? '').endsWith(REL_HYPERLINK) || !target.startsWith('#')) return relationship;
      internal.set(attrs.get('Id') ?? '', target.slice(1));
      return '';
    });
    if (internal.size === 0) continue;
    const sheetText = sheet.data.toString('utf8').replace(/<hyperlink\b[^>]*\/>/g, (link) => {
      const attrs = attributes(link);
      const location = internal.get(attrs.get('r:id') ?? '');
      if (location === undefined) return link;
      attrs.delete('r:id');
      attrs.set('location', location);
      return element('hyperlink', attrs);
    });
    rels.data = Buffer.from(relsText, 'utf8');
    sheet.data = Buffer.from(sheetText, 'utf8');
  }
  return parts;
}

/**
 * exceljs sizes every note box two columns by four rows, which cuts off a
 * few lines of help; boxes become three columns by eleven rows.
 */
export function enlargeNoteBoxes(parts: XlsxPart[]): XlsxPart[] {
  for (const part of parts) {
    if (!/^xl\/drawings\/vmlDrawing\d+\.vml$/.test(part.name)) continue;
    const text = part.data
      .toString('utf8')
      .replace(/<x:Anchor>([^<]*)<\/x:Anchor>/g, (whole, anchor: string) => {
        const [left, leftOffset, top, topOffset] = anchor.split(',').map((value) => Number(value.trim()));
        if (left === undefined || top === undefined || Number.isNaN(left) || Number.isNaN(top)) return whole;
        return `<x:Anchor>${left}, ${leftOffset ?? 0}, ${top}, ${topOffset ?? 0}, ${left + 3}, 0, ${top + 11}, 0</x:Anchor>`;
      })
      .replace(/width:[\d.]+pt;height:[\d.]+pt/g, 'width:260pt;height:160pt');
    part.data = Buffer.from(text, 'utf8');
  }
  return parts;
}

/** Applies the output fixes to a workbook exceljs wrote; the result has the same bytes for the same content. */
export function finishWorkbookBuffer(written: Buffer | ArrayBuffer, label: string): Buffer {
  const buffer = Buffer.isBuffer(written) ? written : Buffer.from(written);
  return writeXlsxParts(enlargeNoteBoxes(internalizeHyperlinks(readXlsxParts(buffer, label))));
}

/** Applies the input fixes before exceljs loads a workbook another program wrote. */
export function prepareWorkbookBuffer(source: Buffer, label: string): Buffer {
  return writeXlsxParts(externalizeLocationLinks(normalizeCommentParts(readXlsxParts(source, label))));
}
