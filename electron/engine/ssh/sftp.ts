import { open as openFile, stat as statFile, type FileHandle } from 'node:fs/promises';
import type { SFTPWrapper, Stats } from 'ssh2';
import { AppFailure, appError } from '../../../shared/errors';
import { text, type TextRef } from '../../../shared/i18n/engineText';
import { createHasher } from '../transfer/hasher';
import { ProgressMeter } from '../transfer/progressMeter';
import type { Digests, OnProgress } from '../transfer/types';
import type { SshSession } from './sessions';
import { sshCancelled } from './sshErrors';

/*
 * SFTP over ssh2 with the transfer layer's progress and hashing. One
 * request per round trip would cap a LAN at a few MB/s, so requests of
 * `chunkBytes` are pipelined, `inFlight` at a time (OpenSSH's own client
 * keeps 64 × 32 KiB outstanding); the file is read in larger blocks that are
 * hashed in order while their pieces are on the wire.
 */

export interface SftpTransferOptions {
  signal?: AbortSignal;
  onProgress?: OnProgress;
  /** Defaults to ['sha256']. */
  algorithms?: string[];
  /** Bytes per SFTP request. Default 64 KiB (ssh2 splits to the server's limit). */
  chunkBytes?: number;
  /** Requests outstanding at once. Default 64. */
  inFlight?: number;
}

export interface SftpUploadOptions extends SftpTransferOptions {
  /** 'size': keep the bytes the remote file already has (up to the local size) and send the rest. */
  resume?: 'size';
  /** Mode of a newly created remote file. Default 0o644. */
  mode?: number;
}

export interface SftpResult {
  size: number;
  /** Bytes sent or received by this call (less than `size` after a resume). */
  transferred: number;
  resumedFrom: number;
  /** Of the whole file. */
  digests: Digests;
}

const blockBytes = 1024 * 1024;

function call<T>(what: TextRef, where: string, run: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    run((error, value) => (error ? reject(new AppFailure(appError('io', text('ssh.sftp.failed', { what, where, message: error.message }), { retryable: true }))) : resolve(value as T))),
  );
}

async function withSftp<T>(session: SshSession, signal: AbortSignal, use: (sftp: SFTPWrapper, where: string) => Promise<T>): Promise<T> {
  const connection = await session.connection(signal);
  const sftp = await call<SFTPWrapper>(text('ssh.sftp.start'), connection.label, (done) => connection.client.sftp(done));
  try {
    return await use(sftp, connection.label);
  } finally {
    sftp.end();
  }
}

function remoteStat(sftp: SFTPWrapper, path: string): Promise<Stats | null> {
  return new Promise((resolve) => sftp.stat(path, (error, stats) => resolve(error ? null : stats)));
}

/** At most `limit` requests outstanding; the first failure (or an abort) stops the transfer. */
class RequestWindow {
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(
    private readonly limit: number,
    private readonly signal: AbortSignal,
    private readonly what: TextRef,
  ) {}

  /** Starts a request, after waiting for room. */
  async add(request: () => Promise<void>): Promise<void> {
    while (this.pending.size >= this.limit) await Promise.race(this.pending);
    this.check();
    const next: Promise<void> = request().then(
      () => void this.pending.delete(next),
      (error: unknown) => {
        this.failure ??= error;
        this.pending.delete(next);
      },
    );
    this.pending.add(next);
  }

  async drain(): Promise<void> {
    await Promise.all(this.pending);
    this.check();
  }

  private check(): void {
    if (this.failure !== null) throw this.failure;
    if (this.signal.aborted) throw sshCancelled(this.what);
  }
}

/** Reads [from, to) of `file` in blocks, in order. */
async function* blocks(file: FileHandle, from: number, to: number): AsyncGenerator<{ at: number; data: Buffer }> {
  for (let at = from; at < to; at += blockBytes) {
    const data = Buffer.allocUnsafe(Math.min(blockBytes, to - at));
    const { bytesRead } = await file.read(data, 0, data.length, at);
    if (bytesRead !== data.length) throw new AppFailure(appError('io', text('ssh.sftp.localChanged')));
    yield { at, data };
  }
}

