import { Worker } from 'node:worker_threads';
import { AppFailure, appError } from '../../../shared/errors';
import { MultiHash } from './hashing';
import type { Digests } from './types';

/** Feeds data in order; `update` may wait (backpressure) when the hashing falls behind. */
export interface Hasher {
  update(data: Buffer): Promise<void>;
  digests(): Promise<Digests>;
  close(): void;
}

/** Below this, starting a thread costs more than hashing inline. */
export const workerThresholdBytes = 64 * 1024 * 1024;

export function createHasher(algorithms: string[], size: number, mode: 'auto' | 'inline' | 'worker' = 'auto'): Hasher {
  const useWorker = algorithms.length > 0 && (mode === 'worker' || (mode === 'auto' && size >= workerThresholdBytes));
  return useWorker ? new WorkerHasher(algorithms) : new InlineHasher(algorithms);
}

class InlineHasher implements Hasher {
  private readonly hash: MultiHash;
  constructor(algorithms: string[]) {
    this.hash = new MultiHash(algorithms);
  }
  async update(data: Buffer): Promise<void> {
    this.hash.update(data);
  }
  async digests(): Promise<Digests> {
    return this.hash.digests();
  }
  close(): void {}
}

// Plain CommonJS evaluated in the thread: no file to locate, whatever bundles the engine.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const ring = new Uint8Array(workerData.ring);
const hashes = workerData.algorithms.map((name) => [name, createHash(name)]);
parentPort.on('message', (message) => {
  if (message.type === 'chunk') {
    const view = ring.subarray(message.offset, message.offset + message.length);
    for (const [, hash] of hashes) hash.update(view);
    parentPort.postMessage({ type: 'free', slot: message.slot });
  } else {
    parentPort.postMessage({ type: 'digests', digests: Object.fromEntries(hashes.map(([name, hash]) => [name, hash.digest('hex')])) });
  }
});
`;

const slotBytes = 1024 * 1024;
const slotCount = 8;

/*
 * Hashes on a worker thread so SHA-256 (about 1 GB/s per core) runs next to
 * the sending instead of after it, and the engine's event loop stays free.
 * Data is copied into a ring of reused shared slots (no allocation per chunk,
 * so memory stays flat); a full ring makes `update` wait.
 *
 *   update ─> take a free slot (wait if none) ─> copy ─> post {slot}
 *   worker  ─> hash in arrival order ─> post {free slot}
 *   digests ─> post {digest} ─> worker answers after every earlier chunk
 */
class WorkerHasher implements Hasher {
  private readonly ring = new SharedArrayBuffer(slotBytes * slotCount);
  private readonly worker: Worker;
  private readonly free: number[] = [...Array(slotCount).keys()];
  private readonly slotWaiters: Waiter<number>[] = [];
  private digestWaiter: Waiter<Digests> | null = null;
  private failure: AppFailure | null = null;
  private closed = false;

  constructor(algorithms: string[]) {
    this.worker = new Worker(workerSource, { eval: true, workerData: { ring: this.ring, algorithms } });
    this.worker.unref();
    this.worker.on('message', (message: { type: 'free'; slot: number } | { type: 'digests'; digests: Digests }) => {
      if (message.type === 'digests') {
        this.digestWaiter?.resolve(message.digests);
        this.digestWaiter = null;
        return;
      }
      const waiter = this.slotWaiters.shift();
      if (waiter) waiter.resolve(message.slot);
      else this.free.push(message.slot);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`the hashing thread exited (code ${code})`));
    });
  }

  async update(data: Buffer): Promise<void> {
    for (let at = 0; at < data.length; at += slotBytes) {
      const piece = data.subarray(at, at + slotBytes);
      const slot = await this.takeSlot();
      new Uint8Array(this.ring, slot * slotBytes, piece.length).set(piece);
      this.worker.postMessage({ type: 'chunk', slot, offset: slot * slotBytes, length: piece.length });
    }
  }

  digests(): Promise<Digests> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.digestWaiter = { resolve, reject };
      this.worker.postMessage({ type: 'digest' });
    });
  }

  close(): void {
    this.closed = true;
    void this.worker.terminate();
  }

  private takeSlot(): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.free.pop();
    if (slot !== undefined) return Promise.resolve(slot);
    return new Promise((resolve, reject) => this.slotWaiters.push({ resolve, reject }));
  }

  private fail(cause: unknown): void {
    if (this.failure) return;
    this.failure = new AppFailure(appError('internal', 'Computing the checksum failed.', { detail: cause instanceof Error ? cause.message : String(cause) }), { cause });
    for (const waiter of this.slotWaiters.splice(0)) waiter.reject(this.failure);
    this.digestWaiter?.reject(this.failure);
    this.digestWaiter = null;
  }
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(failure: AppFailure): void;
}
