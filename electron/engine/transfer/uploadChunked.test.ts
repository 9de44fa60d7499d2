import { createHash } from 'node:crypto';
import { utimesSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure, appError } from '../../../shared/errors';
import { randomFile, tempDir, openDescriptors } from './transferTestKit';
import type { ChunkResumeState, ChunkTarget, Digests, TransferProgress } from './types';
import { uploadChunked } from './uploadChunked';
import { failureOf } from '../testing/failureOf';

const cleanups: (() => unknown)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const chunkSize = 64 * 1024;
const noRetry = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };

function setup(size = chunkSize * 10 + 1234) {
  const temp = tempDir();
  cleanups.push(temp.remove);
  return randomFile(temp.dir, 'centos.iso', size);
}

/** An upload API in memory, like SmartX/CloudTower: sessions that list the chunks still wanted. */
class FakeChunkServer {
  sessions = new Map<string, { size: number; chunks: Map<number, Buffer> }>();
  sent: number[] = [];
  begins: (ChunkResumeState | undefined)[] = [];
  failures: { index: number; times: number }[] = [];
  /** After receiving chunk `after`, wants chunk `again` once more. */
  reask: { after: number; again: number } | null = null;
  finished: { sessionId: string; digests: Digests; file: Buffer } | null = null;

  missing(sessionId: string): number[] {
    const session = this.sessions.get(sessionId)!;
    const count = Math.ceil(session.size / chunkSize);
    return [...Array(count).keys()].filter((index) => !session.chunks.has(index));
  }

  target(): ChunkTarget<Buffer> {
    return {
      begin: async ({ size, resume }) => {
        this.begins.push(resume);
        let id = resume?.sessionId;
        if (!id || !this.sessions.has(id)) {
          id = `session-${this.sessions.size + 1}`;
          this.sessions.set(id, { size, chunks: new Map() });
        }
        return { sessionId: id, chunkSize, wantedChunks: this.missing(id) };
      },
      sendChunk: async (session, index, data) => {
        const failure = this.failures.find((entry) => entry.index === index && entry.times > 0);
        if (failure) {
          failure.times--;
          throw new AppFailure(appError('network', `upload.example:443 closed the connection (chunk ${index}).`, { retryable: true }));
        }
        this.sent.push(index);
        this.sessions.get(session.sessionId)!.chunks.set(index, Buffer.from(data)); // a copy: the buffer is reused
        const wanted = this.missing(session.sessionId);
        if (this.reask?.after === index) {
          this.sessions.get(session.sessionId)!.chunks.delete(this.reask.again);
          this.reask = null;
          return { wantedChunks: this.missing(session.sessionId) };
        }
        return { wantedChunks: wanted };
      },
      finish: async (session, digests) => {
        const chunks = this.sessions.get(session.sessionId)!.chunks;
        const file = Buffer.concat([...chunks.keys()].sort((a, b) => a - b).map((index) => chunks.get(index)!));
        this.finished = { sessionId: session.sessionId, digests, file };
        return file;
      },
    };
  }
}


