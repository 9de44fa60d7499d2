import { truncateSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { expectChinese } from '../../integration/expectChinese';
import { createHttpClient, type HttpClient } from '../net/httpClient';
import { memoryTrustStore } from '../net/tlsTestKit';
import { failureOf } from '../testing/failureOf';
import { hashFile } from './hashFile';
import { multipartTarget } from './multipartTarget';
import { randomFile, startServer, tempDir } from './transferTestKit';
import type { ChunkTarget } from './types';
import { uploadChunked } from './uploadChunked';
import { uploadStreamed } from './uploadStreamed';

/*
 * The upload failures an engineer meets most, made to happen for real (a
 * file cut short while it is sent, a server that stops reading or answers
 * too early, an upload API answering nonsense, a missing ISO) and read in
 * Chinese: the file's name and path and the numbers stay as they were.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const once = { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, jitter: 0 };
const fields: [string, string][] = [['content', 'iso']];

function isoOf(size: number) {
  const temp = tempDir();
  cleanups.push(temp.remove);
  return randomFile(temp.dir, 'rocky-9.iso', size);
}

async function server(handle: Parameters<typeof startServer>[0]): Promise<HttpClient> {
  const started = await startServer(handle);
  cleanups.push(started.stop);
  const client = createHttpClient({ baseURL: `http://127.0.0.1:${started.port}`, trust: memoryTrustStore(), timeoutMs: 5000 });
  cleanups.push(() => client.close());
  return client;
}


describe('streamed uploads over real HTTP, failing in Chinese', () => {
  it('a file cut short while it is being sent says it changed, with its path and the size it had', async () => {
    const iso = isoOf(16 * 1024 * 1024);
    let cut = false;
    const client = await server((req) => {
      req.on('data', () => {
        if (!cut) truncateSync(iso.path, 1024 * 1024);
        cut = true;
      });
      req.on('error', () => undefined);
    });
    const failure = await failureOf(uploadStreamed({ file: iso.path, target: multipartTarget({ client, url: '/upload', fields, fileField: 'filename' }), retry: once }));
    expect(failure.appError.code).toBe('io');
    expect(failure.appError.title).toBe(`The file ${iso.path} changed while it was being uploaded (it was ${16 * 1024 * 1024} bytes when the upload started).`);
    const zh = expectChinese(failure.appError, [iso.path, String(16 * 1024 * 1024)]);
    expect(zh.title).toContain('上传过程中发生了变化');
    expect(zh.hint).toContain('重试');
  });

  it('a server that stops reading stalls the upload, and one that answers at once did not get the whole file', async () => {
    const iso = isoOf(32 * 1024 * 1024);
    const silent = await server((req) => req.pause());
    const stalled = await failureOf(
      uploadStreamed({ file: iso.path, target: multipartTarget({ client: silent, url: '/upload', fields, fileField: 'filename' }), stallTimeoutMs: 300, retry: once }),
    );
    expect(stalled.appError.code).toBe('timeout');
    expect(expectChinese(stalled.appError, ['rocky-9.iso']).title).toContain('停滞');

    const hasty = await server((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end('{"data":null}');
    });
    const early = await failureOf(uploadStreamed({ file: iso.path, target: multipartTarget({ client: hasty, url: '/upload', fields, fileField: 'filename' }), retry: once }));
    expect(early.appError.title).toContain('The server answered before the whole of rocky-9.iso was sent');
    expect(expectChinese(early.appError, ['rocky-9.iso', String(32 * 1024 * 1024)]).title).toContain('发送完毕前');
  });

  it('a missing ISO, a folder instead of a file, an unknown checksum and a cancelled upload name what they are about', async () => {
    const iso = isoOf(4096);
    const missing = await failureOf(uploadStreamed({ file: `${iso.path}.part`, target: { send: async () => undefined } }));
    expect(missing.appError.title).toBe(`The file ${iso.path}.part was not found.`);
    expect(expectChinese(missing.appError, [`${iso.path}.part`]).title).toContain('找不到文件');
    const emptyFolder = tempDir();
    cleanups.push(emptyFolder.remove);
    const folder = await failureOf(hashFile(emptyFolder.dir));
    expect(expectChinese(folder.appError, []).title).toContain('是文件夹');
    const algorithm = await failureOf(hashFile(iso.path, 'crc99'));
    expect(expectChinese(algorithm.appError, ['crc99']).hint).toContain('sha256');

    const controller = new AbortController();
    controller.abort();
    const cancelled = await failureOf(uploadStreamed({ file: iso.path, target: { send: async () => undefined }, signal: controller.signal }));
    expect(cancelled.appError).toMatchObject({ code: 'cancelled', title: 'The upload of rocky-9.iso was cancelled.' });
    expect(expectChinese(cancelled.appError, ['rocky-9.iso']).title).toBe('rocky-9.iso 的上传已取消。');
  });
});

/** A chunk upload API on a local HTTP server whose answers the test decides (SmartX-like: each answer lists the chunks still wanted). */
async function chunkApi(answers: { begin: unknown; chunk: (index: number) => unknown }): Promise<ChunkTarget> {
  const client = await server((req, res) => {
    req.resume();
    req.on('end', () => {
      const index = /\/chunks\/(\d+)$/.exec(req.url ?? '');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(index ? answers.chunk(Number(index[1])) : answers.begin));
    });
  });
  return {
    begin: async (_request, signal) => (await client.post('/sessions', {}, { signal })).data,
    sendChunk: async (session, index, data, signal) => (await client.put(`/sessions/${session.sessionId}/chunks/${index}`, data, { signal })).data,
  };
}

describe('chunked uploads against a local API that answers nonsense, failing in Chinese', () => {
  const chunkSize = 64 * 1024;

  it('no chunk list, a chunk outside the file, a chunk size out of bounds, and a chunk asked for again and again', async () => {
    const iso = isoOf(chunkSize * 4);
    const upload = (target: ChunkTarget) => failureOf(uploadChunked({ file: iso.path, target, retry: once }));

    const noList = await upload(await chunkApi({ begin: { sessionId: 's1', chunkSize, wantedChunks: 'all' }, chunk: () => ({}) }));
    expect(noList.appError.title).toBe('The upload server for rocky-9.iso did not say which chunks it still wants.');
    expect(expectChinese(noList.appError, ['rocky-9.iso']).hint).toContain('上传 API');

    const outside = await upload(await chunkApi({ begin: { sessionId: 's2', chunkSize, wantedChunks: [0, 1, 2, 3] }, chunk: () => ({ wantedChunks: [9] }) }));
    expect(outside.appError.title).toContain('asked for chunk 9 of an upload of 4 chunks');
    expect(expectChinese(outside.appError, ['rocky-9.iso']).title).toContain('第 9 块');

    const huge = await upload(await chunkApi({ begin: { sessionId: 's3', chunkSize: 4 * 1024 * 1024 * 1024, wantedChunks: [0] }, chunk: () => ({}) }));
    expectChinese(huge.appError, ['rocky-9.iso', String(4 * 1024 * 1024 * 1024)]);

    const again = await upload(await chunkApi({ begin: { sessionId: 's4', chunkSize, wantedChunks: [0, 1] }, chunk: () => ({ wantedChunks: [1] }) }));
    expect(again.appError.code).toBe('step_failed');
    expect(expectChinese(again.appError, ['rocky-9.iso']).title).toContain('仍在要求第 1 块');
  });
});
