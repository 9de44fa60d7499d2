import type { Translate } from '../i18n/translate';
import { formatBytes, formatRemaining, formatSpeed } from '../../../shared/format';

export interface ProgressFigures {
  /** Step counts; omitted for a single step's line. */
  steps?: { done: number; total: number; failed?: number };
  bytesDone?: number;
  bytesTotal?: number;
  bytesPerSecond?: number;
  remainingMs?: number | null;
}

const separator = ' · ';

/**
 * One line such as `3 of 12 steps · 1.2 GiB of 4 GiB · 45 MiB/s · 1 min left`.
 * Parts without data are left out rather than shown as zero: a speed of 0
 * or an unknown ETA says nothing useful.
 */
export function progressText(figures: ProgressFigures, t: Translate, locale: string): string {
  const parts: string[] = [];
  if (figures.steps) {
    parts.push(t('progress.steps', { done: figures.steps.done, total: figures.steps.total }));
    if (figures.steps.failed) parts.push(t('progress.failed', { count: figures.steps.failed }));
  }
  if (figures.bytesTotal && figures.bytesTotal > 0) {
    parts.push(t('progress.bytes', { done: formatBytes(figures.bytesDone ?? 0, locale), total: formatBytes(figures.bytesTotal, locale) }));
    const finished = (figures.bytesDone ?? 0) >= figures.bytesTotal;
    if (!finished && figures.bytesPerSecond && figures.bytesPerSecond > 0) parts.push(formatSpeed(figures.bytesPerSecond, locale));
    if (!finished && figures.remainingMs != null && figures.remainingMs > 0) {
      parts.push(t('progress.remaining', { time: formatRemaining(figures.remainingMs, locale) }));
    }
  }
  return parts.join(separator);
}
