import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { AppFailure, appError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import { asFailure, backOff, cancelled, childController, defaultUploadRetry, shouldRetry } from './attempts';
import { fileFailure, readSliceBytes, statFile, type FileFacts } from './fileSource';
import { createHasher } from './hasher';
import { HashingCounter, checkAlgorithms } from './hashing';
import { ProgressMeter } from './progressMeter';
import type { StreamedResult, UploadStreamedOptions } from './types';

/*
 * One attempt:  open file ─> read ─> HashingCounter (hash + count + progress) ─> target.send(body)
 * The target consumes `body` at the network's pace (backpressure reaches the
 * file read), so memory holds a few slices whatever the file size. A retry
 * cannot resume a single request: it re-reads the file from byte 0.
 */
export async function uploadStreamed<R>(options: UploadStreamedOptions<R>): Promise<StreamedResult<R>> {
  const facts = await statFile(options.file, options.name);
  const algorithms = checkAlgorithms(options.algorithms ?? ['sha256']);
  const policy = options.retry ?? defaultUploadRetry;
  const meter = new ProgressMeter(facts.size, options.onProgress);
  const what = text('transfer.what.upload', { name: facts.name });
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw cancelled(what);
    meter.restart(0);
    try {
      const result = await sendOnce(options, facts, algorithms, meter, attempt);
      meter.finish();
      return result;
    } catch (error) {
      const failure = asFailure(error, options.signal, what);
      if (!shouldRetry(failure, attempt, policy, options.isRetryable)) throw failure;
      await backOff(failure, attempt, policy, options.signal, what, options.onRetry);
    }
  }
}

async function sendOnce<R>(
  options: UploadStreamedOptions<R>,
  facts: FileFacts,
  algorithms: string[],
  meter: ProgressMeter,
  attempt: number,
): Promise<StreamedResult<R>> {
  const { controller, dispose } = childController(options.signal);
  let streamError: unknown = null;
  const source = createReadStream(facts.path, { highWaterMark: readSliceBytes });
  const counter = new HashingCounter(createHasher(algorithms, facts.size), facts.size, (bytes) => meter.set(bytes), facts.path, readSliceBytes);
  // pipeline: a destroyed counter (the request ended early) destroys the file stream too, closing the file.
  pipeline(source, counter, (error) => {
    if (error && !streamError) streamError = error;
  });
  const stallMs = options.stallTimeoutMs ?? 120_000;
  let stalled: AppFailure | null = null;
  // Progress is what the target took from the body, not what was read ahead into the buffer.
  let consumed = 0;
  let movedAt = Date.now();
  const watchdog = setInterval(() => {
    const taken = counter.bytes - counter.readableLength;
    if (taken !== consumed || counter.readableEnded) {
      consumed = taken;
      movedAt = Date.now();
      return;
    }
    if (Date.now() - movedAt < stallMs) return;
    stalled = new AppFailure(appError('timeout', text('transfer.stream.stalled', { name: facts.name, seconds: Math.round(stallMs / 1000) }), { retryable: true }));
    controller.abort(stalled);
  }, Math.max(10, Math.min(1000, stallMs / 4)));
  const stopReading = (): void => {
    counter.destroy();
    source.destroy();
  };
  controller.signal.addEventListener('abort', stopReading, { once: true });
  const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
  aborted.catch(() => undefined);
  try {
    const sending = options.target.send({ body: counter, size: facts.size, name: facts.name, signal: controller.signal, attempt });
    sending.catch(() => undefined);
    let response: R;
    try {
      response = await Promise.race([sending, aborted]);
    } catch (error) {
      if (stalled) throw stalled;
      if (streamError instanceof AppFailure) throw streamError;
      if (streamError && (streamError as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw fileFailure(streamError, facts.path);
      throw error;
    }
    if (!counter.digests) {
      throw new AppFailure(
        appError('step_failed', text('transfer.stream.answeredEarly', { name: facts.name, sent: counter.bytes, size: facts.size }), { retryable: true }),
      );
    }
    return { response, size: facts.size, digests: counter.digests };
  } finally {
    clearInterval(watchdog);
    controller.signal.removeEventListener('abort', stopReading);
    dispose();
    if (!counter.readableEnded) stopReading();
  }
}
