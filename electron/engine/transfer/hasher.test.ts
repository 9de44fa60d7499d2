import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { createHasher } from './hasher';

describe('createHasher', () => {
  const data = randomBytes(21 * 1024 * 1024 + 17);
  const expected = {
    sha256: createHash('sha256').update(data).digest('hex'),
    md5: createHash('md5').update(data).digest('hex'),
  };

  it.each(['inline', 'worker'] as const)('%s: same digests as hashing the whole buffer, fed in uneven pieces', async (mode) => {
    const hasher = createHasher(['sha256', 'md5'], data.length, mode);
    try {
      // More pieces than the worker's ring has slots, some larger than a slot: exercises the waiting.
      for (let at = 0, step = 1; at < data.length; at += step, step = (step * 7) % (3 * 1024 * 1024) + 1) {
        await hasher.update(data.subarray(at, at + step));
      }
      expect(await hasher.digests()).toEqual(expected);
    } finally {
      hasher.close();
    }
  });

  it('reports a failing hashing thread as an AppFailure instead of hanging', async () => {
    const hasher = createHasher(['no-such-digest'], 1, 'worker');
    try {
      const error = await (async () => {
        for (let i = 0; i < 20; i++) await hasher.update(Buffer.alloc(1024 * 1024));
        return hasher.digests();
      })().then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).appError).toMatchObject({ code: 'internal', title: 'Computing the checksum failed.' });
    } finally {
      hasher.close();
    }
  });
});
