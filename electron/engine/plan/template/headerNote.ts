import type { Lang } from '../../../../shared/plan/findingCodes';
import type { ColumnDef } from '../v1/columnTypes';
import { templateText, typeWords } from './templateText';

export type CellInput = string | number | boolean | null;

/** What a column's example shows; booleans in the sheet's language so they match the drop-down. */
export function exampleValue(column: ColumnDef, lang: Lang): CellInput {
  const value = column.example;
  if (value === undefined) return null;
  if (column.type.kind !== 'bool') return value;
  const truthy = value === true || (typeof value === 'string' && /^(yes|true|1|y)$/i.test(value));
  return truthy ? templateText[lang].yes : templateText[lang].no;
}

export interface NoteText {
  title: string;
  body: string;
}

function defaultWords(column: ColumnDef): string | null {
  const value = column.default;
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.join(', ');
  return String(value);
}

/**
 * The note on a header cell: what the column means (its help, which names
 * the units), its type, whether it is required or what empty means, and an
 * example.
 */
export function headerNote(column: ColumnDef, lang: Lang, sheetName: (key: string) => string): NoteText {
  const text = templateText[lang];
  const lines = [column.help[lang], `${text.type}${text.colon}${typeWords(column.type, lang, sheetName)}`];
  const fallback = defaultWords(column);
  lines.push(column.required ? text.required : fallback === null ? text.optional : `${text.optional}${text.semicolon}${text.defaultLabel} ${fallback}`);
  const example = exampleValue(column, lang);
  if (example !== null) lines.push(`${text.example}${text.colon}${String(example)}`);
  return { title: column.header[lang], body: lines.join('\n') };
}
