import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hashFile } from './hashFile';
import { randomFile, tempDir } from './transferTestKit';
import type { TransferProgress } from './types';
import { failureOf } from '../testing/failureOf';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function setup(size: number) {
  const temp = tempDir();
  cleanups.push(temp.remove);
  return randomFile(temp.dir, 'image.qcow2', size);
}


describe('hashFile', () => {
  it('computes the same digest as hashing the whole buffer, with progress to the end', async () => {
    const file = setup(3 * 1024 * 1024 + 7);
    const progress: TransferProgress[] = [];
    expect(await hashFile(file.path, 'sha256', undefined, (p) => progress.push(p))).toBe(file.sha256);
    expect(await hashFile(file.path, 'SHA512')).toBe(createHash('sha512').update(file.bytes).digest('hex'));
    expect(progress.at(-1)).toMatchObject({ bytesDone: file.bytes.length, bytesTotal: file.bytes.length });
  });

  it('names an unknown algorithm and a missing file', async () => {
    const file = setup(10);
    expect((await failureOf(hashFile(file.path, 'crc99'))).appError).toMatchObject({ code: 'invalid_request', title: 'The checksum algorithm "crc99" is not supported.' });
    expect((await failureOf(hashFile(`${file.path}.missing`))).appError.title).toBe(`The file ${file.path}.missing was not found.`);
  });

  it('stops when cancelled', async () => {
    const file = setup(8 * 1024 * 1024);
    const controller = new AbortController();
    const pending = hashFile(file.path, 'sha256', controller.signal, () => controller.abort());
    expect((await failureOf(pending)).appError.code).toBe('cancelled');
  });
});
