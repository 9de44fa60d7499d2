import { createHash, getHashes, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppFailure, appError, fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { Hasher } from './hasher';
import type { Digests } from './types';

const available = new Set(getHashes().map((name) => name.toLowerCase()));

/** Fails with a clear error for an algorithm this Node (OpenSSL) does not offer. */
export function checkAlgorithms(algorithms: string[]): string[] {
  const names = [...new Set(algorithms.map((name) => name.toLowerCase()))];
  for (const name of names) {
    if (!available.has(name)) fail('invalid_request', text('transfer.algorithm.unsupported', { name }), { hint: text('transfer.algorithm.unsupportedHint') });
  }
  return names;
}

/** Several digests fed in step: one read of the data serves them all. */
export class MultiHash {
  private readonly hashes: [string, Hash][];

  constructor(algorithms: string[]) {
    this.hashes = algorithms.map((name) => [name, createHash(name)]);
  }

  update(data: Buffer): void {
    for (const [, hash] of this.hashes) hash.update(data);
  }

  digests(): Digests {
    return Object.fromEntries(this.hashes.map(([name, hash]) => [name, hash.digest('hex')]));
  }
}

/**
 * Passes a file's bytes through unchanged while hashing and counting them.
 * It knows the size the bytes must add up to, so a file that grows or shrinks
 * while being sent fails here instead of breaking the request's Content-Length.
 */
export class HashingCounter extends Transform {
  bytes = 0;
  digests: Digests | null = null;

  constructor(
    private readonly hasher: Hasher,
    private readonly expectedSize: number,
    private readonly onBytes: (bytes: number) => void,
    private readonly fileLabel: string,
    highWaterMark: number,
  ) {
    super({ highWaterMark });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.expectedSize) {
      callback(changedFailure(this.fileLabel, this.expectedSize));
      return;
    }
    // Waits only when a hashing thread has fallen behind: that is the backpressure.
    this.hasher.update(chunk).then(() => {
      this.onBytes(this.bytes);
      callback(null, chunk);
    }, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.bytes !== this.expectedSize) {
      callback(changedFailure(this.fileLabel, this.expectedSize));
      return;
    }
    this.hasher.digests().then((digests) => {
      this.digests = digests;
      this.hasher.close();
      callback();
    }, callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.hasher.close();
    callback(error);
  }
}

export function changedFailure(file: string, size: number): AppFailure {
  return new AppFailure(
    appError('io', text('transfer.file.changed', { path: file, size }), {
      hint: text('transfer.file.changedHint'),
      retryable: true,
    }),
  );
}
