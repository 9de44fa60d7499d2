import type { FileHandle } from 'node:fs/promises';
import { AppFailure, appError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { addToRanges, complementRanges, countRanges, normalizeWanted, type Ranges } from './chunkRanges';
import { readExactly, type FileFacts } from './fileSource';
import type { Hasher } from './hasher';
import type { ProgressMeter } from './progressMeter';
import type { ChunkResumeState, ChunkSession, ChunkedResult, UploadChunkedOptions } from './types';

const maxChunkBytes = 1024 * 1024 * 1024;
/** A chunk the server keeps asking for after this many sends in a row is a server-side problem, not bad luck. */
const maxSendsPerChunk = 3;

/*
 * Hashing: chunks are sent in ascending index order, and the whole-file
 * digest is fed strictly sequentially by byte offset (`hashedUpTo`). A chunk
 * read for sending is hashed in the same read when it is the next one in
 * sequence. Chunks the server already has (a resume) are read for hashing
 * only, just before the first wanted chunk after them, so each call still
 * reads every byte once and its digests always cover the whole file, whatever
 * was skipped. A chunk the server asks for again is resent and not re-hashed.
 * With no algorithms, skipped chunks are not read at all.
 */
export class ChunkRun<R> {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly hash: Hasher | null;
  private hashedUpTo = 0;
  private firstBegin = true;
  state: ChunkResumeState | null = null;
  chunksSent = 0;
  chunksSkipped = 0;
  /** A chunk was acknowledged since the last failure (the retry budget starts over). */
  progressed = false;

  constructor(
    private readonly facts: FileFacts,
    private readonly handle: FileHandle,
    hasher: Hasher | null,
    private readonly options: UploadChunkedOptions<R>,
    private readonly meter: ProgressMeter,
  ) {
    this.hash = hasher;
  }

  async attempt(resume: ChunkResumeState | undefined, signal: AbortSignal): Promise<ChunkedResult<R>> {
    const { facts, options } = this;
    const session = await options.target.begin({ size: facts.size, name: facts.name, ...(resume ? { resume } : {}) }, signal);
    const where = text('transfer.chunks.server', { name: facts.name });
    if (!session || typeof session.sessionId !== 'string' || session.sessionId === '') {
      throw new AppFailure(appError('network', text('transfer.chunks.noSession', { what: where }), { retryable: true }));
    }
    if (!Number.isSafeInteger(session.chunkSize) || session.chunkSize <= 0 || session.chunkSize > maxChunkBytes) {
      throw new AppFailure(appError('network', text('transfer.chunks.badChunkSize', { what: where, size: String(session.chunkSize) }), { retryable: false }));
    }
    const size = session.chunkSize;
    const count = Math.ceil(facts.size / size);
    const lastLength = facts.size - (count - 1) * size;
    const bytesOf = (list: number[]): number => list.length * size - (list[list.length - 1] === count - 1 ? size - lastLength : 0);
    if (this.buffer.length !== size) this.buffer = Buffer.allocUnsafe(size);

    let wanted = normalizeWanted(session.wantedChunks, count, where);
    let done: Ranges = complementRanges(wanted, count);
    if (this.firstBegin) this.chunksSkipped = count - wanted.length;
    this.firstBegin = false;
    this.save(session, done);
    this.meter.restart(facts.size - bytesOf(wanted));

    let repeats = { index: -1, sends: 0 };
    while (wanted.length > 0) {
      const index = wanted[0]!;
      const offset = index * size;
      const length = index === count - 1 ? lastLength : size;
      await this.hashUpTo(offset, signal);
      const data = await readExactly(this.handle, this.buffer, length, offset, facts.path, facts.size);
      if (this.hash && offset === this.hashedUpTo) {
        await this.hash.update(data);
        this.hashedUpTo += length;
      }
      repeats = repeats.index === index ? { index, sends: repeats.sends + 1 } : { index, sends: 1 };
      if (repeats.sends > maxSendsPerChunk) {
        throw new AppFailure(appError('step_failed', text('transfer.chunks.askedAgain', { what: where, index, sends: maxSendsPerChunk }), { retryable: false }));
      }
      if (signal.aborted) throw signal.reason;
      const answer = await options.target.sendChunk(session, index, data, signal);
      this.chunksSent++;
      this.progressed = true;
      wanted = answer && answer.wantedChunks !== undefined ? normalizeWanted(answer.wantedChunks, count, where) : wanted.slice(1);
      addToRanges(done, index);
      // The server's answer is the truth; the local record is rebuilt whenever it disagrees.
      if (countRanges(done) + wanted.length !== count) done = complementRanges(wanted, count);
      this.save(session, done);
      this.meter.set(facts.size - bytesOf(wanted));
    }
    await this.hashUpTo(facts.size, signal);
    const digests = this.hash ? await this.hash.digests() : {};
    const response = options.target.finish ? await options.target.finish(session, digests, signal) : undefined;
    this.meter.finish();
    return { response, sessionId: session.sessionId, size: facts.size, chunksSent: this.chunksSent, chunksSkipped: this.chunksSkipped, digests };
  }

  /** Hash-only reads of what the server already has, up to byte `offset`. */
  private async hashUpTo(offset: number, signal: AbortSignal): Promise<void> {
    if (!this.hash) return;
    while (this.hashedUpTo < offset) {
      if (signal.aborted) throw signal.reason;
      const length = Math.min(this.buffer.length, offset - this.hashedUpTo);
      await this.hash.update(await readExactly(this.handle, this.buffer, length, this.hashedUpTo, this.facts.path, this.facts.size));
      this.hashedUpTo += length;
    }
  }

  private save(session: ChunkSession, done: Ranges): void {
    const { facts } = this;
    this.state = {
      version: 1,
      sessionId: session.sessionId,
      chunkSize: session.chunkSize,
      name: facts.name,
      size: facts.size,
      mtimeMs: facts.mtimeMs,
      done: done.map(([first, last]) => [first, last]),
    };
    this.options.onState?.(this.state);
  }
}
