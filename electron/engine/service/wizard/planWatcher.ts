import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';

interface Signature {
  mtimeMs: number;
  size: number;
}

const signatureOf = (path: string): Promise<Signature | null> =>
  stat(path).then(
    (info) => (info.isFile() ? { mtimeMs: info.mtimeMs, size: info.size } : null),
    () => null,
  );

/**
 * Watches one workbook for saves. The folder is watched, not the file:
 * Excel and LibreOffice save by writing a temporary file and renaming it
 * over the original, which ends a watch on the file itself. Every event in
 * the folder (re)starts a short timer; when it fires, the file's mtime and
 * size are compared with the last ones seen, so a save reported as several
 * events, or a lock file appearing beside it, yields at most one change.
 *
 *   idle ──watch(path)──> watching ──event──> settling ──debounce──> stat: changed? ──> onChange(path)
 *     ^                      ^                                         │ (back to watching)
 *     └──watch(null) / dispose──────────────────────────────────────────┘
 */
export class PlanWatcher {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private generation = 0;

  constructor(
    private readonly onChange: (path: string) => void,
    private readonly debounceMs = 300,
  ) {}

  /** Replaces any earlier watch; null only stops. The path must name an existing file. */
  async watch(path: string | null): Promise<void> {
    this.stop();
    if (path === null) return;
    const generation = this.generation;
    const absolute = resolve(path);
    let last = await signatureOf(absolute);
    if (!last) fail('not_found', text('service.watch.noFile', { path: absolute }));
    // A newer watch() or stop() while the stat ran wins.
    if (generation !== this.generation) return;
    const compare = async (): Promise<void> => {
      const current = await signatureOf(absolute);
      if (generation !== this.generation || !current) return; // gone for a moment: a save in progress
      if (last && current.mtimeMs === last.mtimeMs && current.size === last.size) return;
      last = current;
      this.onChange(path);
    };
    let watcher: FSWatcher;
    try {
      watcher = watch(dirname(absolute), { persistent: false }, () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          this.timer = null;
          void compare().catch(() => undefined);
        }, this.debounceMs);
      });
    } catch (cause) {
      fail('io', text('service.watch.failed', { path: absolute }), { detail: cause instanceof Error ? cause.message : String(cause) });
    }
    // The folder vanished (an unplugged drive): stop quietly, the user can reload by hand.
    watcher.on('error', () => {
      if (this.watcher === watcher) this.stop();
    });
    this.watcher = watcher;
  }

  stop(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
  }

  dispose(): void {
    this.stop();
  }
}
