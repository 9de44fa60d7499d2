import { createHash } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../net/httpClient';
import { memoryTrustStore } from '../net/tlsTestKit';
import { multipartTarget } from './multipartTarget';
import { collect, openDescriptors, parseMultipart, randomFile, startServer, tempDir } from './transferTestKit';
import type { StreamTarget, TransferProgress } from './types';
import { uploadStreamed } from './uploadStreamed';
import { failureOf } from '../testing/failureOf';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function setup(size: number) {
  const temp = tempDir();
  cleanups.push(temp.remove);
  return randomFile(temp.dir, 'ubuntu-24.04.iso', size);
}

async function server(handle: Parameters<typeof startServer>[0]) {
  const started = await startServer(handle);
  cleanups.push(started.stop);
  const client = createHttpClient({ baseURL: `http://127.0.0.1:${started.port}`, trust: memoryTrustStore(), timeoutMs: 5000 });
  cleanups.push(() => client.close());
  return { ...started, client };
}


const fields: [string, string][] = [
  ['content', 'iso'],
  ['checksum-algorithm', 'sha256'],
  ['checksum', 'f'.repeat(64)],
];

describe('uploadStreamed over multipart HTTP', () => {
  it('sends fields first, then the exact file bytes, with an exact Content-Length, and hashes in the same pass', async () => {
    const file = setup(5 * 1024 * 1024 + 123);
    const received: { length: string | undefined; contentType: string; body: Buffer }[] = [];
    const { client } = await server(async (req, res) => {
      const body = await collect(req);
      received.push({ length: req.headers['content-length'], contentType: String(req.headers['content-type']), body });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: 'UPID:pve1:0001' }));
    });
    const progress: TransferProgress[] = [];
    const result = await uploadStreamed({
      file: file.path,
      target: multipartTarget<{ data: string }>({ client, url: '/api2/json/nodes/pve1/storage/local/upload', fields, fileField: 'filename' }),
      onProgress: (report) => progress.push(report),
      algorithms: ['sha256', 'md5'],
    });

    expect(result.response.data).toEqual({ data: 'UPID:pve1:0001' });
    expect(result.digests.sha256).toBe(file.sha256);
    expect(result.digests.md5).toBe(createHash('md5').update(file.bytes).digest('hex'));
    expect(received).toHaveLength(1);
    const [upload] = received;
    expect(upload!.length).toBe(String(upload!.body.length));
    const parts = parseMultipart(upload!.body, upload!.contentType);
    expect(parts.map((part) => part.name)).toEqual(['content', 'checksum-algorithm', 'checksum', 'filename']);
    expect(parts.slice(0, 3).map((part) => part.data.toString())).toEqual(fields.map(([, value]) => value));
    expect(parts[3]!.filename).toBe('ubuntu-24.04.iso');
    expect(parts[3]!.data.equals(file.bytes)).toBe(true);
    expect(createHash('sha256').update(parts[3]!.data).digest('hex')).toBe(result.digests.sha256);

    expect(progress.length).toBeGreaterThan(0);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.bytesDone).toBeGreaterThanOrEqual(progress[i - 1]!.bytesDone);
    expect(progress.at(-1)).toMatchObject({ bytesDone: file.bytes.length, bytesTotal: file.bytes.length, etaSeconds: 0 });
    expect(openDescriptors(file.path)).toBe(0);
  });

  it('stops reading the file and rejects as cancelled when aborted mid-stream', async () => {
    const file = setup(64 * 1024 * 1024);
    let requestSeen: () => void = () => undefined;
    const seen = new Promise<void>((resolve) => (requestSeen = resolve));
    // The server reads nothing: backpressure holds the upload after the socket buffers fill.
    const { client } = await server((req) => {
      req.pause();
      requestSeen();
    });
    const controller = new AbortController();
    const progress: TransferProgress[] = [];
    const pending = uploadStreamed({
      file: file.path,
      target: multipartTarget({ client, url: '/upload', fields, fileField: 'filename' }),
      signal: controller.signal,
      onProgress: (report) => progress.push(report),
    });
    await seen;
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const failure = await failureOf(pending);
    expect(failure.appError.code).toBe('cancelled');
    const reportsAtAbort = progress.length;
    const bytesAtAbort = progress.at(-1)?.bytesDone ?? 0;
    expect(bytesAtAbort).toBeLessThan(file.bytes.length);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(progress.length).toBe(reportsAtAbort);
    expect(openDescriptors(file.path)).toBe(0);
  });

  it('starts over from byte 0 after a connection reset, and the retry delivers the whole file', async () => {
    const file = setup(3 * 1024 * 1024);
    const bodies: Buffer[] = [];
    let attempts = 0;
    const { client } = await server(async (req, res) => {
      attempts++;
      if (attempts === 1) {
        req.once('data', () => req.socket.destroy());
        return;
      }
      bodies.push(await collect(req));
      res.setHeader('content-type', 'application/json');
      res.end('{"data":null}');
    });
    const retries: number[] = [];
    const result = await uploadStreamed({
      file: file.path,
      target: multipartTarget({ client, url: '/upload', fields, fileField: 'filename' }),
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, jitter: 0 },
      onRetry: (failure, next) => retries.push(next),
    });
    expect(retries).toEqual([2]);
    expect(result.digests.sha256).toBe(file.sha256);
    const parts = parseMultipart(bodies[0]!, `boundary=${bodies[0]!.subarray(2, bodies[0]!.indexOf('\r\n')).toString()}`);
    expect(parts.at(-1)!.data.equals(file.bytes)).toBe(true);
  });

  it('fails with an io error when the file grows while it is being sent', async () => {
    const file = setup(256 * 1024);
    const target: StreamTarget<void> = {
      send: async ({ body }) => {
        appendFileSync(file.path, Buffer.alloc(4096, 1));
        for await (const chunk of body) void chunk;
      },
    };
    const failure = await failureOf(uploadStreamed({ file: file.path, target, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 } }));
    expect(failure.appError.code).toBe('io');
    expect(failure.appError.title).toContain('changed while it was being uploaded');
  });

  it('fails a stalled upload as a timeout', async () => {
    const file = setup(1024 * 1024);
    const target: StreamTarget<void> = { send: ({ signal }) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))) };
    const failure = await failureOf(uploadStreamed({ file: file.path, target, stallTimeoutMs: 100, retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 } }));
    expect(failure.appError.code).toBe('timeout');
    expect(failure.appError.title).toContain('stalled');
  });

  it('names the file when it does not exist', async () => {
    const failure = await failureOf(uploadStreamed({ file: '/nonexistent/rackpilot.iso', target: { send: async () => undefined } }));
    expect(failure.appError).toMatchObject({ code: 'io', title: 'The file /nonexistent/rackpilot.iso was not found.' });
  });
});
