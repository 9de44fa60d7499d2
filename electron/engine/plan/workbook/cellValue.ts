/** A cell's value as profiles see it: rich text and hyperlinks flattened, errors set apart. */
export type CellValue = string | number | boolean | Date | null;

export interface NormalizedValue {
  value: CellValue;
  /** An Excel error shown in the cell (`#N/A`, `#REF!`); value is null then. */
  error?: string;
}

function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null;
}

function flattenRichText(parts: unknown): string {
  if (!Array.isArray(parts)) return '';
  return parts.map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : '')).join('');
}

/** exceljs's cell value shapes -> one CellValue; anything unexpected reads as empty rather than crashing. */
export function normalizeRaw(raw: unknown): NormalizedValue {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw === 'string' || typeof raw === 'boolean') return { value: raw };
  if (typeof raw === 'number') return { value: Number.isFinite(raw) ? raw : null };
  if (raw instanceof Date) return { value: Number.isNaN(raw.getTime()) ? null : raw };
  if (!isRecord(raw)) return { value: null };
  if (Array.isArray(raw.richText)) return { value: flattenRichText(raw.richText) };
  if (typeof raw.error === 'string') return { value: null, error: raw.error };
  if ('hyperlink' in raw || 'text' in raw) return normalizeRaw(raw.text);
  if ('result' in raw) return normalizeRaw(raw.result);
  return { value: null };
}

/** Days since 1899-12-30, the way Excel stores dates (and shows them when concatenated). */
export function excelSerial(date: Date): number {
  return date.getTime() / 86_400_000 + 25_569;
}

/** Excel's General format for numbers: at most 15 significant digits, no trailing zeros. */
export function formatGeneralNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** The text Excel would produce when the value is concatenated with `&`. */
export function valueAsText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatGeneralNumber(excelSerial(value));
  return formatGeneralNumber(value);
}
