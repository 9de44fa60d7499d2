import { createHash } from 'node:crypto';
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { cachedFileHash } from './hashCache';
import { tempDir } from './transferTestKit';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((cleanup) => cleanup()));

function setup() {
  const temp = tempDir();
  cleanups.push(temp.remove);
  const file = join(temp.dir, 'disk.iso');
  const store = () => {
    const opened = openStore(join(temp.dir, 'rackpilot.db'));
    cleanups.push(() => opened.close());
    return opened;
  };
  return { file, store };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('cachedFileHash with the store', () => {
  it('hashes a file once, and finds its digest again after the store is reopened', async () => {
    const { file, store } = setup();
    const data = Buffer.alloc(300_000, 3);
    writeFileSync(file, data);
    const first = store();
    expect(await cachedFileHash(file, first.fileHashes)).toEqual({ digest: sha256(data), cached: false });
    expect(await cachedFileHash(file, first.fileHashes)).toEqual({ digest: sha256(data), cached: true });
    first.close();
    expect(await cachedFileHash(file, store().fileHashes)).toEqual({ digest: sha256(data), cached: true });
  });

  it('hashes again when the size or the mtime changed', async () => {
    const { file, store } = setup();
    const hashes = store().fileHashes;
    writeFileSync(file, Buffer.alloc(1000, 1));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    await cachedFileHash(file, hashes);
    // Same size, other bytes, other mtime: a digest keyed by path alone would be wrong here.
    const changed = Buffer.alloc(1000, 2);
    writeFileSync(file, changed);
    utimesSync(file, 1_700_000_100, 1_700_000_100);
    expect(await cachedFileHash(file, hashes)).toEqual({ digest: sha256(changed), cached: false });
    const grown = Buffer.alloc(2000, 2);
    writeFileSync(file, grown);
    utimesSync(file, 1_700_000_100, 1_700_000_100);
    expect(await cachedFileHash(file, hashes)).toEqual({ digest: sha256(grown), cached: false });
  });
});
