import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without type declarations
import { findElectron, isRendererStale } from './start.mjs';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'rackpilot-start-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function touch(file: string, secondsAgo: number): Promise<void> {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, 'x');
  const when = new Date(Date.now() - secondsAgo * 1000);
  await utimes(file, when, when);
}

describe('isRendererStale', () => {
  it('is stale without a build, or when a renderer or shared source is newer than it', async () => {
    expect(isRendererStale(base)).toBe(true);
    await touch(join(base, 'renderer/src/App.tsx'), 300);
    await touch(join(base, 'shared/contract/channels.ts'), 200);
    await touch(join(base, 'dist-renderer/index.html'), 100);
    expect(isRendererStale(base)).toBe(false);
    await touch(join(base, 'shared/contract/channels.ts'), 10);
    expect(isRendererStale(base)).toBe(true);
  });

  it('ignores node_modules inside the sources', async () => {
    await touch(join(base, 'dist-renderer/index.html'), 100);
    await touch(join(base, 'renderer/node_modules/.vite/deps.json'), 1);
    expect(isRendererStale(base)).toBe(false);
  });
});

describe('findElectron', () => {
  it('finds nothing when the package was installed without its binary', async () => {
    await mkdir(join(base, 'node_modules/electron'), { recursive: true });
    expect(findElectron(base, {})).toBeNull();
    await writeFile(join(base, 'node_modules/electron/path.txt'), 'electron');
    expect(findElectron(base, {})).toBeNull();
  });

  it('finds the downloaded binary named by path.txt', async () => {
    await touch(join(base, 'node_modules/electron/dist/electron'), 0);
    await writeFile(join(base, 'node_modules/electron/path.txt'), 'electron');
    expect(findElectron(base, {})).toBe(join(base, 'node_modules/electron/dist/electron'));
  });

  it('honours ELECTRON_PATH, but only when it exists', async () => {
    const binary = join(base, 'bin/electron');
    await touch(binary, 0);
    expect(findElectron(base, { ELECTRON_PATH: binary })).toBe(binary);
    expect(findElectron(base, { ELECTRON_PATH: join(base, 'missing') })).toBeNull();
  });
});
