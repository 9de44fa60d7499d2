// The workbook-level parts a cell reader needs: the sheet list (names,
// states, where each sheet's XML is), shared strings, and which cell styles
// are dates. Interpretation follows exceljs's full reader so values read the
// same as before the streaming reader.
import { createRequire } from 'node:module';
import { parsePart } from './xmlParts.mjs';

const exceljsRequire = createRequire(createRequire(import.meta.url).resolve('exceljs'));
const { isDateFmt } = exceljsRequire('./lib/utils/utils.js');
const builtInFormats = exceljsRequire('./lib/xlsx/defaultnumformats.js');

const RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

/** Text of `<t>` runs, with Excel's `_xHHHH_` escapes decoded; phonetic runs (`<rPh>`) are not the cell's text. */
export function textCollector() {
  let depthInPhonetic = 0;
  let inText = false;
  let text = null;
  return {
    open(name) {
      if (name === 'rPh') depthInPhonetic++;
      else if (name === 't' && depthInPhonetic === 0) {
        inText = true;
        text ??= '';
      }
    },
    text(value) {
      if (inText) text += value;
    },
    close(name) {
      if (name === 'rPh') depthInPhonetic--;
      else if (name === 't') inText = false;
    },
    take() {
      const taken = text === null ? null : text.replace(/_x([0-9A-F]{4})_/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      text = null;
      return taken;
    },
  };
}

function partPath(target) {
  if (target.startsWith('/')) return target.slice(1);
  const parts = [];
  for (const segment of `xl/${target}`.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

async function readRelationships(pkg) {
  const byId = new Map();
  const byType = new Map();
  await parsePart(pkg, 'xl/_rels/workbook.xml.rels', {
    open(name, attributes) {
      if (name !== 'Relationship' || !attributes.Target) return;
      const path = partPath(attributes.Target);
      const type = (attributes.Type ?? '').replace(RELATIONSHIP, '');
      byId.set(attributes.Id, { path, type });
      if (!byType.has(type)) byType.set(type, path);
    },
  });
  return { byId, byType };
}

async function readSheetList(pkg, relationships) {
  const sheets = [];
  let date1904 = false;
  await parsePart(pkg, 'xl/workbook.xml', {
    open(name, attributes) {
      if (name === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (name !== 'sheet') return;
      const relationship = relationships.byId.get(attributes['r:id'] ?? attributes.id);
      // Chart and dialog sheets hold no cells.
      if (!relationship || relationship.type !== 'worksheet') return;
      sheets.push({ name: attributes.name ?? '', state: attributes.state ?? 'visible', path: relationship.path });
    },
  });
  return { sheets, date1904 };
}

async function readSharedStrings(pkg, path) {
  const strings = [];
  if (!path || !pkg.entries.has(path)) return strings;
  const text = textCollector();
  await parsePart(pkg, path, {
    open: text.open,
    text: text.text,
    close(name) {
      text.close(name);
      if (name === 'si') strings.push(text.take() ?? '');
    },
  });
  return strings;
}

/** For each cell style (`s` attribute), whether its number format shows a date. */
async function readDateStyles(pkg, path) {
  if (!path || !pkg.entries.has(path)) return [];
  const customFormats = new Map();
  const formatIds = [];
  let inCellXfs = false;
  await parsePart(pkg, path, {
    open(name, attributes) {
      if (name === 'numFmt') customFormats.set(Number(attributes.numFmtId), attributes.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formatIds.map((id) => Boolean(id) && isDateFmt(customFormats.get(id) ?? builtInFormats[id]?.f));
}

export async function readWorkbookParts(pkg) {
  const relationships = await readRelationships(pkg);
  const { sheets, date1904 } = await readSheetList(pkg, relationships);
  const sharedStrings = await readSharedStrings(pkg, relationships.byType.get('sharedStrings'));
  const dateStyles = await readDateStyles(pkg, relationships.byType.get('styles'));
  return { sheets, date1904, sharedStrings, dateStyles };
}
