import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeUploadName, WorkbookUploads } from './uploads';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rp-upload-'));
  dirs.push(dir);
  return dir;
};
const b64 = (text: string) => Buffer.from(text).toString('base64');
const id = 'abcdef12-3456';

describe('workbook uploads', () => {
  it('assembles chunks in order and makes the file importable only on the final one', async () => {
    const dataDir = newDir();
    const uploads = new WorkbookUploads(dataDir);
    expect(await uploads.receive({ uploadId: id, name: 'plan.xlsx', offset: 0, chunkBase64: b64('hello '), final: false })).toEqual({ received: 6, path: null });
    const finalPath = join(dataDir, 'imports', id, 'plan.xlsx');
    expect(existsSync(finalPath)).toBe(false);
    expect(await uploads.receive({ uploadId: id, name: 'plan.xlsx', offset: 6, chunkBase64: b64('world'), final: true })).toEqual({ received: 11, path: finalPath });
    expect(readFileSync(finalPath, 'utf8')).toBe('hello world');
    expect(existsSync(`${finalPath}.part`)).toBe(false);
  });

  it('refuses a chunk at the wrong offset, naming the expected one', async () => {
    const uploads = new WorkbookUploads(newDir());
    await uploads.receive({ uploadId: id, name: 'plan.xlsx', offset: 0, chunkBase64: b64('abc'), final: false });
    await expect(uploads.receive({ uploadId: id, name: 'plan.xlsx', offset: 10, chunkBase64: b64('x'), final: false })).rejects.toMatchObject({
      appError: { code: 'conflict', hint: expect.stringContaining('byte 3') },
    });
    await expect(uploads.receive({ uploadId: 'other-upload', name: 'plan.xlsx', offset: 5, chunkBase64: b64('x'), final: false })).rejects.toMatchObject({ appError: { code: 'conflict' } });
  });

  it('handles chunks sent without waiting, one after the other', async () => {
    const uploads = new WorkbookUploads(newDir());
    const replies = await Promise.all(['aa', 'bb', 'cc'].map((text, i) => uploads.receive({ uploadId: id, name: 'p.xlsx', offset: i * 2, chunkBase64: b64(text), final: i === 2 })));
    expect(replies.map((reply) => reply.received)).toEqual([2, 4, 6]);
    expect(readFileSync(replies[2]!.path!, 'utf8')).toBe('aabbcc');
  });

  it('refuses a completed upload, bad base64, an empty file and more than 100 MB', async () => {
    const uploads = new WorkbookUploads(newDir());
    await uploads.receive({ uploadId: id, name: 'p.xlsx', offset: 0, chunkBase64: b64('x'), final: true });
    await expect(uploads.receive({ uploadId: id, name: 'p.xlsx', offset: 1, chunkBase64: b64('y'), final: true })).rejects.toMatchObject({ appError: { code: 'conflict' } });
    await expect(uploads.receive({ uploadId: 'bad-base64', name: 'p.xlsx', offset: 0, chunkBase64: 'not base64!', final: false })).rejects.toMatchObject({ appError: { code: 'invalid_request' } });
    await expect(uploads.receive({ uploadId: 'empty-file', name: 'p.xlsx', offset: 0, chunkBase64: '', final: true })).rejects.toMatchObject({ appError: { code: 'invalid_request', title: expect.stringContaining('empty') } });
    const dataDir = newDir();
    const big = new WorkbookUploads(dataDir);
    mkdirSync(join(dataDir, 'imports', 'big-upload'), { recursive: true });
    writeFileSync(join(dataDir, 'imports', 'big-upload', 'p.xlsx.part'), Buffer.alloc(100 * 1024 * 1024));
    await expect(big.receive({ uploadId: 'big-upload', name: 'p.xlsx', offset: 100 * 1024 * 1024, chunkBase64: b64('x'), final: true })).rejects.toMatchObject({
      appError: { code: 'invalid_request', title: expect.stringContaining('100 MB') },
    });
  });

  it('keeps only a safe base name with its extension', () => {
    expect(safeUploadName('../../etc/passwd')).toBe('passwd');
    expect(safeUploadName('C:\\Users\\me\\Plan: site A.xlsx')).toBe('Plan_ site A.xlsx');
    expect(safeUploadName('..')).toBe('workbook.xlsx');
    expect(safeUploadName('.hidden.xlsx')).toBe('hidden.xlsx');
    expect(safeUploadName(`${'a'.repeat(300)}.xlsx`)).toMatch(/^a{195}\.xlsx$/);
  });

  it('prunes import folders older than a week unless still in use', async () => {
    const dataDir = newDir();
    const uploads = new WorkbookUploads(dataDir);
    const old = Date.now() / 1000 - 8 * 86_400;
    for (const name of ['old-one', 'old-in-use', 'fresh-one']) {
      mkdirSync(join(dataDir, 'imports', name), { recursive: true });
      if (name.startsWith('old')) utimesSync(join(dataDir, 'imports', name), old, old);
    }
    expect(await uploads.prune((dir) => dir.endsWith('old-in-use'))).toBe(1);
    expect(['old-one', 'old-in-use', 'fresh-one'].map((name) => existsSync(join(dataDir, 'imports', name)))).toEqual([false, true, true]);
  });
});
