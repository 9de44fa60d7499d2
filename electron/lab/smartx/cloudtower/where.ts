/*
 * The `where` filters of CloudTower's get-* operations (Prisma-style inputs
 * in the spec): equality, `_in`, `_not`, `_contains`, nested objects and
 * AND/OR/NOT. Anything else the spec allows is refused as not simulated,
 * rather than silently matching everything.
 */
export class WhereNotSimulated extends Error {}

type Row = Record<string, unknown>;

function matchField(value: unknown, key: string, wanted: unknown): boolean {
  if (key.endsWith('_in')) return Array.isArray(wanted) && wanted.includes(value);
  if (key.endsWith('_not')) return value !== wanted;
  if (key.endsWith('_contains')) return typeof value === 'string' && typeof wanted === 'string' && value.includes(wanted);
  if (wanted !== null && typeof wanted === 'object') {
    if (Array.isArray(value)) return value.some((item) => matches(item as Row, wanted as Row));
    return value !== null && typeof value === 'object' && matches(value as Row, wanted as Row);
  }
  return value === wanted;
}

const suffixes = ['_in', '_not', '_contains'];

export function matches(row: Row, where: Row | null | undefined): boolean {
  if (!where) return true;
  return Object.entries(where).every(([key, wanted]) => {
    if (wanted === undefined || wanted === null) return true;
    if (key === 'AND') return (wanted as Row[]).every((inner) => matches(row, inner));
    if (key === 'OR') return (wanted as Row[]).some((inner) => matches(row, inner));
    if (key === 'NOT') return !(wanted as Row[]).some((inner) => matches(row, inner));
    const suffix = suffixes.find((candidate) => key.endsWith(candidate));
    const field = suffix ? key.slice(0, -suffix.length) : key;
    if (!suffix && /_(not_in|starts_with|ends_with|not_contains|gt|gte|lt|lte|some|every|none)$/.test(key)) throw new WhereNotSimulated(`where.${key} is not simulated by the lab`);
    return matchField(row[field], key, wanted);
  });
}
