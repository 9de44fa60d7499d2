import { setText, textOf } from './relationships';
import { internalizeHyperlinks, externalizeLocationLinks } from './hyperlinkParts';
import { normalizeCommentParts } from './commentParts';
import { unprefixSpreadsheetML } from './prefixedParts';
import { attributesOf, escapeText, plainAttribute, scanXml, replaceStartTag, splice, type Splice } from './xmlSplice';
import { readXlsxParts, writeXlsxParts, type XlsxPart } from './xlsxZip';

/*
 * Part-level fixes around exceljs 4.4, which reads and writes the whole
 * workbook (and so keeps the user's formatting) but gets a few part-level
 * details wrong: prefixed SpreadsheetML, comment part names and internal
 * links on the way in (prefixedParts.ts, commentParts.ts, hyperlinkParts.ts),
 * internal links and note box sizes on the way out.
 */

/**
 * exceljs sizes every note box two columns by four rows, which cuts off a
 * few lines of help; boxes become three columns by eleven rows.
 */
export function enlargeNoteBoxes(parts: XlsxPart[], label: string): XlsxPart[] {
  for (const part of parts) {
    if (!/^xl\/drawings\/vmlDrawing\d+\.vml$/.test(part.name)) continue;
    const text = textOf(part);
    const elements = scanXml(text, { label, part: part.name }, (local) => local === 'shape' || local === 'Anchor');
    const splices = elements.flatMap((element): Splice[] => {
      if (element.local === 'Anchor') {
        const [left, leftOffset, top, topOffset] = text.slice(element.openEnd, element.closeStart).split(',').map((value) => Number(value.trim()));
        if (left === undefined || top === undefined || Number.isNaN(left) || Number.isNaN(top)) return [];
        return [{ start: element.openEnd, end: element.closeStart, text: escapeText(`${left}, ${leftOffset ?? 0}, ${top}, ${topOffset ?? 0}, ${left + 3}, 0, ${top + 11}, 0`) }];
      }
      const style = plainAttribute(element, 'style');
      if (style === undefined || !/width:[\d.]+pt;height:[\d.]+pt/.test(style)) return [];
      const attributes = attributesOf(element).map(([name, value]): [string, string] => [name, name === 'style' ? value.replace(/width:[\d.]+pt;height:[\d.]+pt/, 'width:260pt;height:160pt') : value]);
      return [replaceStartTag(element, attributes)];
    });
    setText(part, splice(text, splices));
  }
  return parts;
}

/** Applies the output fixes to a workbook exceljs wrote; the result has the same bytes for the same content. */
export async function finishWorkbookBuffer(written: Buffer | ArrayBuffer, label: string): Promise<Buffer> {
  const buffer = Buffer.isBuffer(written) ? written : Buffer.from(written);
  return writeXlsxParts(enlargeNoteBoxes(internalizeHyperlinks(await readXlsxParts(buffer, label), label), label));
}

/** Applies the input fixes before exceljs loads a workbook another program wrote. */
export async function prepareWorkbookBuffer(source: Buffer, label: string): Promise<Buffer> {
  const parts = unprefixSpreadsheetML(await readXlsxParts(source, label), label);
  return writeXlsxParts(externalizeLocationLinks(normalizeCommentParts(parts, label), label));
}
