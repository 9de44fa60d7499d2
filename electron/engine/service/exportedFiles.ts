import { open } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { ContractHandlers } from '../../../shared/contract/api';
import { fileChunkBytes } from '../../../shared/contract/fileChannels';
import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { ShellFiles } from './types';

type ExportChannel = 'plan:writeResults' | 'run:exportLogs' | 'run:exportReport';
type FileChannel = 'file:read' | 'file:open' | 'file:showInFolder';

/**
 * The export handlers, remembering what they wrote, and the file channels,
 * which serve (web) or open (desktop) only those files: a path the engine
 * did not write this session is refused as if it did not exist.
 */
export function exportedFileHandlers(exports: Pick<ContractHandlers, ExportChannel>, files: ShellFiles | undefined): Pick<ContractHandlers, ExportChannel | FileChannel> {
  const written = new Set<string>();
  const remember = async <T extends { path: string }>(reply: Promise<T> | T): Promise<T> => {
    const value = await reply;
    written.add(resolve(value.path));
    return value;
  };
  const known = (path: string): string => {
    const full = resolve(path);
    return written.has(full) ? full : fail('not_found', text('service.file.notExported', { path }), { hint: text('service.file.exportAgain') });
  };
  const shell = (): ShellFiles => files ?? fail('unsupported', text('service.file.noShell'), { hint: text('service.file.noShellHint') });
  return {
    'plan:writeResults': (request) => remember(exports['plan:writeResults'](request)),
    'run:exportLogs': (request) => remember(exports['run:exportLogs'](request)),
    'run:exportReport': (request) => remember(exports['run:exportReport'](request)),
    'file:read': async ({ path, offset }) => {
      const full = known(path);
      const handle = await open(full, 'r').catch(() => fail('not_found', text('service.file.gone', { path }), { hint: text('service.file.exportAgain') }));
      try {
        const totalBytes = (await handle.stat()).size;
        const buffer = Buffer.alloc(Math.max(0, Math.min(fileChunkBytes, totalBytes - offset)));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
        const end = offset + bytesRead;
        return { name: basename(full), chunkBase64: buffer.subarray(0, bytesRead).toString('base64'), totalBytes, nextOffset: end < totalBytes ? end : null };
      } finally {
        await handle.close();
      }
    },
    'file:open': async ({ path }) => {
      await shell().open(known(path));
      return {};
    },
    'file:showInFolder': ({ path }) => {
      shell().showInFolder(known(path));
      return {};
    },
  };
}
