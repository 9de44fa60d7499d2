import { appendFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppFailure, fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';

export const maxUploadBytes = 100 * 1024 * 1024;
const staleAfterMs = 7 * 24 * 60 * 60_000;
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface UploadChunk {
  uploadId: string;
  name: string;
  offset: number;
  chunkBase64: string;
  final: boolean;
}

/**
 * A file name safe to create: the last path segment only, without control
 * or reserved characters, not hidden, the extension kept (the importer
 * recognises workbooks by content, the engineer by the name).
 */
export function safeUploadName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let cleaned = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim().replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  if (cleaned.length > 200) {
    const extension = extname(cleaned).slice(0, 20);
    cleaned = cleaned.slice(0, 200 - extension.length) + extension;
  }
  return cleaned === '' ? 'workbook.xlsx' : cleaned;
}

/**
 * Workbooks sent from the browser, chunk by chunk, into
 * `<dataDir>/imports/<uploadId>/<name>`. The bytes so far live in
 * `<name>.part`, so the state survives an engine restart and a half-sent
 * file is never importable; the last chunk renames it into place.
 *
 *   (none) ──offset 0──> receiving (.part) ──offset == received──> receiving
 *                              │ final                  other offset: 'conflict'
 *                              v
 *                          complete (<name>) ── any further chunk: 'conflict'
 */
export class WorkbookUploads {
  readonly root: string;
  /** Chunks of one upload are handled one at a time, in arrival order. */
  private readonly pending = new Map<string, Promise<unknown>>();

  constructor(dataDir: string, private readonly now: () => number = Date.now) {
    this.root = join(dataDir, 'imports');
  }

  receive(chunk: UploadChunk): Promise<{ received: number; path: string | null }> {
    const previous = this.pending.get(chunk.uploadId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.write(chunk));
    this.pending.set(chunk.uploadId, next);
    void next.finally(() => {
      if (this.pending.get(chunk.uploadId) === next) this.pending.delete(chunk.uploadId);
    }).catch(() => undefined);
    return next;
  }

  /** Removes import folders untouched for a week; a workbook an unfinished run still reads is kept. */
  async prune(keep: (path: string) => boolean = () => false): Promise<number> {
    let removed = 0;
    let entries: string[];
    try {
      entries = await readdir(this.root);
    } catch {
      return 0;
    }
    for (const entry of entries) {
      const dir = join(this.root, entry);
      try {
        const info = await stat(dir);
        if (!info.isDirectory() || this.now() - info.mtimeMs < staleAfterMs || keep(dir) || this.pending.has(entry)) continue;
        await rm(dir, { recursive: true, force: true });
        removed++;
      } catch {
        // Another process may be pruning too; the next start tries again.
      }
    }
    return removed;
  }

  private async write(chunk: UploadChunk): Promise<{ received: number; path: string | null }> {
    if (!base64.test(chunk.chunkBase64)) fail('invalid_request', text('service.upload.badBase64', { offset: chunk.offset, name: chunk.name }));
    const bytes = Buffer.from(chunk.chunkBase64, 'base64');
    const name = safeUploadName(chunk.name);
    const dir = join(this.root, chunk.uploadId);
    const finalPath = join(dir, name);
    const partPath = `${finalPath}.part`;
    const existing = (await readdir(dir).catch(() => [] as string[])).filter((entry) => entry !== `${name}.part`);
    if (existing.includes(name)) fail('conflict', text('service.upload.complete', { upload: chunk.uploadId }), { hint: text('service.upload.completeHint') });
    if (existing.length > 0) fail('conflict', text('service.upload.otherFile', { upload: chunk.uploadId, file: existing[0]! }), { hint: text('service.upload.otherFileHint') });
    const received = await stat(partPath).then((info) => info.size, () => 0);
    if (chunk.offset !== received) {
      fail('conflict', text('service.upload.offset', { upload: chunk.uploadId, offset: chunk.offset, received }), {
        hint: text('service.upload.offsetHint', { received }),
      });
    }
    const total = received + bytes.length;
    if (total > maxUploadBytes) fail('invalid_request', text('service.upload.tooLarge', { name, megabytes: maxUploadBytes / 1024 / 1024 }));
    try {
      await mkdir(dir, { recursive: true });
      await appendFile(partPath, bytes);
      if (!chunk.final) return { received: total, path: null };
      if (total === 0) fail('invalid_request', text('service.upload.empty', { name }), { hint: text('service.upload.emptyHint') });
      await rename(partPath, finalPath);
      return { received: total, path: finalPath };
    } catch (cause) {
      if (cause instanceof AppFailure) throw cause;
      fail('io', text('service.upload.saveFailed', { name, dir }), { detail: cause instanceof Error ? cause.message : String(cause) });
    }
  }
}
