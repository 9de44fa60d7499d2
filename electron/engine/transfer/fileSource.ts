import { stat, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppFailure, appError } from '../../../shared/errors';
import { text, type EngineTextKey } from '../../../shared/i18n/engineText';
import { changedFailure } from './hashing';

export interface FileFacts {
  path: string;
  name: string;
  size: number;
  mtimeMs: number;
}

/** Reads are sliced to this size: big enough for throughput, small enough that hashing a slice never stalls the event loop. */
export const readSliceBytes = 1024 * 1024;

const reasons: Record<string, EngineTextKey> = {
  ENOENT: 'transfer.file.notFound',
  EACCES: 'transfer.file.denied',
  EPERM: 'transfer.file.denied',
  EISDIR: 'transfer.file.folder',
  EMFILE: 'transfer.file.tooMany',
  EIO: 'transfer.file.ioError',
};

export function fileFailure(error: unknown, path: string): AppFailure {
  if (error instanceof AppFailure) return error;
  const code = (error as { code?: string })?.code ?? '';
  const reason = reasons[code] ?? 'transfer.file.unreadable';
  return new AppFailure(
    appError('io', text(reason, { path }), {
      detail: error instanceof Error ? error.message : String(error),
      retryable: code === 'EIO' || code === 'EMFILE',
    }),
    { cause: error },
  );
}

export async function statFile(path: string, name?: string): Promise<FileFacts> {
  try {
    const facts = await stat(path);
    if (!facts.isFile()) throw Object.assign(new Error(`${path} is not a regular file`), { code: 'EISDIR' });
    return { path, name: name ?? basename(path), size: facts.size, mtimeMs: facts.mtimeMs };
  } catch (error) {
    throw fileFailure(error, path);
  }
}

/** Fills `buffer[0, length)` from `position`; a short read before the end means the file shrank. */
export async function readExactly(handle: FileHandle, buffer: Buffer, length: number, position: number, path: string, size: number): Promise<Buffer> {
  let filled = 0;
  while (filled < length) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, filled, length - filled, position + filled));
    } catch (error) {
      throw fileFailure(error, path);
    }
    if (bytesRead === 0) throw changedFailure(path, size);
    filled += bytesRead;
  }
  return buffer.subarray(0, length);
}