export async function sftpUpload(session: SshSession, localPath: string, remotePath: string, options: SftpUploadOptions = {}): Promise<SftpResult> {
  const signal = options.signal ?? new AbortController().signal;
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const inFlight = options.inFlight ?? 64;
  const size = (await statFile(localPath)).size;
  const hasher = createHasher(options.algorithms ?? ['sha256'], size);
  const local = await openFile(localPath, 'r');
  try {
    return await withSftp(session, signal, async (sftp, where) => {
      const existing = options.resume === 'size' ? await remoteStat(sftp, remotePath) : null;
      const resumedFrom = existing && existing.size <= size ? existing.size : 0;
      const what = text('ssh.cancel.upload', { local: localPath, where, remote: remotePath });
      const handle = await call<Buffer>(text('ssh.sftp.open', { path: remotePath }), where, (done) => sftp.open(remotePath, resumedFrom > 0 ? 'r+' : 'w', { mode: options.mode ?? 0o644 }, done));
      const meter = new ProgressMeter(size, options.onProgress);
      meter.restart(resumedFrom);
      try {
        // The bytes already there are hashed from the local copy: the digest is always of the whole file.
        for await (const { data } of blocks(local, 0, resumedFrom)) await hasher.update(data);
        const window = new RequestWindow(inFlight, signal, what);
        const writing = text('ssh.sftp.write', { path: remotePath });
        for await (const { at, data } of blocks(local, resumedFrom, size)) {
          const hashed = hasher.update(data);
          for (let offset = 0; offset < data.length; offset += chunkBytes) {
            const length = Math.min(chunkBytes, data.length - offset);
            await window.add(() => call<void>(writing, where, (done) => sftp.write(handle, data, offset, length, at + offset, (error) => done(error))).then(() => meter.add(length)));
          }
          await hashed;
        }
        await window.drain();
      } finally {
        await call<void>(text('ssh.sftp.close', { path: remotePath }), where, (done) => sftp.close(handle, done)).catch(() => undefined);
      }
      meter.finish();
      return { size, transferred: size - resumedFrom, resumedFrom, digests: await hasher.digests() };
    });
  } finally {
    hasher.close();
    await local.close();
  }
}

export async function sftpDownload(session: SshSession, remotePath: string, localPath: string, options: SftpTransferOptions = {}): Promise<SftpResult> {
  const signal = options.signal ?? new AbortController().signal;
  const chunkBytes = options.chunkBytes ?? 64 * 1024;
  const inFlight = options.inFlight ?? 64;
  return withSftp(session, signal, async (sftp, where) => {
    const stats = await remoteStat(sftp, remotePath);
    if (!stats) throw new AppFailure(appError('not_found', text('ssh.sftp.missing', { path: remotePath, where })));
    const size = stats.size;
    const hasher = createHasher(options.algorithms ?? ['sha256'], size);
    const handle = await call<Buffer>(text('ssh.sftp.open', { path: remotePath }), where, (done) => sftp.open(remotePath, 'r', done));
    const local = await openFile(localPath, 'w');
    const meter = new ProgressMeter(size, options.onProgress);
    try {
      const window = new RequestWindow(inFlight, signal, text('ssh.cancel.download', { where, remote: remotePath }));
      const reading = text('ssh.sftp.read', { path: remotePath });
      for (let at = 0; at < size; at += blockBytes) {
        const block = Buffer.allocUnsafe(Math.min(blockBytes, size - at));
        for (let offset = 0; offset < block.length; offset += chunkBytes) await window.add(async () => {
          let filled = 0;
          const length = Math.min(chunkBytes, block.length - offset);
          // A server may answer a read with fewer bytes than asked (its own limit): ask for the rest.
          while (filled < length) {
            const got = await call<number>(reading, where, (done) => sftp.read(handle, block, offset + filled, length - filled, at + offset + filled, (error, bytes) => done(error, bytes)));
            if (got === 0) throw new AppFailure(appError('io', text('ssh.sftp.endedEarly', { path: remotePath, where })));
            filled += got;
          }
          meter.add(length);
        });
        // Hashing needs the bytes in order: the block is complete before the next one starts.
        await window.drain();
        await Promise.all([hasher.update(block), local.write(block, 0, block.length, at)]);
      }
      meter.finish();
      return { size, transferred: size, resumedFrom: 0, digests: await hasher.digests() };
    } finally {
      hasher.close();
      await local.close();
      await call<void>(text('ssh.sftp.close', { path: remotePath }), where, (done) => sftp.close(handle, done)).catch(() => undefined);
    }
  });
}
