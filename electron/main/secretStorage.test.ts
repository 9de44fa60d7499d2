import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../shared/errors';
import { chineseOf, englishLeft } from '../integration/englishLeft';
import { FakeSafeStorage } from './fakeElectron';
import { createSafeSecretStorage } from './secretStorage';

let dir: string;
let filePath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rackpilot-secrets-'));
  filePath = join(dir, 'home', 'secrets.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const make = (safeStorage = new FakeSafeStorage(), platform = 'linux') =>
  createSafeSecretStorage({ safeStorage, filePath, platform, log: () => undefined });

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const cause = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(cause instanceof AppFailure)) throw new Error(`expected an AppFailure, got ${String(cause)}`);
  return cause.appError;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (cause) {
    if (cause instanceof AppFailure) return cause.appError.code;
    throw cause;
  }
  throw new Error('expected an AppFailure');
}

describe('safeStorage-backed secret storage', () => {
  it('round-trips secrets across instances without writing clear text', async () => {
    const storage = await make();
    expect(storage.persistent).toBe(true);
    await storage.set('endpoint:pve1:password', 'hunter2-Sup3r-Secret');
    await storage.set('endpoint:vc:password', 'ÄÖÜ-unicode ✓');
    const text = await readFile(filePath, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('Sup3r');
    expect(JSON.parse(text)).toMatchObject({ version: 1, entries: { 'endpoint:pve1:password': expect.any(String) } });

    const again = await make();
    expect(await again.get('endpoint:pve1:password')).toBe('hunter2-Sup3r-Secret');
    expect(await again.get('endpoint:vc:password')).toBe('ÄÖÜ-unicode ✓');
    expect(await again.get('missing')).toBeUndefined();
  });

  it('keeps the file private and leaves no temp files behind', async () => {
    const storage = await make();
    await storage.set('a', '1');
    await storage.set('a', '2');
    if (process.platform !== 'win32') expect((await stat(filePath)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'home'))).toEqual(['secrets.json']);
  });

  it('deletes a secret and ignores deleting one that is absent', async () => {
    const storage = await make();
    await storage.set('a', '1');
    await storage.set('b', '2');
    await storage.delete('a');
    await storage.delete('never-set');
    expect(await storage.get('a')).toBeUndefined();
    expect(await storage.get('b')).toBe('2');
    expect(await storage.keys()).toEqual(['b']);
  });

  it('loses no write when several run at once', async () => {
    const storage = await make();
    await Promise.all(Array.from({ length: 12 }, (_, i) => storage.set(`k${i}`, `v${i}`)));
    const again = await make();
    for (let i = 0; i < 12; i++) expect(await again.get(`k${i}`)).toBe(`v${i}`);
  });

  it('refuses to store anything when the keychain is unavailable', async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    const storage = await make(safeStorage);
    expect(storage.persistent).toBe(false);
    expect(await codeOf(storage.set('a', 'clear text'))).toBe('unsupported');
    await expect(stat(filePath)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(safeStorage.encryptCalls).toBe(0);
  });

  it("treats Linux's hard-coded basic_text key as unavailable, but not elsewhere", async () => {
    const safeStorage = new FakeSafeStorage();
    safeStorage.backend = 'basic_text';
    expect((await make(safeStorage, 'linux')).persistent).toBe(false);
    expect((await make(safeStorage, 'darwin')).persistent).toBe(true);
  });

  it('re-encrypts a secret when the keychain asks for it', async () => {
    const safeStorage = new FakeSafeStorage();
    const storage = await make(safeStorage);
    await storage.set('a', 'x');
    safeStorage.reEncrypt = true;
    expect(await storage.get('a')).toBe('x');
    expect(safeStorage.encryptCalls).toBe(2);
  });

  it('reports a damaged file or undecryptable secret as io errors, and bad names as invalid', async () => {
    const storage = await make();
    await storage.set('a', 'x');
    const stored = JSON.parse(await readFile(filePath, 'utf8'));
    stored.entries.a = Buffer.from('garbage').toString('base64');
    await writeFile(filePath, JSON.stringify(stored));
    expect(await codeOf(storage.get('a'))).toBe('io');
    await writeFile(filePath, '{ not json');
    expect(await codeOf(storage.get('a'))).toBe('io');
    expect(await codeOf(storage.set('b', 'y'))).toBe('io');
    expect(await codeOf(storage.get(''))).toBe('invalid_request');
    expect(await codeOf(storage.set('k'.repeat(501), 'y'))).toBe('invalid_request');
  });

  it('says in Chinese what went wrong with the store on disk and the keychain, naming the file and the secret as they are', async () => {
    const storage = await make();
    await storage.set('endpoint:pve1:password', 'x');
    const stored = JSON.parse(await readFile(filePath, 'utf8'));
    stored.entries['endpoint:pve1:password'] = Buffer.from('garbage').toString('base64');
    await writeFile(filePath, JSON.stringify(stored));
    const undecryptable = await failureOf(storage.get('endpoint:pve1:password'));
    expect(undecryptable.title).toBe('The stored secret "endpoint:pve1:password" could not be decrypted.');
    expect(chineseOf(undecryptable)).toEqual({ title: '无法解密已保存的密钥“endpoint:pve1:password”。', hint: '保存后操作系统钥匙串可能已变更；请重新输入该密钥。' });
    await writeFile(filePath, '{ not json');
    const damaged = chineseOf(await failureOf(storage.get('endpoint:pve1:password')));
    expect(damaged).toEqual({ title: `密钥存储 ${filePath} 已损坏。`, hint: '请把该文件移到别处，然后重新输入密钥。' });
    expect(englishLeft(`${damaged.title} ${damaged.hint}`, [filePath])).toEqual([]);

    const safeStorage = new FakeSafeStorage();
    safeStorage.available = false;
    await rm(filePath);
    const locked = chineseOf(await failureOf((await make(safeStorage)).set('a', 'x')));
    expect(locked).toEqual({ title: '无法在这台计算机上保存密钥。', hint: '没有可用于加密的操作系统钥匙串；请在每次会话中重新输入密钥。' });
  });
});
