import {
  HYPERLINK_TYPE,
  isSheet,
  isSheetRels,
  R_NS,
  RELS_NS,
  relsOf,
  scanRelationships,
  setText,
  sourceOfRels,
  textOf,
} from './relationships';
import { appendContent, attributesOf, emptyElement, namespacedAttribute, plainAttribute, removeElement, replaceElement, scanXml, splice, type ScannedElement } from './xmlSplice';
import type { XlsxPart } from './xlsxZip';

/*
 * Links to a place in the workbook. Excel writes them as
 * `<hyperlink ref=".." location="'VMs'!C15"/>` with no relationship;
 * exceljs reads only links with a relationship and writes every link as an
 * external one, so `#'VMs'!C15` becomes a file link in some readers
 * (exceljs issue #3027). Before exceljs reads a file, location links get a
 * `#` relationship; after it writes one, `#` relationships become location links.
 */

const LINK_ID_PREFIX = 'rIdRackpilotLink';

/** `<hyperlink>` elements of a sheet, whatever their prefix; none without the word (a cheap pass over big sheets). */
function scanHyperlinks(text: string, label: string, part: string): ScannedElement[] {
  if (!text.includes('hyperlink')) return [];
  return scanXml(text, { label, part }, (local, parents) => local === 'hyperlink' && parents.length === 2 && parents[1] === 'hyperlinks');
}

const relationshipIdOf = (link: ScannedElement): string | undefined => namespacedAttribute(link, R_NS, 'id')?.value;

/** Location links become `#location` relationships, for exceljs to read them. */
export function externalizeLocationLinks(parts: XlsxPart[], label: string): XlsxPart[] {
  const byName = new Map(parts.map((part) => [part.name, part]));
  const added: XlsxPart[] = [];
  for (const sheet of parts) {
    if (!isSheet(sheet.name)) continue;
    const text = textOf(sheet);
    const links = scanHyperlinks(text, label, sheet.name).filter((link) => plainAttribute(link, 'location') !== undefined && relationshipIdOf(link) === undefined);
    if (links.length === 0) continue;
    const rels = byName.get(relsOf(sheet.name));
    const relsText = rels ? textOf(rels) : '';
    const scan = rels ? scanRelationships(relsText, label, rels.name) : undefined;
    const taken = new Set(scan?.relationships.map((relationship) => relationship.id));
    const relationshipName = scan?.root.prefix ? `${scan.root.prefix}:Relationship` : 'Relationship';
    const relationships: string[] = [];
    let serial = 0;
    const splices = links.map((link) => {
      let id: string;
      do id = `${LINK_ID_PREFIX}${++serial}`;
      while (taken.has(id));
      relationships.push(emptyElement(relationshipName, [['Id', id], ['Type', HYPERLINK_TYPE], ['Target', `#${plainAttribute(link, 'location')}`], ['TargetMode', 'External']]));
      const kept = attributesOf(link).filter(([name]) => name !== 'location' && name !== 'xmlns:r');
      return replaceElement(link, [...kept, ['xmlns:r', R_NS], ['r:id', id]]);
    });
    setText(sheet, splice(text, splices));
    if (rels && scan) setText(rels, splice(relsText, [appendContent(relsText, scan.root, relationships.join(''))]));
    else added.push({ name: relsOf(sheet.name), data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${relationships.join('')}</Relationships>`, 'utf8') });
  }
  return added.length === 0 ? parts : [...parts, ...added];
}

/** `#Sheet!A1` hyperlink relationships become in-document `location` links, the way Excel writes them. */
export function internalizeHyperlinks(parts: XlsxPart[], label: string): XlsxPart[] {
  const byName = new Map(parts.map((part) => [part.name, part]));
  for (const rels of parts) {
    if (!isSheetRels(rels.name)) continue;
    const sheet = byName.get(sourceOfRels(rels.name));
    if (!sheet) continue;
    const relsText = textOf(rels);
    const internal = scanRelationships(relsText, label, rels.name).relationships.filter((relationship) => relationship.type === HYPERLINK_TYPE && relationship.target.startsWith('#'));
    if (internal.length === 0) continue;
    const locations = new Map(internal.map((relationship) => [relationship.id, relationship.target.slice(1)]));
    const sheetText = textOf(sheet);
    const splices = scanHyperlinks(sheetText, label, sheet.name).flatMap((link) => {
      const location = locations.get(relationshipIdOf(link) ?? '');
      if (location === undefined) return [];
      const kept = attributesOf(link).filter(([name]) => name !== namespacedAttribute(link, R_NS, 'id')!.name);
      const attributes = kept.some(([name]) => name === 'location') ? kept.map(([name, value]) => [name, name === 'location' ? location : value] as const) : [...kept, ['location', location] as const];
      return [replaceElement(link, attributes)];
    });
    setText(rels, splice(relsText, internal.map((relationship) => removeElement(relationship.element))));
    setText(sheet, splice(sheetText, splices));
  }
  return parts;
}
