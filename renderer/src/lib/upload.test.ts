import { describe, expect, it } from 'vitest';
import { appError } from '../../../shared/errors';
import { chunkRanges, maxUploadBytes, newUploadId, toBase64, uploadInChunks, type UploadChunk } from './upload';

const bytes = (count: number) => Uint8Array.from({ length: count }, (_, index) => (index * 31 + 7) % 256);
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const concat = (a: Uint8Array, b: Uint8Array) => {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
};

/** An engine that keeps what it receives and checks the offsets, as plan:upload does. */
function fakeEngine() {
  const received: UploadChunk[] = [];
  let held = new Uint8Array(0);
  const send = async (chunk: UploadChunk) => {
    received.push(chunk);
    if (chunk.offset !== held.length) return { ok: false as const, error: appError('conflict', 'offset mismatch') };
    held = concat(held, fromBase64(chunk.chunkBase64));
    return { ok: true as const, value: { received: held.length, path: chunk.final ? '/uploads/plan.xlsx' : null } };
  };
  return { send, received, held: () => held };
}

describe('chunkRanges', () => {
  it('cuts a file into chunks of at most the chunk size, in order, covering every byte', () => {
    expect(chunkRanges(10, 4)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
      { start: 8, end: 10 },
    ]);
    expect(chunkRanges(8, 4)).toHaveLength(2);
    expect(chunkRanges(0, 4)).toEqual([{ start: 0, end: 0 }]);
    expect(() => chunkRanges(10, 0)).toThrow(/chunkBytes/);
  });
});

describe('toBase64', () => {
  it('round-trips sizes across the internal slice boundary, padding included', () => {
    expect(toBase64(Uint8Array.from([0xfb, 0xff]))).toBe('+/8=');
    for (const size of [0, 1, 2, 3, 0x8000, 0x8001, 100_000]) {
      const data = bytes(size);
      expect(fromBase64(toBase64(data))).toEqual(data);
    }
  });
});

describe('uploadInChunks', () => {
  it('delivers the file byte for byte in chunks of at most 384 KiB and returns the saved path', async () => {
    const data = bytes(1_000_000);
    const engine = fakeEngine();
    const progress: number[] = [];
    const outcome = await uploadInChunks(new Blob([data]), engine.send, { onProgress: (sent) => progress.push(sent) });
    expect(outcome).toEqual({ ok: true, path: '/uploads/plan.xlsx' });
    const held = engine.held();
    expect(held.length).toBe(data.length);
    expect(held.every((byte, index) => byte === data[index])).toBe(true);
    expect(engine.received.map((chunk) => chunk.final)).toEqual([false, false, true]);
    for (const chunk of engine.received) expect(fromBase64(chunk.chunkBase64).length).toBeLessThanOrEqual(384 * 1024);
    expect(progress).toEqual([393_216, 786_432, 1_000_000]);
  });

  it('stops at the first refusal and passes the error on', async () => {
    let calls = 0;
    const outcome = await uploadInChunks(new Blob([bytes(10)]), async () => {
      calls++;
      return { ok: false, error: appError('io', 'disk full') };
    }, { chunkBytes: 4 });
    expect(calls).toBe(1);
    expect(outcome).toMatchObject({ ok: false, reason: 'failed', reply: { error: { code: 'io' } } });
  });

  it('notices when the engine holds a different number of bytes than were sent', async () => {
    const outcome = await uploadInChunks(new Blob([bytes(10)]), async () => ({ ok: true, value: { received: 3, path: null } }), { chunkBytes: 4 });
    expect(outcome).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('refuses a file over the contract limit before sending anything', async () => {
    const huge = { size: maxUploadBytes + 1, slice: () => new Blob() } as unknown as Blob;
    let calls = 0;
    expect(await uploadInChunks(huge, async () => (calls++, { ok: true, value: { received: 0, path: null } }))).toEqual({ ok: false, reason: 'tooLarge' });
    expect(calls).toBe(0);
  });

  it('says so when the last chunk comes back without a path', async () => {
    const outcome = await uploadInChunks(new Blob([bytes(3)]), async () => ({ ok: true, value: { received: 3, path: null } }));
    expect(outcome).toEqual({ ok: false, reason: 'noPath' });
  });
});

describe('newUploadId', () => {
  it('matches what the contract accepts', () => {
    expect(newUploadId()).toMatch(/^[a-z0-9-]{8,64}$/);
  });
});
