import { setText, textOf } from './relationships';
import { scanXml, splice, type Splice } from './xmlSplice';
import type { XlsxPart } from './xlsxZip';

/*
 * Some writers put SpreadsheetML in a prefixed namespace
 * (`<x:worksheet xmlns:x="...main">`); exceljs reads only unprefixed
 * element names and fails on such a workbook. Parts whose root is prefixed
 * SpreadsheetML get the main namespace as their default, and its elements
 * lose the prefix; attributes and other namespaces stay as they are.
 */

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** Splices that drop the SpreadsheetML prefix, or none when the part does not need it. */
function unprefixSplices(text: string, label: string, part: string): Splice[] {
  const elements = scanXml(text, { label, part }, () => true);
  const root = elements[0];
  // A part with a default namespace of its own is left alone: unprefixed names would change meaning.
  if (!root || root.uri !== MAIN_NS || root.prefix === '' || elements.some((element) => element.prefix === '' || 'xmlns' in element.attributes)) return [];
  return elements
    .filter((element) => element.uri === MAIN_NS)
    .flatMap((element) => {
      const nameAt = element.start + 1;
      const renamed: Splice[] = [{ start: nameAt, end: nameAt + element.name.length, text: element === root ? `${element.local} xmlns="${MAIN_NS}"` : element.local }];
      if (element.closeStart !== element.end) renamed.push({ start: element.closeStart + 2, end: element.closeStart + 2 + element.name.length, text: element.local });
      return renamed;
    });
}

export function unprefixSpreadsheetML(parts: XlsxPart[], label: string): XlsxPart[] {
  for (const part of parts) {
    if (!/\.xml$/.test(part.name)) continue;
    const text = textOf(part);
    // Cheap pass: a part that never names the namespace with a prefix needs nothing.
    if (!new RegExp(`xmlns:[\\w.-]+\\s*=\\s*["']${MAIN_NS}["']`).test(text)) continue;
    const splices = unprefixSplices(text, label, part.name);
    if (splices.length > 0) setText(part, splice(text, splices));
  }
  return parts;
}
