import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppFailure, fail } from '../../../../shared/errors';
import { text } from '../../../../shared/i18n/engineText';

/**
 * Writes `data` to a hidden temporary file next to `path`, flushes it and
 * renames it over `path`: a reader never sees half a workbook, and a crash
 * leaves the old file (or none) rather than a truncated one.
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true });
    if (cause instanceof AppFailure) throw cause;
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown';
    fail('io', text('host.file.writeFailed', { name: basename(path), code }), {
      hint: code === 'EACCES' || code === 'EPERM' ? text('host.file.writeNoAccessHint') : text('host.file.writeFailedHint'),
      detail: `${path}: ${(cause as Error).message ?? String(cause)}`,
    });
  }
}
