import { createReadStream } from 'node:fs';
import { text } from '../../../shared/i18n/engineText';
import { cancelled } from './attempts';
import { fileFailure, readSliceBytes, statFile } from './fileSource';
import { createHasher } from './hasher';
import { checkAlgorithms } from './hashing';
import { ProgressMeter } from './progressMeter';
import type { OnProgress } from './types';

/**
 * A file's hex digest, streamed: memory stays flat, and files from 64 MiB up
 * are hashed on a worker thread so the engine's process never stalls. For
 * when the checksum is needed before sending (a skip check, a form field).
 */
export async function hashFile(path: string, algorithm = 'sha256', signal?: AbortSignal, onProgress?: OnProgress): Promise<string> {
  const [name] = checkAlgorithms([algorithm]);
  const facts = await statFile(path);
  const hasher = createHasher([name!], facts.size);
  const meter = new ProgressMeter(facts.size, onProgress);
  if (signal?.aborted) throw cancelled(text('transfer.what.hashing', { path }));
  const stream = createReadStream(path, { highWaterMark: readSliceBytes, ...(signal ? { signal } : {}) });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      await hasher.update(chunk);
      meter.add(chunk.length);
    }
    const digests = await hasher.digests();
    meter.finish();
    return digests[name!]!;
  } catch (error) {
    if (signal?.aborted) throw cancelled(text('transfer.what.hashing', { path }));
    throw fileFailure(error, path);
  } finally {
    hasher.close();
  }
}
