import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../net/httpClient';
import { memoryTrustStore } from '../net/tlsTestKit';
import { multipartTarget } from './multipartTarget';
import { startServer, tempDir } from './transferTestKit';
import { uploadChunked } from './uploadChunked';
import { uploadStreamed } from './uploadStreamed';

// Behaviour, not timing: memory must not grow with the file. The bound is generous
// (the test process also hosts the receiving server); the figures are printed.
const size = 512 * 1024 * 1024;
const bound = 200 * 1024 * 1024;
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
let temp: ReturnType<typeof tempDir>;
let path: string;
let zerosSha256: string;

beforeAll(async () => {
  temp = tempDir();
  path = join(temp.dir, 'sparse.iso');
  closeSync(openSync(path, 'w'));
  await truncate(path, size); // sparse: no disk used, reads as zeros
  const hash = createHash('sha256');
  const block = Buffer.alloc(16 * 1024 * 1024);
  for (let done = 0; done < size; done += block.length) hash.update(block);
  zerosSha256 = hash.digest('hex');
});

afterAll(() => temp.remove());

/** Peak RSS above the level at the start, sampled while `work` runs. */
async function peakGrowth(work: (sample: () => void) => Promise<void>): Promise<number> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 20);
  try {
    await work(sample);
  } finally {
    clearInterval(timer);
  }
  return peak - start;
}

describe('memory stays flat whatever the file size', () => {
  it('streams 512 MiB through multipart HTTP', async () => {
    let received = 0;
    const server = await startServer((req, res) => {
      req.on('data', (chunk: Buffer) => (received += chunk.length));
      req.on('end', () => res.end('{"data":null}'));
    });
    const client = createHttpClient({ baseURL: `http://127.0.0.1:${server.port}`, trust: memoryTrustStore(), timeoutMs: 60_000 });
    try {
      let sha256 = '';
      const growth = await peakGrowth(async (sample) => {
        const result = await uploadStreamed({
          file: path,
          target: multipartTarget({ client, url: '/upload', fields: [['content', 'iso']], fileField: 'filename' }),
          onProgress: sample,
        });
        sha256 = result.digests.sha256!;
      });
      console.log(`[memory] streamed ${mib(size)}: peak RSS growth ${mib(growth)} (bound ${mib(bound)})`);
      expect(sha256).toBe(zerosSha256);
      expect(received).toBeGreaterThan(size);
      expect(growth).toBeLessThan(bound);
    } finally {
      client.close();
      await server.stop();
    }
  }, 120_000);

  it('uploads 512 MiB in chunks', async () => {
    let received = 0;
    let sha256 = '';
    const growth = await peakGrowth(async (sample) => {
      const result = await uploadChunked({
        file: path,
        target: {
          begin: async () => ({ sessionId: 's', chunkSize: 8 * 1024 * 1024, wantedChunks: [...Array(64).keys()] }),
          sendChunk: async (_session, _index, data) => {
            received += data.length;
          },
        },
        onProgress: sample,
      });
      sha256 = result.digests.sha256!;
    });
    console.log(`[memory] chunked ${mib(size)}: peak RSS growth ${mib(growth)} (bound ${mib(bound)})`);
    expect(received).toBe(size);
    expect(sha256).toBe(zerosSha256);
    expect(growth).toBeLessThan(bound);
  }, 120_000);
});
