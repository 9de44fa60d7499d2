import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../../shared/errors';
import { writeBadFile, writeTruncated, type BadFileName } from '../testFixtures/badFiles';
import { makeTempDir, removeDir } from '../testFixtures/external';
import { openWorkbook, type OpenWorkbookOptions } from './openWorkbook';
import { chineseOf, englishLeft } from '../../../integration/englishLeft';
import { unreadableText, type UnreadableReason } from './unreadable';

let dir: string;
let goodWorkbook: Buffer;

beforeAll(async () => {
  dir = await makeTempDir();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('VMs');
  for (let row = 1; row <= 2000; row++) sheet.addRow([`vm-${row}`, row, `10.0.${row % 250}.${row % 200}`, 'some text to fill the sheet']);
  goodWorkbook = Buffer.from(await workbook.xlsx.writeBuffer());
});
afterAll(() => removeDir(dir));

async function failureOf(path: string, options?: OpenWorkbookOptions): Promise<AppFailure> {
  const error = await openWorkbook(path, options).then(
    () => null,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

function expectReason(failure: AppFailure, reason: UnreadableReason, params: Record<string, string | number>): void {
  expect(failure.appError.code).toBe('workbook_unreadable');
  expect(failure.appError.title).toBe(unreadableText(reason, params).title);
  expect(failure.appError.hint).toBeTruthy();
}

const cases: Array<[BadFileName, RegExp]> = [
  ['not-a-zip.xlsx', /not a ZIP package/],
  ['encrypted.xlsx', /password-protected/],
  ['legacy.xls', /97-2003 workbook \(\.xls\)/],
  ['plan.csv', /CSV/],
  ['empty.xlsx', /empty/],
  ['not-office.zip.xlsx', /no xl\/workbook\.xml/],
  ['spreadsheet.ods.xlsx', /OpenDocument/],
  ['claims-huge.xlsx', /zip bomb/],
  ['ratio-bomb.xlsx', /compressed \d+:1/],
  ['many-entries.xlsx', /parts/],
  ['encrypted-entry.xlsx', /encrypted ZIP entries/],
];

describe('openWorkbook refuses bad files before parsing', () => {
  it.each(cases)('%s', async (name, wording) => {
    const path = await writeBadFile(dir, name);
    const failure = await failureOf(path);
    expect(failure.appError.title).toMatch(wording);
    expect(failure.appError.title).toContain(name);
    expect(failure.appError.code).toBe('workbook_unreadable');
    expect(failure.appError.hint).toBeTruthy();
  });

  it('says which file is missing', async () => {
    const path = join(dir, 'nope.xlsx');
    expectReason(await failureOf(path), 'missing', { path });
  });

  it('refuses a folder', async () => {
    const path = join(dir, 'folder.xlsx');
    await mkdir(path, { recursive: true });
    expectReason(await failureOf(path), 'not_a_file', { path });
  });

  it('refuses a truncated workbook', async () => {
    const path = await writeTruncated(goodWorkbook, dir);
    expectReason(await failureOf(path), 'truncated', { name: 'truncated.xlsx' });
  });

  it('refuses a file over the size limit', async () => {
    const path = join(dir, 'big.xlsx');
    await writeFile(path, goodWorkbook);
    const failure = await failureOf(path, { limits: { maxFileBytes: 1024 } });
    expect(failure.appError.title).toMatch(/more than the 1\.0 KB/);
  });

  it('carries catalogue text each reader says in its language, the English kept as the title', async () => {
    const path = await writeBadFile(dir, 'encrypted.xlsx');
    const failure = await failureOf(path, { lang: 'zh' });
    expect(failure.appError.title).toBe(unreadableText('encrypted', { name: 'encrypted.xlsx' }).title);
    const chinese = chineseOf(failure.appError);
    expect(chinese.title).toBe(unreadableText('encrypted', { name: 'encrypted.xlsx' }, 'zh').title);
    expect(chinese.title).toContain('密码');
    expect(englishLeft(`${chinese.title} ${chinese.hint}`, ['encrypted.xlsx'])).toEqual([]);
  });

  it('reports a damaged part as a parse failure, not a crash', async () => {
    const path = await writeBadFile(dir, 'garbage-inside.xlsx');
    const failure = await failureOf(path);
    expect(failure.appError.code).toBe('workbook_unreadable');
    expect(failure.appError.title).toMatch(/could not be read as an Excel workbook/);
  });
});

describe('the parser worker is bounded', () => {
  it('stops a parse that exceeds the time limit', async () => {
    const path = join(dir, 'slow.xlsx');
    await writeFile(path, goodWorkbook);
    expectReason(await failureOf(path, { limits: { parseTimeoutMs: 1 } }), 'timeout', { name: 'slow.xlsx', seconds: 0.001 });
  });

  it('says a parse stopped by the time limit in Chinese', async () => {
    const failure = await failureOf(join(dir, 'slow.xlsx'), { limits: { parseTimeoutMs: 1 } });
    const chinese = chineseOf(failure.appError);
    expect(chinese).toEqual({ title: '读取 slow.xlsx 超过 0.001 秒，已停止。', hint: '规划工作簿远没有这么大；请检查文件来源。' });
    expect(englishLeft(chinese.title, ['slow.xlsx'])).toEqual([]);
  });

  it('stops a parse that exceeds the memory limit and the engine goes on', async () => {
    const path = join(dir, 'hungry.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Big');
    for (let row = 1; row <= 60_000; row++) sheet.addRow([`name-${row}`, row, `text ${row} `.repeat(4), row * 2]);
    await workbook.xlsx.writeFile(path);
    const failure = await failureOf(path, { limits: { maxWorkerHeapMb: 16, parseTimeoutMs: 120_000 } });
    expectReason(failure, 'out_of_memory', { name: 'hungry.xlsx', limit: 16 });
    const again = await openWorkbook(join(dir, 'slow.xlsx'));
    expect(again.text('VMs', 'A2')).toBe('vm-2');
  }, 180_000);

  it('honours an abort signal', async () => {
    const path = join(dir, 'abort.xlsx');
    await writeFile(path, await readFile(join(dir, 'slow.xlsx')));
    const controller = new AbortController();
    const pending = openWorkbook(path, { signal: controller.signal });
    controller.abort();
    const error = await pending.then(() => null, (cause: unknown) => cause);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).appError.code).toBe('cancelled');
  });
});
