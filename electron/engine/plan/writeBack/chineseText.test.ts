import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../../../shared/errors';
import { chineseOf, englishLeft, paramsNamed } from '../../../integration/englishLeft';
import { writeTemplate } from '../template/writeTemplate';
import { makeTempDir, removeDir } from '../testFixtures/external';
import { buildZip, minimalXlsxEntries } from '../testFixtures/zipBuilder';
import type { RunResults } from './types';
import { writeResults } from './writeResults';
import { readXlsxParts } from './xlsxZip';
import { scanXml } from './xmlSplice';

/*
 * The write-back and template errors an engineer meets (the original in the
 * way, a file already there, a folder that is not there, a workbook damaged
 * on the way), made to happen on real files and read in Chinese: file names
 * stay as they are, Rackpilot's words are Chinese, the English is the title.
 */

let dir: string;
let source: string;
const results: RunResults = { runId: 'run-zh', planName: 'Site A', state: 'failed', startedAt: 0, endedAt: 1, items: [] };
const base = () => ({ results, findings: [], lang: 'zh' as const });

beforeAll(async () => {
  dir = await makeTempDir();
  source = join(dir, 'plan.xlsx');
  await writeTemplate(source, { lang: 'zh' });
});
afterAll(() => removeDir(dir));

async function failureOf(work: Promise<unknown>): Promise<AppError> {
  const cause = await work.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(cause instanceof AppFailure)) throw new Error(`expected an AppFailure, got ${String(cause)}`);
  return cause.appError;
}

function chineseWithout(error: AppError, verbatim: string[]): { title: string; hint: string | null } {
  const chinese = chineseOf(error);
  expect(englishLeft(`${chinese.title} ${chinese.hint ?? ''}`, verbatim)).toEqual([]);
  return chinese;
}

describe('write-back refusals in Chinese, on real files', () => {
  it('will not write over the original workbook, and names the copy to write instead', async () => {
    const original = join(dir, 'original.xlsx');
    await copyFile(source, original);
    const error = await failureOf(writeResults({ ...base(), sourcePath: original, outPath: original }));
    expect(error.title).toBe('Rackpilot does not write the results over the original workbook original.xlsx.');
    expect(chineseWithout(error, ['original.xlsx', 'original.results-RUN.xlsx'])).toEqual({
      title: 'Rackpilot 不会用结果覆盖原始工作簿 original.xlsx。',
      hint: '请写入副本（original.results-RUN.xlsx），或确认可以替换原始工作簿。',
    });
  });

  it('will not replace another file, nor the template over an existing one', async () => {
    const taken = join(dir, 'taken.xlsx');
    await writeFile(taken, 'not mine');
    const results = await failureOf(writeResults({ ...base(), sourcePath: source, outPath: taken }));
    expect(chineseWithout(results, ['taken.xlsx']).title).toBe('taken.xlsx 已存在。');
    const template = await failureOf(writeTemplate(taken, { lang: 'zh' }));
    expect(chineseWithout(template, ['taken.xlsx'])).toEqual({ title: 'taken.xlsx 已存在。', hint: '请换一个文件名，或确认可以替换它。' });
    expect(await readFile(taken, 'utf8')).toBe('not mine');
  });

  it('says the results could not be written into a folder that does not exist, with the system code', async () => {
    const error = await failureOf(writeResults({ ...base(), sourcePath: source, outPath: join(dir, 'no-such-folder', 'out.xlsx') }));
    expect(error).toMatchObject({ code: 'io', title: 'Could not write out.xlsx (ENOENT).' });
    expect(chineseWithout(error, ['out.xlsx', 'ENOENT'])).toEqual({ title: '无法写入 out.xlsx（ENOENT）。', hint: '请检查文件夹是否存在、空间是否充足，然后重试。' });
  });

  it('refuses a source that is not a workbook, and a language it does not know', async () => {
    const csv = join(dir, 'plan.csv.xlsx');
    await writeFile(csv, 'name,kind\npve,proxmox\n');
    const unreadable = await failureOf(writeResults({ ...base(), sourcePath: csv, outPath: join(dir, 'never.xlsx') }));
    expect(chineseWithout(unreadable, ['plan.csv.xlsx']).title).toBe('plan.csv.xlsx 是 CSV 或文本文件，不是 Excel 工作簿。');
    const lang = await failureOf(writeResults({ ...base(), lang: 'fr' as never, sourcePath: source, outPath: join(dir, 'never.xlsx') }));
    expect(chineseWithout(lang, ['fr', 'en', 'zh', 'es'])).toEqual({ title: '结果的语言“fr”未知。', hint: '请使用 en、zh 或 es。' });
  });
});

describe('a workbook damaged on the way, unpacked for the write-back', () => {
  const sheet = 'xl/worksheets/sheet1.xml';
  const marker = '<worksheet>RACKPILOT-MARKER</worksheet>';

  it('names the part that fails its checksum, in Chinese', async () => {
    const zip = buildZip([...minimalXlsxEntries(), { name: sheet, data: Buffer.from(marker) }]);
    const at = zip.indexOf('RACKPILOT-MARKER');
    zip[at] = 'X'.charCodeAt(0);
    const error = await failureOf(readXlsxParts(zip, 'site.xlsx'));
    expect(error).toMatchObject({ code: 'workbook_unreadable', title: `The workbook site.xlsx could not be unpacked: ${sheet} fails its checksum.` });
    expect(chineseWithout(error, ['site.xlsx', sheet])).toEqual({
      title: `无法解包工作簿 site.xlsx：${sheet} 校验和不符。`,
      hint: '请用 Excel 或 LibreOffice 打开，重新另存为 .xlsx，然后重试。',
    });
  });

  it('keeps what the ZIP reader said about a part it cannot read, and names a part that is not well-formed XML', async () => {
    const encrypted = await failureOf(readXlsxParts(buildZip([...minimalXlsxEntries(), { name: sheet, data: Buffer.from(marker), encrypted: true }]), 'site.xlsx'));
    const said = paramsNamed(encrypted.text, 'why');
    expect(said).toHaveLength(1);
    expect(chineseWithout(encrypted, ['site.xlsx', ...said]).title).toBe(`无法解包工作簿 site.xlsx：${said[0]}。`);
    const broken = await failureOf(Promise.resolve().then(() => scanXml('<worksheet><row></worksheet>', { label: 'site.xlsx', part: sheet }, () => true)));
    expect(chineseWithout(broken, ['site.xlsx', sheet]).title).toBe(`无法读取工作簿 site.xlsx：其部件 ${sheet} 不是格式正确的 XML。`);
  });
});
