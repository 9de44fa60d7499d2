import { logLevels, type LogLevel, type LogLine } from '../../../shared/runModel';
import type { LogBuffer } from './logBuffer';

export interface LogFilter {
  /** Lines of steps on this target; run-level lines (no step) are left out. */
  target: string | null;
  stepId: string | null;
  minLevel: LogLevel;
  /** Case-insensitive substring of the text. */
  query: string;
}

export const emptyLogFilter: LogFilter = { target: null, stepId: null, minLevel: 'debug', query: '' };

export function isEmptyFilter(filter: LogFilter): boolean {
  return filter.target === null && filter.stepId === null && filter.minLevel === 'debug' && filter.query === '';
}

const levelRank = new Map<LogLevel, number>(logLevels.map((level, rank) => [level, rank]));

/** A predicate for one filter, with the per-filter work (lower-casing, lookups) done once. */
/** `textOf`: the line as the reader sees it (Rackpilot's own lines in the UI's language), which is what a search looks in. */
export type LineText = (line: LogLine) => string;

export function lineMatcher(filter: LogFilter, targetOfStep: ReadonlyMap<string, string>, textOf: LineText = (line) => line.text): (line: LogLine) => boolean {
  const minRank = levelRank.get(filter.minLevel) ?? 0;
  const query = filter.query.trim().toLowerCase();
  return (line) => {
    if ((levelRank.get(line.level) ?? 0) < minRank) return false;
    if (filter.stepId !== null && line.stepId !== filter.stepId) return false;
    if (filter.target !== null && (line.stepId === null || targetOfStep.get(line.stepId) !== filter.target)) return false;
    if (query !== '' && !textOf(line).toLowerCase().includes(query)) return false;
    return true;
  };
}

/**
 * The lines of a buffer that pass a filter, as absolute buffer indices,
 * updated incrementally: new lines are tested once as they arrive, dropped
 * ones are forgotten from the front. With no filter it is the identity and
 * holds no array at all.
 */
export class LogView {
  private indices: number[] = [];
  /** Absolute buffer index up to which lines have been tested. */
  private scanned: number;
  private readonly matches: ((line: LogLine) => boolean) | null;

  constructor(
    private readonly buffer: LogBuffer,
    filter: LogFilter,
    targetOfStep: ReadonlyMap<string, string>,
    textOf?: LineText,
  ) {
    this.matches = isEmptyFilter(filter) ? null : lineMatcher(filter, targetOfStep, textOf);
    this.scanned = buffer.firstIndex;
    this.refresh();
  }

  /** Catches up with lines appended and dropped since the last call. */
  refresh(): void {
    if (!this.matches) return;
    const end = this.buffer.endIndex;
    for (let index = Math.max(this.scanned, this.buffer.firstIndex); index < end; index++) {
      if (this.matches(this.buffer.at(index)!)) this.indices.push(index);
    }
    this.scanned = end;
    const first = this.buffer.firstIndex;
    if (this.indices.length > 0 && this.indices[0]! < first) this.indices.splice(0, lowerBound(this.indices, first));
  }

  get length(): number {
    return this.matches ? this.indices.length : this.buffer.size;
  }

  /** Absolute buffer index of the `position`-th visible line. */
  indexAt(position: number): number {
    return this.matches ? this.indices[position]! : this.buffer.firstIndex + position;
  }

  lineAt(position: number): LogLine | undefined {
    return this.buffer.at(this.indexAt(position));
  }

  /** Position of the first visible line at or after absolute index `index` (for keeping the reader's place). */
  positionOf(index: number): number {
    return this.matches ? lowerBound(this.indices, index) : Math.max(0, index - this.buffer.firstIndex);
  }
}

/** First position in sorted `values` whose value is >= `target`. */
export function lowerBound(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}
