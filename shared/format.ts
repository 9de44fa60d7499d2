/*
 * Numbers as people read them, in the UI's locale. Sizes use binary units
 * (an ISO of 4 GiB is 4 × 1024³ bytes, which is what storage consoles show),
 * and speeds use the same units so size ÷ speed reads as the time it takes.
 */

const byteUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

/** A count in the locale's digits grouping: `140,007`. */
export function formatCount(value: number, locale = 'en'): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** `0 B`, `512 B`, `1.5 KiB`, `12 MiB`, `4 GiB`: one decimal below 10, none above. */
export function formatBytes(bytes: number, locale = 'en'): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let unit = 0;
  let value = bytes;
  while (unit < byteUnits.length - 1 && value >= 1024) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  // 1023.96 KiB would round to "1,024 KiB"; show it as the next unit instead.
  const factor = 10 ** digits;
  if (Math.round(value * factor) / factor >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = numberFormat(locale, { maximumFractionDigits: unit === 0 || value >= 10 ? 0 : 1 }).format(value);
  return `${shown} ${byteUnits[unit]}`;
}

export function formatSpeed(bytesPerSecond: number, locale = 'en'): string {
  return `${formatBytes(bytesPerSecond, locale)}/s`;
}

function unit(locale: string, name: 'hour' | 'minute' | 'second' | 'millisecond', value: number): string {
  return numberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value);
}

function joinUnits(locale: string, parts: string[]): string {
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts);
}

/** An elapsed time, exact to the second: `850 ms`, `42 sec`, `3 min 5 sec`, `2 hr 7 min`. */
export function formatDuration(ms: number, locale = 'en'): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1000) return unit(locale, 'millisecond', Math.floor(ms));
  const totalSeconds = Math.floor(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return joinUnits(locale, [unit(locale, 'hour', hours), unit(locale, 'minute', minutes)]);
  if (minutes > 0) return joinUnits(locale, [unit(locale, 'minute', minutes), unit(locale, 'second', seconds)]);
  return unit(locale, 'second', seconds);
}

/**
 * A time still to go, deliberately coarse (an estimate that ticks every
 * second looks more precise than it is): seconds under a minute, whole
 * minutes (rounded up) under an hour, hours and minutes above.
 */
export function formatRemaining(ms: number, locale = 'en'): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return unit(locale, 'second', seconds);
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return unit(locale, 'minute', minutes);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? unit(locale, 'hour', hours) : joinUnits(locale, [unit(locale, 'hour', hours), unit(locale, 'minute', rest)]);
}

/** Milliseconds left at the current speed, or null when it cannot be known. */
export function estimateRemainingMs(bytesDone: number, bytesTotal: number, bytesPerSecond: number): number | null {
  if (!(bytesTotal > 0) || !Number.isFinite(bytesDone)) return null;
  if (bytesDone >= bytesTotal) return 0;
  if (!(bytesPerSecond > 0)) return null;
  return ((bytesTotal - bytesDone) / bytesPerSecond) * 1000;
}

/** Whole percent, rounded down so "100%" means done and not "99.6%". */
export function formatPercent(fraction: number, locale = 'en'): string {
  const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(clamped * 100) / 100);
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Local wall-clock time of a log line, to the millisecond: `14:03:07.042`. */
export function formatClock(at: number): string {
  const date = new Date(at);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** Date and time of a run in the list, in the UI's locale. */
export function formatDateTime(at: number, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at));
}