describe('uploadChunked', () => {
  it('sends every chunk once, in order, with the whole-file digests and monotonic progress', async () => {
    const file = setup();
    const server = new FakeChunkServer();
    const progress: TransferProgress[] = [];
    const states: ChunkResumeState[] = [];
    const result = await uploadChunked({ file: file.path, target: server.target(), onProgress: (p) => progress.push(p), onState: (s) => states.push(s) });
    expect(server.sent).toEqual([...Array(11).keys()]);
    expect(result.response!.equals(file.bytes)).toBe(true);
    expect(result.digests.sha256).toBe(file.sha256);
    expect(server.finished!.digests.sha256).toBe(file.sha256);
    expect(result).toMatchObject({ chunksSent: 11, chunksSkipped: 0, size: file.bytes.length });
    expect(states.at(-1)!.done).toEqual([[0, 10]]);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]!.bytesDone);
    expect(progress.at(-1)!.bytesDone).toBe(file.bytes.length);
    expect(openDescriptors(file.path)).toBe(0);
  });

  it('after a failure, resumes from the persisted state and sends only the chunks the server still wants', async () => {
    const file = setup();
    const server = new FakeChunkServer();
    server.failures.push({ index: 4, times: 1 });
    let saved: ChunkResumeState | null = null;
    const persist = (state: ChunkResumeState): void => {
      saved = JSON.parse(JSON.stringify(state)) as ChunkResumeState; // as the artifact store would keep it
    };
    const failure = await failureOf(uploadChunked({ file: file.path, target: server.target(), retry: noRetry, onState: persist }));
    expect(failure.appError.code).toBe('network');
    expect(saved!.done).toEqual([[0, 3]]);
    expect(server.sent).toEqual([0, 1, 2, 3]);

    server.sent = [];
    const progress: TransferProgress[] = [];
    const result = await uploadChunked({ file: file.path, target: server.target(), state: saved, onState: persist, onProgress: (p) => progress.push(p) });
    expect(server.begins.at(-1)?.sessionId).toBe('session-1');
    expect(server.sent).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(result).toMatchObject({ sessionId: 'session-1', chunksSent: 7, chunksSkipped: 4 });
    expect(result.response!.equals(file.bytes)).toBe(true);
    // Skipped chunks were read for hashing only: the digest still covers the whole file.
    expect(result.digests.sha256).toBe(file.sha256);
    expect(progress[0]!.bytesDone).toBeGreaterThanOrEqual(4 * chunkSize);
  });

  it('retries a dropped connection within the call without resending acknowledged chunks', async () => {
    const file = setup();
    const server = new FakeChunkServer();
    server.failures.push({ index: 5, times: 2 });
    const retries: number[] = [];
    const result = await uploadChunked({
      file: file.path,
      target: server.target(),
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, jitter: 0 },
      onRetry: (_failure, next) => retries.push(next),
    });
    expect(retries).toEqual([2, 3]);
    expect(server.begins.map((resume) => resume?.sessionId)).toEqual([undefined, 'session-1', 'session-1']);
    expect(server.sent).toEqual([...Array(11).keys()]);
    expect(result.digests.sha256).toBe(file.sha256);
  });

  it('starts a new session when the server forgot the old one, and ignores a state for a changed file', async () => {
    const file = setup();
    const server = new FakeChunkServer();
    const stale: ChunkResumeState = { version: 1, sessionId: 'gone', chunkSize, name: 'centos.iso', size: file.bytes.length, mtimeMs: 0, done: [[0, 5]] };
    await uploadChunked({ file: file.path, target: server.target(), state: stale });
    expect(server.begins[0]).toBeUndefined(); // mtime differs: the state is not even offered
    expect(server.sent).toHaveLength(11);

    const unchanged = { ...stale, mtimeMs: 1_000_000 };
    utimesSync(file.path, 1000, 1000);
    server.sent = [];
    const result = await uploadChunked({ file: file.path, target: server.target(), state: unchanged });
    expect(server.begins[1]?.sessionId).toBe('gone');
    expect(result.sessionId).toBe('session-2');
    expect(server.sent).toHaveLength(11);
  });

  it('resends a chunk the server asks for again, and the digest stays right', async () => {
    const file = setup();
    const server = new FakeChunkServer();
    server.reask = { after: 6, again: 2 };
    const result = await uploadChunked({ file: file.path, target: server.target() });
    expect(server.sent).toEqual([0, 1, 2, 3, 4, 5, 6, 2, 7, 8, 9, 10]);
    expect(result.response!.equals(file.bytes)).toBe(true);
    expect(result.digests.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
  });

  it('refuses a chunk list that does not fit the file', async () => {
    const file = setup();
    const target: ChunkTarget = { begin: async () => ({ sessionId: 's', chunkSize, wantedChunks: [0, 99] }), sendChunk: async () => undefined };
    const failure = await failureOf(uploadChunked({ file: file.path, target, retry: noRetry }));
    expect(failure.appError.code).toBe('network');
    expect(failure.appError.title).toContain('chunk 99 of an upload of 11 chunks');
  });

  it('gives up on a server that keeps asking for the same chunk', async () => {
    const file = setup();
    const target: ChunkTarget = { begin: async () => ({ sessionId: 's', chunkSize, wantedChunks: [0, 1] }), sendChunk: async () => ({ wantedChunks: [1] }) };
    const failure = await failureOf(uploadChunked({ file: file.path, target, retry: noRetry }));
    expect(failure.appError.code).toBe('step_failed');
    expect(failure.appError.title).toContain('keeps asking for chunk 1');
  });

  it('stops at once when cancelled and closes the file', async () => {
    const file = setup();
    const controller = new AbortController();
    const server = new FakeChunkServer();
    const target = server.target();
    const failure = await failureOf(
      uploadChunked({
        file: file.path,
        signal: controller.signal,
        target: { ...target, sendChunk: async (session, index, data, signal) => {
          if (index === 3) controller.abort();
          return target.sendChunk(session, index, data, signal);
        } },
      }),
    );
    expect(failure.appError.code).toBe('cancelled');
    expect(server.sent).toEqual([0, 1, 2, 3]);
    expect(openDescriptors(file.path)).toBe(0);
  });
});
