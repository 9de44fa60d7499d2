import type { Readable } from 'node:stream';
import type { AppFailure } from '../../../shared/errors';
import type { RetryPolicy } from '../runner/types';

export interface TransferProgress {
  bytesDone: number;
  bytesTotal: number;
  /** Moving average over the last few seconds. */
  bytesPerSecond: number;
  /** null until a speed is known. */
  etaSeconds: number | null;
}

/** Called at most ~10 times per second, and always once at the end. */
export type OnProgress = (progress: TransferProgress) => void;

/** Hex digests by algorithm name (`sha256`, `md5`, ...). */
export type Digests = Record<string, string>;

interface UploadCommon {
  /** Path of the local file. */
  file: string;
  /** Name announced to the server; defaults to the file's base name. */
  name?: string;
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /** Defaults to 3 attempts, 1 s doubling to 30 s. */
  retry?: RetryPolicy;
  /** Hashes computed while the file is read; defaults to ['sha256']; [] to skip hashing. */
  algorithms?: string[];
  /** Which failures are worth another attempt; defaults to `appError.retryable`. */
  isRetryable?: (failure: AppFailure) => boolean;
  /** Told before each new attempt (for the step's log). */
  onRetry?: (failure: AppFailure, nextAttempt: number, delayMs: number) => void;
}

// ---- Streamed targets: the whole file in one request ----

export interface StreamUpload {
  /** The file's bytes, hashed and counted as they are consumed; honours backpressure. */
  body: Readable;
  /** Exact byte count `body` will yield (for Content-Length). */
  size: number;
  name: string;
  signal: AbortSignal;
  /** 1 for the first attempt; a retry re-reads the file from the start. */
  attempt: number;
}

export interface StreamTarget<R = unknown> {
  /** Sends `body` in one request and resolves with the server's answer once it is complete. */
  send(upload: StreamUpload): Promise<R>;
}

export interface UploadStreamedOptions<R> extends UploadCommon {
  target: StreamTarget<R>;
  /** No byte read for this long while sending fails the attempt as a (retryable) timeout. Default 120 s. */
  stallTimeoutMs?: number;
}

export interface StreamedResult<R> {
  response: R;
  size: number;
  digests: Digests;
}

// ---- Chunked targets: the server says which chunks it still wants ----

export interface ChunkSession {
  sessionId: string;
  chunkSize: number;
  /** Indexes (0-based) of the chunks the server does not have yet. */
  wantedChunks: number[];
}

/** What to persist (the engine's artifact store) so a later call resumes the same session. JSON-safe. */
export interface ChunkResumeState {
  version: 1;
  sessionId: string;
  chunkSize: number;
  name: string;
  size: number;
  mtimeMs: number;
  /** Chunks the server acknowledged, as inclusive [first, last] ranges. */
  done: [number, number][];
}

export interface ChunkTarget<R = void> {
  /**
   * Opens an upload session, or with `resume` asks the server about that
   * session and answers which chunks it still wants (a new session with every
   * chunk wanted when the old one is gone).
   */
  begin(info: { size: number; name: string; resume?: ChunkResumeState }, signal: AbortSignal): Promise<ChunkSession>;
  /**
   * Sends one chunk. `data` is only valid until the promise settles (the
   * buffer is reused). Answers the chunks still wanted; without an answer the
   * chunk counts as accepted.
   */
  sendChunk(session: ChunkSession, index: number, data: Buffer, signal: AbortSignal): Promise<{ wantedChunks?: number[] } | void>;
  /** Closes the session once no chunk is wanted; gets the whole file's digests. */
  finish?(session: ChunkSession, digests: Digests, signal: AbortSignal): Promise<R>;
}

export interface UploadChunkedOptions<R> extends UploadCommon {
  target: ChunkTarget<R>;
  /** A state saved by `onState` earlier; ignored when the file changed since. */
  state?: ChunkResumeState | null;
  /** Called after the session opens and after every acknowledged chunk: persist it. */
  onState?: (state: ChunkResumeState) => void;
}

export interface ChunkedResult<R> {
  response: R | undefined;
  sessionId: string;
  size: number;
  /** Chunks sent by this call (a resent chunk counts twice). */
  chunksSent: number;
  /** Chunks the server already had. */
  chunksSkipped: number;
  digests: Digests;
}

/** Which file a digest belongs to: a file whose size or mtime changed is another file. */
export interface FileHashKey {
  path: string;
  algorithm: string;
  size: number;
  mtimeMs: number;
}

/** Digests computed earlier (the engine's store keeps them), so a file is hashed once. */
export interface FileHashCache {
  lookup(key: FileHashKey): string | null;
  remember(key: FileHashKey, digest: string): void;
  /** After a server found the file does not match: the next attempt hashes it again. */
  forget(key: FileHashKey): void;
}
