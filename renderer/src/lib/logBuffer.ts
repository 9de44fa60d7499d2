import type { LogLine } from '../../../shared/runModel';

/**
 * The log lines of one run kept in memory, oldest first, about `cap` of
 * them (up to an eighth more before a chunk is dropped; older lines stay in
 * the engine's store). Positions are absolute:
 * line `n` keeps its number when older lines are dropped, so views that
 * index into the buffer only need to forget numbers below `firstIndex`.
 *
 * Mutable on purpose: a React state copy per batch of 200k lines would cost
 * more than the rendering it feeds. Whoever owns it bumps a version number.
 */
export class LogBuffer {
  private lines: LogLine[] = [];
  /** Absolute index of `lines[0]`. */
  private offset = 0;
  private newest = -1;

  constructor(readonly cap = 200_000) {
    if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`LogBuffer cap must be a positive integer, got ${cap}`);
  }

  /** Absolute index of the oldest line still held (= how many were dropped). */
  get firstIndex(): number {
    return this.offset;
  }

  /** Absolute index one past the newest line. */
  get endIndex(): number {
    return this.offset + this.lines.length;
  }

  get size(): number {
    return this.lines.length;
  }

  /** Sequence number of the newest line held, -1 when none arrived yet. */
  get lastSeq(): number {
    return this.newest;
  }

  /** The line at absolute index `index`, if still held. */
  at(index: number): LogLine | undefined {
    return this.lines[index - this.offset];
  }

  /**
   * Appends the lines newer than everything held (older or repeated ones,
   * e.g. from a refetch that overlaps live events, are skipped). Returns how
   * many were added.
   */
  append(lines: readonly LogLine[]): number {
    let added = 0;
    for (const line of lines) {
      if (line.seq <= this.newest) continue;
      this.lines.push(line);
      this.newest = line.seq;
      added++;
    }
    // Dropping in chunks keeps the cost of shifting the array off the per-batch path.
    if (this.lines.length > this.cap + Math.floor(this.cap / 8)) {
      const excess = this.lines.length - this.cap;
      this.lines.splice(0, excess);
      this.offset += excess;
    }
    return added;
  }
}
