import { writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { fileChunkBytes } from '../../../shared/contract/fileChannels';
import { AppFailure } from '../../../shared/errors';
import { makeTempDir } from '../store/storeTestKit';
import { exportedFileHandlers } from './exportedFiles';

const temp = makeTempDir('exported');
afterAll(() => temp.remove());

function handlersWriting(path: string, shown: string[] = [], withShell = true) {
  const write = () => ({ path });
  return exportedFileHandlers(
    { 'plan:writeResults': write, 'run:exportLogs': write, 'run:exportReport': write },
    withShell ? { open: async (file) => void shown.push(`open:${file}`), showInFolder: (file) => void shown.push(`show:${file}`) } : undefined,
  );
}

async function codeOf(work: () => unknown): Promise<string | undefined> {
  try {
    await work();
  } catch (error) {
    return error instanceof AppFailure ? error.appError.code : String(error);
  }
  return undefined;
}

describe('exported files', () => {
  it('serves an exported file in chunks that add up to the file', async () => {
    const path = temp.file('report.html');
    const bytes = Buffer.alloc(fileChunkBytes + 10, 7);
    await writeFile(path, bytes);
    const handlers = handlersWriting(path);
    await handlers['run:exportReport']({ runId: 'r1' });
    const first = await handlers['file:read']({ path, offset: 0 });
    expect(first).toMatchObject({ name: 'report.html', totalBytes: bytes.length, nextOffset: fileChunkBytes });
    const last = await handlers['file:read']({ path, offset: first.nextOffset! });
    expect(last.nextOffset).toBeNull();
    expect(Buffer.concat([Buffer.from(first.chunkBase64, 'base64'), Buffer.from(last.chunkBase64, 'base64')]).equals(bytes)).toBe(true);
  });

  it('refuses to read or open a file it did not export', async () => {
    const path = temp.file('secret.txt');
    await writeFile(path, 'no');
    const handlers = handlersWriting(temp.file('other.html'));
    await handlers['run:exportLogs']({ runId: 'r1' });
    expect(await codeOf(() => handlers['file:read']({ path, offset: 0 }))).toBe('not_found');
    expect(await codeOf(() => handlers['file:open']({ path }))).toBe('not_found');
  });

  it('opens and shows an exported file through the shell, and says unsupported without one', async () => {
    const path = temp.file('results.xlsx');
    const shown: string[] = [];
    const handlers = handlersWriting(path, shown);
    await handlers['plan:writeResults']({ runId: 'r1', lang: 'en', overwrite: false });
    await handlers['file:open']({ path });
    await handlers['file:showInFolder']({ path });
    expect(shown).toEqual([`open:${path}`, `show:${path}`]);
    const web = handlersWriting(path, [], false);
    await web['plan:writeResults']({ runId: 'r1', lang: 'en', overwrite: false });
    expect(await codeOf(() => web['file:open']({ path }))).toBe('unsupported');
  });
});
