import { posix } from 'node:path';
import { plainAttribute, scanXml, type ScannedElement } from './xmlSplice';
import type { XlsxPart } from './xlsxZip';

/*
 * The package relationships of a sheet (`xl/worksheets/_rels/sheet1.xml.rels`):
 * where they live, what a target points at, and their elements as scanned.
 */

export const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const HYPERLINK_TYPE = `${R_NS}/hyperlink`;

export const isSheet = (name: string): boolean => /^xl\/worksheets\/[^/]+\.xml$/.test(name);
export const isSheetRels = (name: string): boolean => /^xl\/worksheets\/_rels\/[^/]+\.xml\.rels$/.test(name);

/** `xl/worksheets/_rels/sheet1.xml.rels` -> `xl/worksheets/sheet1.xml`. */
export function sourceOfRels(relsName: string): string {
  return posix.join(posix.dirname(posix.dirname(relsName)), posix.basename(relsName, '.rels'));
}

/** `xl/worksheets/sheet1.xml` -> `xl/worksheets/_rels/sheet1.xml.rels`. */
export function relsOf(partName: string): string {
  return `${posix.dirname(partName)}/_rels/${posix.basename(partName)}.rels`;
}

/** The part a relationship target names, from the root of the package. */
export function resolveTarget(relsName: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(sourceOfRels(relsName)), target));
}

export interface Relationship {
  element: ScannedElement;
  id: string;
  type: string;
  target: string;
}

export interface RelationshipsScan {
  root: ScannedElement;
  relationships: Relationship[];
}

/** The root element and every `Relationship` of a relationships part. */
export function scanRelationships(text: string, label: string, part: string): RelationshipsScan {
  const elements = scanXml(text, { label, part }, (local, parents) => parents.length === 0 || (parents.length === 1 && local === 'Relationship'));
  // saxes refuses a document without a root element, so there is one.
  const root = elements.find((element) => element.parents.length === 0) as ScannedElement;
  const relationships = elements
    .filter((element) => element !== root && element.uri === RELS_NS && root.local === 'Relationships')
    .map((element) => ({ element, id: plainAttribute(element, 'Id') ?? '', type: plainAttribute(element, 'Type') ?? '', target: plainAttribute(element, 'Target') ?? '' }));
  return { root, relationships };
}

export const textOf = (part: XlsxPart): string => part.data.toString('utf8');
export const setText = (part: XlsxPart, text: string): void => {
  part.data = Buffer.from(text, 'utf8');
};
