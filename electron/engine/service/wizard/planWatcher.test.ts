import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanWatcher } from './planWatcher';

const cleanup: Array<() => void> = [];
afterEach(() => cleanup.splice(0).forEach((done) => done()));

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'rp-watch-'));
  const path = join(dir, 'plan.xlsx');
  writeFileSync(path, 'version 1');
  const changes: string[] = [];
  const watcher = new PlanWatcher((changed) => changes.push(changed), 50);
  cleanup.push(() => {
    watcher.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir, path, changes, watcher };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('plan watcher', () => {
  it('reports a save once, with the path as given', async () => {
    const { path, changes, watcher } = setup();
    await watcher.watch(path);
    writeFileSync(path, 'version 2, longer');
    await until(() => changes.length > 0, 'the change');
    await settle();
    expect(changes).toEqual([path]);
  });

  it('survives an editor that saves by renaming a temporary file over the workbook', async () => {
    const { dir, path, changes, watcher } = setup();
    await watcher.watch(path);
    for (const round of [1, 2]) {
      writeFileSync(join(dir, '~$tmp.xlsx'), `saved by the editor, round ${round}`);
      renameSync(join(dir, '~$tmp.xlsx'), path);
      await until(() => changes.length === round, `save ${round}`);
    }
  });

  it('ignores other files in the folder', async () => {
    const { dir, path, changes, watcher } = setup();
    await watcher.watch(path);
    writeFileSync(join(dir, '~$plan.xlsx'), 'lock file');
    await settle();
    expect(changes).toEqual([]);
  });

  it('stops on null, and refuses a path with no file', async () => {
    const { dir, path, changes, watcher } = setup();
    await watcher.watch(path);
    await watcher.watch(null);
    writeFileSync(path, 'changed after the watch stopped');
    await settle();
    expect(changes).toEqual([]);
    await expect(watcher.watch(join(dir, 'missing.xlsx'))).rejects.toMatchObject({ appError: { code: 'not_found' } });
  });
});
