import type { OnProgress } from './types';

interface Sample {
  at: number;
  bytes: number;
}

/**
 * Turns a stream of byte counts into progress reports: at most one per
 * `intervalMs` (the UI cannot use more, and each report costs an event), the
 * speed a moving average over `windowMs` so one slow chunk does not make the
 * ETA jump. `finish()` always reports, so the last report is the final count.
 */
export class ProgressMeter {
  private samples: Sample[] = [];
  private bytesDone = 0;
  private lastReport = -Infinity;
  private readonly now: () => number;
  private readonly windowMs: number;
  private readonly intervalMs: number;

  constructor(
    private readonly bytesTotal: number,
    private readonly onProgress: OnProgress | undefined,
    options: { now?: () => number; windowMs?: number; intervalMs?: number } = {},
  ) {
    this.now = options.now ?? (() => performance.now());
    this.windowMs = options.windowMs ?? 3000;
    this.intervalMs = options.intervalMs ?? 100;
    this.samples = [{ at: this.now(), bytes: 0 }];
  }

  /** Starts over from `bytes` (a retry that re-reads, or a resume where the server already has some). */
  restart(bytes: number): void {
    this.bytesDone = bytes;
    this.samples = [{ at: this.now(), bytes }];
    this.lastReport = -Infinity;
  }

  add(bytes: number): void {
    this.set(this.bytesDone + bytes);
  }

  set(bytesDone: number): void {
    this.bytesDone = bytesDone;
    if (!this.onProgress) return;
    const at = this.now();
    if (at - this.lastReport < this.intervalMs) return;
    this.report(at);
  }

  finish(): void {
    if (this.onProgress) this.report(this.now());
  }

  get done(): number {
    return this.bytesDone;
  }

  private report(at: number): void {
    this.lastReport = at;
    this.samples.push({ at, bytes: this.bytesDone });
    // Keep one sample older than the window as the reference point.
    while (this.samples.length > 2 && at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
    const oldest = this.samples[0]!;
    const elapsed = (at - oldest.at) / 1000;
    const bytesPerSecond = elapsed > 0 ? Math.max(0, (this.bytesDone - oldest.bytes) / elapsed) : 0;
    const left = Math.max(0, this.bytesTotal - this.bytesDone);
    const etaSeconds = left === 0 ? 0 : bytesPerSecond > 0 ? left / bytesPerSecond : null;
    this.onProgress!({ bytesDone: this.bytesDone, bytesTotal: this.bytesTotal, bytesPerSecond: Math.round(bytesPerSecond), etaSeconds });
  }
}
