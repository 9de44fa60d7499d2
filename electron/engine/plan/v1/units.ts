import type { SizeUnit } from './columnTypes';

/*
 * Values the way people type them. Rules (documented in FORMAT.md):
 * - Sizes: a number and an optional unit. K/KB/KiB, M/MB/MiB, G/GB/GiB and
 *   T/TB/TiB are all binary (GB means GiB, as in every planning workbook).
 *   A bare number is the column's unit (MiB for memory, GiB for disk) unless
 *   the header names one. `1,5` is one and a half; `8,192` (comma then
 *   exactly three digits) is eight thousand one hundred and ninety-two.
 * - Durations: seconds, or a number with s, m/min, h.
 * - Booleans: yes/no, y/n, true/false, 1/0, x/✓, 是/否, sí/si/no.
 * - Lists: separated by commas, semicolons, `、`, full-width commas or line breaks.
 */

const unitFactor: Record<SizeUnit, number> = { KiB: 1 / 1024, MiB: 1, GiB: 1024, TiB: 1024 * 1024 };
const unitWords: Record<string, SizeUnit> = {
  k: 'KiB', kb: 'KiB', kib: 'KiB',
  m: 'MiB', mb: 'MiB', mib: 'MiB',
  g: 'GiB', gb: 'GiB', gib: 'GiB',
  t: 'TiB', tb: 'TiB', tib: 'TiB',
};

/** `1,5` -> 1.5; `8,192` -> 8192; `1.024,5` and other mixtures are refused. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d{1,3}(,\d{3})+$/.test(trimmed)) return Number(trimmed.replace(/,/g, ''));
  if (/^\d+(,\d+)?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  if (/^(\d+\.?\d*|\.\d+)$/.test(trimmed)) return Number(trimmed);
  return null;
}

/** A size in `unit`, or null when the text is not a size. */
export function parseSize(value: string | number, bareUnit: SizeUnit, unit: SizeUnit, round: 'nearest' | 'up'): number | null {
  let amount: number | null;
  let from: SizeUnit = bareUnit;
  if (typeof value === 'number') {
    amount = Number.isFinite(value) ? value : null;
  } else {
    const match = /^\s*([\d.,]+)\s*([a-z]*)\s*$/i.exec(value.normalize('NFKC'));
    if (!match) return null;
    amount = parseDecimal(match[1]!);
    if (match[2]) {
      const named = unitWords[match[2].toLowerCase()];
      if (!named) return null;
      from = named;
    }
  }
  if (amount === null || amount < 0) return null;
  const converted = (amount * unitFactor[from]) / unitFactor[unit];
  // Float noise (0.1 TiB in GiB) must not round a whole number up.
  const cleaned = Math.abs(converted - Math.round(converted)) < 1e-9 ? Math.round(converted) : converted;
  return round === 'up' ? Math.ceil(cleaned) : Math.round(cleaned);
}

export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
  const match = /^\s*([\d.,]+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|秒|分钟|小时)?\s*$/i.exec(value.normalize('NFKC'));
  if (!match) return null;
  const amount = parseDecimal(match[1]!);
  if (amount === null) return null;
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit.startsWith('h') || unit === '小时' ? 3600 : unit.startsWith('m') || unit === '分钟' ? 60 : 1;
  return Math.round(amount * factor);
}

const truthy = new Set(['yes', 'y', 'true', '1', 'x', '✓', '✔', '是', '对', 'sí', 'si', 'verdadero', 'on']);
const falsy = new Set(['no', 'n', 'false', '0', '否', '不', 'falso', 'off']);

export function parseBool(value: string | number | boolean): boolean | null {
  if (typeof value === 'boolean') return value;
  const folded = String(value).normalize('NFKC').trim().toLowerCase();
  if (truthy.has(folded)) return true;
  if (falsy.has(folded)) return false;
  return null;
}

export function splitList(text: string): string[] {
  return text
    .normalize('NFKC')
    .split(/[,;、\n\r]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}
