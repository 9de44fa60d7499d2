import { open, type FileHandle } from 'node:fs/promises';
import { text } from '../../../shared/i18n/engineText';
import { asFailure, backOff, cancelled, childController, defaultUploadRetry, shouldRetry } from './attempts';
import { ChunkRun } from './chunkRun';
import { fileFailure, statFile, type FileFacts } from './fileSource';
import { createHasher } from './hasher';
import { checkAlgorithms } from './hashing';
import { ProgressMeter } from './progressMeter';
import type { ChunkResumeState, ChunkedResult, UploadChunkedOptions } from './types';

/*
 *   begin(resume?) ──> wanted chunks ──> read chunk (positioned) ─> sendChunk ─> onState ──┐
 *        ^                  ^                                                              │
 *        │                  └──────────────── more wanted ────────────────────────────────┘
 *        │ retryable failure (backoff; the budget restarts after any acknowledged chunk)
 *        └── asks the server again with the saved state: only what it still wants is sent
 *   none wanted ──> finish(digests)
 *
 * A crash is the same as a dropped connection: the caller persisted the
 * state through `onState` and passes it back as `state`. Memory: one buffer
 * of the server's chunk size, whatever the file size.
 */
export async function uploadChunked<R = void>(options: UploadChunkedOptions<R>): Promise<ChunkedResult<R>> {
  const facts = await statFile(options.file, options.name);
  const algorithms = checkAlgorithms(options.algorithms ?? ['sha256']);
  const policy = options.retry ?? defaultUploadRetry;
  const what = text('transfer.what.upload', { name: facts.name });
  let handle: FileHandle;
  try {
    handle = await open(facts.path, 'r');
  } catch (error) {
    throw fileFailure(error, facts.path);
  }
  const hasher = algorithms.length > 0 ? createHasher(algorithms, facts.size) : null;
  const run = new ChunkRun(facts, handle, hasher, options, new ProgressMeter(facts.size, options.onProgress));
  let resume = usableState(options.state, facts);
  try {
    for (let failures = 0; ; ) {
      if (options.signal?.aborted) throw cancelled(what);
      const { controller, dispose } = childController(options.signal);
      try {
        return await run.attempt(resume, controller.signal);
      } catch (error) {
        const failure = asFailure(error, options.signal, what);
        failures = run.progressed ? 1 : failures + 1;
        run.progressed = false;
        if (!shouldRetry(failure, failures, policy, options.isRetryable)) throw failure;
        await backOff(failure, failures, policy, options.signal, what, options.onRetry);
        resume = run.state ?? resume;
      } finally {
        dispose();
      }
    }
  } finally {
    hasher?.close();
    await handle.close().catch(() => undefined);
  }
}

/** A saved state only applies to the same file, unchanged (name, size and modification time). */
function usableState(state: ChunkResumeState | null | undefined, facts: FileFacts): ChunkResumeState | undefined {
  if (!state || state.version !== 1 || typeof state.sessionId !== 'string') return undefined;
  if (state.name !== facts.name || state.size !== facts.size || state.mtimeMs !== facts.mtimeMs) return undefined;
  return state;
}
