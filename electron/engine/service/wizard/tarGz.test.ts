import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEntryName, fileContent, writeTarGz, type TarEntry } from './tarGz';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rp-tar-'));
  dirs.push(dir);
  return dir;
}

/** What tar-stream's own reader finds: name, header fields and content of every entry. */
async function extracted(archive: string): Promise<Array<{ name: string; mode: number; mtime: number; size: number; type: string; content: Buffer }>> {
  const found: Array<{ name: string; mode: number; mtime: number; size: number; type: string; content: Buffer }> = [];
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      found.push({ name: header.name, mode: header.mode ?? -1, mtime: (header.mtime?.getTime() ?? 0) / 1000, size: header.size ?? -1, type: header.type ?? '', content: Buffer.concat(chunks) });
      next();
    });
  });
  await pipeline(createReadStream(archive), createGunzip(), extract);
  return found;
}

const mtime = Date.parse('2024-05-01T12:00:00Z') / 1000;
const longName = `logs/${'a-rather-long-folder-name/'.repeat(5)}${'step-output-'.repeat(6)}名前.txt`;
const longerThanUstar = `${'x'.repeat(160)}/${'y'.repeat(120)}.log`;

describe('tar.gz writer', () => {
  it('writes an archive the system tar and tar-stream read back byte for byte, with names, modes and times', async () => {
    const dir = tempDir();
    const big = Buffer.alloc(3 * 512 + 17, 7);
    writeFileSync(join(dir, 'source.bin'), big);
    const exact = Buffer.alloc(512, 'x');
    const archive = join(dir, 'out.tar.gz');
    const entries: TarEntry[] = [
      { name: 'empty.txt', size: 0, mtime, content: Buffer.alloc(0) },
      { name: 'exact.txt', size: 512, mtime, content: exact },
      { name: 'unicode-名前.json', size: Buffer.byteLength('{"a":"ü"}'), mtime, content: Buffer.from('{"a":"ü"}') },
      { name: 'big.bin', size: big.length, mtime, content: fileContent(join(dir, 'source.bin')) },
      { name: longName, size: 3, mtime, content: Buffer.from('one') },
      { name: longerThanUstar, size: 3, mtime, content: Buffer.from('two') },
    ];
    expect(Buffer.byteLength(longName)).toBeGreaterThan(100);
    await writeTarGz(archive, entries);

    const listing = execFileSync('tar', ['-tzvf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toHaveLength(entries.length);
    for (const line of listing) expect(line).toMatch(/^-rw-r--r-- rackpilot\/rackpilot .* 2024-05-01 /);
    expect(execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n')).toEqual(entries.map((entry) => entry.name));

    const out = join(dir, 'x');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', archive, '-C', out]);
    for (const entry of entries) {
      const expected = Buffer.isBuffer(entry.content) ? entry.content : big;
      expect(readFileSync(join(out, entry.name)).equals(expected), entry.name).toBe(true);
    }

    const read = await extracted(archive);
    expect(read.map(({ name, mode, mtime: time, size, type }) => ({ name, mode, mtime: time, size, type }))).toEqual(
      entries.map((entry) => ({ name: entry.name, mode: 0o644, mtime, size: entry.size, type: 'file' })),
    );
    expect(read[3]!.content.equals(big)).toBe(true);
  });

  it('refuses content that does not match its declared size', async () => {
    const dir = tempDir();
    await expect(writeTarGz(join(dir, 'short.tar.gz'), [{ name: 'a', size: 5, mtime: 0, content: Buffer.from('abc') }])).rejects.toThrow(/3 bytes, not the declared 5/);
    await expect(writeTarGz(join(dir, 'long.tar.gz'), [{ name: 'a', size: 2, mtime: 0, content: Buffer.from('abc') }])).rejects.toThrow(/beyond its declared 2/);
  });

  it('refuses names that would escape the extraction folder', async () => {
    for (const name of ['../evil', 'logs/../../evil', '/etc/passwd', 'c:\\evil', '']) expect(() => checkEntryName(name), name).toThrow();
    expect(() => checkEntryName(longerThanUstar)).not.toThrow();
    await expect(writeTarGz(join(tempDir(), 'bad.tar.gz'), [{ name: '../evil', size: 0, mtime: 0, content: Buffer.alloc(0) }])).rejects.toThrow(/relative path/);
  });
});
