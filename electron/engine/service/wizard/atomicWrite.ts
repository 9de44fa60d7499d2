import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A temporary name beside `path`, so the final rename stays on one file system. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes through a temporary file and a rename: a reader sees the old file
 * or the new one, never half of it. `produce` writes the temporary file.
 */
export async function replaceAtomically(path: string, produce: (tempPath: string) => Promise<void>): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await produce(temp);
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw cause;
  }
}

export function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  return replaceAtomically(path, (temp) => writeFile(temp, data));
}
