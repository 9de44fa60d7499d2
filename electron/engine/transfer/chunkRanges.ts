import { AppFailure, appError } from '../../../shared/errors';
import { text, type TextRef } from '../../../shared/i18n/engineText';

/** Inclusive [first, last] runs of chunk indexes: a 100 GiB upload's progress in a few numbers. */
export type Ranges = [number, number][];

/** The server's list made safe: integers inside the upload, unique, ascending. */
/** `where` names the server: catalogue text, or a name as it is. */
export function normalizeWanted(wanted: unknown, count: number, where: string | TextRef): number[] {
  if (!Array.isArray(wanted)) throw badAnswer(text('transfer.chunks.noWanted', { what: where }));
  const seen = new Set<number>();
  for (const index of wanted) {
    if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= count) {
      throw badAnswer(text('transfer.chunks.outOfRange', { what: where, index: String(index), count }));
    }
    seen.add(index as number);
  }
  return [...seen].sort((a, b) => a - b);
}

function badAnswer(title: TextRef): AppFailure {
  return new AppFailure(appError('network', title, { hint: text('transfer.chunks.badAnswerHint'), retryable: true }));
}

/** Every index in [0, count) that is not in `wanted` (ascending). */
export function complementRanges(wanted: number[], count: number): Ranges {
  const ranges: Ranges = [];
  let next = 0;
  for (const index of [...wanted, count]) {
    if (index > next) ranges.push([next, index - 1]);
    next = index + 1;
  }
  return ranges;
}

export function addToRanges(ranges: Ranges, index: number): void {
  const last = ranges[ranges.length - 1];
  if (last && index === last[1] + 1) {
    last[1] = index; // the usual case: chunks go up one by one
    return;
  }
  if (ranges.some(([first, end]) => index >= first && index <= end)) return;
  ranges.push([index, index]);
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = ranges.length - 1; i > 0; i--) {
    if (ranges[i - 1]![1] + 1 >= ranges[i]![0]) {
      ranges[i - 1]![1] = Math.max(ranges[i - 1]![1], ranges[i]![1]);
      ranges.splice(i, 1);
    }
  }
}

export function countRanges(ranges: Ranges): number {
  return ranges.reduce((sum, [first, last]) => sum + last - first + 1, 0);
}
