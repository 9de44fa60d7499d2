import { posix } from 'node:path';
import { isSheetRels, resolveTarget, scanRelationships, setText, textOf } from './relationships';
import { attributesOf, plainAttribute, replaceElement, scanXml, splice, startTag, type ScannedElement } from './xmlSplice';
import type { XlsxPart } from './xlsxZip';

/*
 * exceljs finds a sheet's comments only under its own part names
 * (`xl/comments1.xml`, `xl/drawings/vmlDrawing1.vml`), only through the
 * relative target `../comments1.xml`, and reads only rich-text runs;
 * openpyxl writes `/xl/comments/comment1.xml` with plain `<text><t>..</t></text>`
 * (LibreOffice too), and exceljs then fails to load the file at all. The
 * parts are renamed, their targets made relative and their text made runs.
 */

type Kind = 'comments' | 'vml';
const kindOf = (type: string): Kind | null => (type.endsWith('/comments') ? 'comments' : type.endsWith('/vmlDrawing') ? 'vml' : null);
const canonicalPattern: Record<Kind, RegExp> = { comments: /^xl\/comments\d+\.xml$/, vml: /^xl\/drawings\/vmlDrawing\d+\.vml$/ };
const canonicalName: Record<Kind, (n: number) => string> = { comments: (n) => `xl/comments${n}.xml`, vml: (n) => `xl/drawings/vmlDrawing${n}.vml` };
const relativeTarget: Record<Kind, (name: string) => string> = { comments: (name) => `../${posix.basename(name)}`, vml: (name) => `../drawings/${posix.basename(name)}` };

const withAttribute = (element: ScannedElement, name: string, value: string): Array<[string, string]> =>
  attributesOf(element).map(([key, old]) => [key, key === name ? value : old]);

/** Renames comment and VML parts to exceljs's names, makes their targets relative and their text runs. */
export function normalizeCommentParts(parts: XlsxPart[], label: string): XlsxPart[] {
  const renames = new Map<string, string>();
  const taken = new Set(parts.map((part) => part.name));
  const allocate = (kind: Kind): string => {
    let n = 1;
    while (taken.has(canonicalName[kind](n))) n++;
    taken.add(canonicalName[kind](n));
    return canonicalName[kind](n);
  };
  for (const rels of parts) {
    if (!isSheetRels(rels.name)) continue;
    const text = textOf(rels);
    const splices = scanRelationships(text, label, rels.name).relationships.flatMap(({ element, type, target }) => {
      const kind = kindOf(type);
      const from = resolveTarget(rels.name, target);
      if (kind === null || target === '' || !taken.has(from)) return [];
      let to = renames.get(from) ?? (canonicalPattern[kind].test(from) ? from : undefined);
      if (to === undefined) renames.set(from, (to = allocate(kind)));
      const relative = relativeTarget[kind](to);
      return relative === target ? [] : [replaceElement(element, withAttribute(element, 'Target', relative))];
    });
    if (splices.length > 0) setText(rels, splice(text, splices));
  }
  return parts.map((part) => {
    const name = renames.get(part.name) ?? part.name;
    if (canonicalPattern.comments.test(name)) return { name, data: commentTextAsRuns(part, label) };
    if (part.name === '[Content_Types].xml' && renames.size > 0) return { name, data: renamedOverrides(part, renames, label) };
    return name === part.name ? part : { name, data: part.data };
  });
}

/** `<Override PartName="/from">` entries follow the renamed parts. */
function renamedOverrides(part: XlsxPart, renames: ReadonlyMap<string, string>, label: string): Buffer {
  const text = textOf(part);
  const overrides = scanXml(text, { label, part: part.name }, (local, parents) => local === 'Override' && parents.length === 1);
  const splices = overrides.flatMap((override) => {
    const to = renames.get((plainAttribute(override, 'PartName') ?? '').replace(/^\//, ''));
    return to === undefined ? [] : [replaceElement(override, withAttribute(override, 'PartName', `/${to}`))];
  });
  return splices.length === 0 ? part.data : Buffer.from(splice(text, splices), 'utf8');
}

/** A comment's plain `<t>` becomes one run, its text kept as written. */
function commentTextAsRuns(part: XlsxPart, label: string): Buffer {
  const text = textOf(part);
  const plain = scanXml(text, { label, part: part.name }, (local, parents) => local === 't' && parents.at(-1) === 'text' && parents.at(-2) === 'comment');
  const splices = plain.map((t) => {
    const prefix = t.prefix ? `${t.prefix}:` : '';
    const attributes = [...attributesOf(t).filter(([name]) => name !== 'xml:space'), ['xml:space', 'preserve'] as [string, string]];
    const inner = text.slice(t.openEnd, t.closeStart);
    return { start: t.start, end: t.end, text: `<${prefix}r>${startTag(t.name, attributes)}${inner}</${t.name}></${prefix}r>` };
  });
  return splices.length === 0 ? part.data : Buffer.from(splice(text, splices), 'utf8');
}
