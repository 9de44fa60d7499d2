import Database from 'better-sqlite3';
import { openSync, writeSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectChinese } from '../../integration/expectChinese';
import { thrownAppError } from '../runner/testFakes';
import { latestVersion } from './migrations';
import { openStore } from './openStore';
import { makeTempDir, sampleRun, sampleSteps } from './storeTestKit';

/*
 * What an engineer meets when the data folder's store cannot be used, made
 * to happen on real SQLite files and read in Chinese: the file's path and
 * the schema numbers stay as they were, Rackpilot's words are Chinese.
 */

const temp = makeTempDir('store-zh');
afterAll(() => temp.remove());



describe('a data folder whose store cannot be used, in Chinese', () => {
  it('a store whose pages were overwritten is not a readable database; the hint says to move it aside', () => {
    const file = temp.file('damaged.sqlite');
    const store = openStore(file);
    store.createRun(sampleRun('r1'), sampleSteps());
    store.close();
    // Garbage over the schema page (after the 100-byte header) and beyond: what a failing disk leaves.
    const handle = openSync(file, 'r+');
    writeSync(handle, Buffer.alloc(8000, 0xa5), 0, 8000, 100);
    closeSync(handle);
    const error = thrownAppError(() => openStore(file));
    expect(error.code).toBe('io');
    expect(error.title).toBe(`"${file}" is not a Rackpilot run store: it is not a readable SQLite database.`);
    const zh = expectChinese(error, [file, 'SQLite']);
    expect(zh.title).toContain('不是可读的 SQLite 数据库');
    expect(zh.hint).toContain('移到别处');
  });

  it('a text file, a newer schema, another application and another database each say what the file is', () => {
    const notes = temp.file('notes.sqlite');
    writeFileSync(notes, 'These are my notes, not a database.\n'.repeat(200));
    expectChinese(thrownAppError(() => openStore(notes)), [notes]);

    const future = temp.file('future.sqlite');
    const newer = new Database(future);
    newer.pragma(`user_version = ${latestVersion + 3}`);
    newer.close();
    const error = thrownAppError(() => openStore(future));
    expect(error.title).toContain(`schema ${latestVersion + 3}; this version knows up to ${latestVersion}`);
    const zh = expectChinese(error, [future, String(latestVersion + 3), String(latestVersion)]);
    expect(zh.title).toContain('更新版本的 Rackpilot');
    expect(zh.hint).toContain('未被改动');

    const tagged = temp.file('tagged.sqlite');
    const other = new Database(tagged);
    other.pragma('application_id = 42');
    other.close();
    expect(expectChinese(thrownAppError(() => openStore(tagged)), [tagged]).title).toContain('其他应用程序');

    const contacts = temp.file('contacts.sqlite');
    const theirs = new Database(contacts);
    theirs.exec('CREATE TABLE contacts (name TEXT)');
    theirs.close();
    expect(expectChinese(thrownAppError(() => openStore(contacts)), [contacts]).title).toContain('其他表');
  });

  it('a data folder that cannot be made names the store and says what to check', () => {
    const blocker = temp.file('a-file');
    writeFileSync(blocker, 'x');
    const file = join(blocker, 'data', 'runs.sqlite');
    const error = thrownAppError(() => openStore(file));
    expect(error.title).toBe(`The run store "${file}" could not be opened.`);
    expect(expectChinese(error, [file]).hint).toContain('数据文件夹');
  });

  it('a store another process holds a write lock on is busy and says what could not be saved', () => {
    const file = temp.file('shared.sqlite');
    const store = openStore(file);
    const otherProcess = new Database(file);
    otherProcess.exec('BEGIN IMMEDIATE');
    try {
      // Waits the store's busy timeout (5 s) for the other writer, as a second Rackpilot on the same folder would make it.
      const error = thrownAppError(() => store.createRun(sampleRun('r2'), sampleSteps()));
      expect(error).toMatchObject({ code: 'io', retryable: true, title: `The run store "${file}" is busy; could not save the new run.` });
      const zh = expectChinese(error, [file]);
      expect(zh.title).toBe(`运行存储“${file}”正忙，未能保存新运行。`);
      expect(zh.hint).toContain('另一个 Rackpilot 进程');
    } finally {
      otherProcess.exec('ROLLBACK');
      otherProcess.close();
      store.close();
    }
  }, 15_000);

  it('a closed store, a run that is not there and a conflicting trust pin read in Chinese', () => {
    const file = temp.file('runs.sqlite');
    const store = openStore(file);
    store.createRun(sampleRun('r3'), sampleSteps());
    expect(expectChinese(thrownAppError(() => store.setArtifact('ghost', 'vm.clone:web-01', 'vmid', 101)), ['ghost']).title).toContain('找不到运行');
    store.addPin({ kind: 'tls', host: 'pve1.lab', port: 8006, fingerprint: 'AA:'.repeat(31) + 'AA', subject: null }, 1);
    const conflict = thrownAppError(() => store.addPin({ kind: 'tls', host: 'pve1.lab', port: 8006, fingerprint: 'BB:'.repeat(31) + 'BB', subject: null }, 2));
    expect(conflict.code).toBe('conflict');
    expect(expectChinese(conflict, ['pve1.lab:8006', 'AA:'.repeat(31) + 'AA']).hint).toContain('受信任的证书');
    store.close();
    const closed = thrownAppError(() => store.getRun('r3'));
    expect(closed.title).toBe(`The run store "${file}" is closed; cannot read a run.`);
    expect(expectChinese(closed, [file]).title).toBe(`运行存储“${file}”已关闭，无法读取运行。`);
  });
});
