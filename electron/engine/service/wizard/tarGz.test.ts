import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileContent, tarHeader, writeTarGz } from './tarGz';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('tar.gz writer', () => {
  it('writes an archive the system tar extracts byte for byte, whatever the sizes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-tar-'));
    dirs.push(dir);
    const big = Buffer.alloc(3 * 512 + 17, 7);
    writeFileSync(join(dir, 'source.bin'), big);
    const exact = Buffer.alloc(512, 'x');
    const archive = join(dir, 'out.tar.gz');
    const mtime = Date.parse('2024-05-01T12:00:00Z') / 1000;
    await writeTarGz(archive, [
      { name: 'empty.txt', size: 0, mtime, content: Buffer.alloc(0) },
      { name: 'exact.txt', size: 512, mtime, content: exact },
      { name: 'unicode-名前.json', size: Buffer.byteLength('{"a":"ü"}'), mtime, content: Buffer.from('{"a":"ü"}') },
      { name: 'big.bin', size: big.length, mtime, content: fileContent(join(dir, 'source.bin')) },
    ]);
    const listing = execFileSync('tar', ['-tzvf', archive], { encoding: 'utf8' });
    expect(listing).toContain('2024-05-01');
    const out = join(dir, 'x');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', archive, '-C', out]);
    expect(readFileSync(join(out, 'empty.txt')).length).toBe(0);
    expect(readFileSync(join(out, 'exact.txt')).equals(exact)).toBe(true);
    expect(readFileSync(join(out, 'unicode-名前.json'), 'utf8')).toBe('{"a":"ü"}');
    expect(readFileSync(join(out, 'big.bin')).equals(big)).toBe(true);
  });

  it('refuses content that does not match its declared size', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rp-tar-'));
    dirs.push(dir);
    await expect(writeTarGz(join(dir, 'bad.tar.gz'), [{ name: 'a', size: 5, mtime: 0, content: Buffer.from('abc') }])).rejects.toThrow(/3 bytes, not the declared 5/);
  });

  it('refuses names that would escape the extraction folder or do not fit', () => {
    expect(() => tarHeader('../evil', 0, 0)).toThrow();
    expect(() => tarHeader('/etc/passwd', 0, 0)).toThrow();
    expect(() => tarHeader('a'.repeat(101), 0, 0)).toThrow();
    expect(tarHeader('ok.txt', 1, 0).length).toBe(512);
  });
});
