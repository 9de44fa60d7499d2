import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractHandlers } from '../../../shared/contract/api';
import { AppFailure } from '../../../shared/errors';
import { writeBadFile, type BadFileName } from '../../engine/plan/testFixtures/badFiles';
import type { EngineService } from '../../engine/service/types';
import { chineseOf, englishLeft } from '../../integration/englishLeft';
import { runCli } from './cliTestKit';
import { enterMissingPasswords, type PasswordIo } from './enterPasswords';

/*
 * The CLI's errors as an engineer reads them with --lang zh: a hostile or
 * broken workbook given to `rackpilot validate`, and the password prompt of
 * `rackpilot deploy` on a terminal.
 */

const dir = mkdtempSync(join(tmpdir(), 'rp-cli-zh-'));
let home: string;
beforeAll(() => {
  home = mkdtempSync(join(dir, 'home-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `rackpilot: TITLE\n  HINT\n`: the two lines a user reads. */
function saidOn(stderr: string): { title: string; hint: string } {
  const [title = '', hint = ''] = stderr.replace(/^rackpilot: /, '').split('\n').map((line) => line.trim());
  return { title, hint };
}

describe('rackpilot validate --lang zh of a workbook it refuses', () => {
  const refused: Array<[BadFileName, string]> = [
    ['claims-huge.xlsx', 'claims-huge.xlsx 中的部件（xl/worksheets/sheet1.xml）压缩比为 N:1，远超正常工作簿；可能是 ZIP 炸弹。'],
    ['encrypted.xlsx', 'encrypted.xlsx 受密码保护（已加密），无法读取。'],
    ['plan.csv', 'plan.csv 是 CSV 或文本文件，不是 Excel 工作簿。'],
    ['empty.xlsx', 'empty.xlsx 是空文件（0 字节）。'],
  ];
  it.each(refused)('%s: exit 2, the refusal and what to do in Chinese', async (name, expected) => {
    const path = await writeBadFile(dir, name);
    const result = runCli(home, ['validate', path, '--lang', 'zh']);
    expect(result.code).toBe(2);
    const { title, hint } = saidOn(result.stderr);
    expect(title.replace(/\d+:1/, 'N:1')).toBe(expected);
    expect(hint).toMatch(/\p{Script=Han}/u);
    expect(englishLeft(result.stderr, [name, 'xl/worksheets/sheet1.xml'])).toEqual([]);
  });

  it('says the same refusal in English without --lang', async () => {
    const result = runCli(home, ['validate', await writeBadFile(dir, 'encrypted.xlsx')]);
    expect(result.code).toBe(2);
    expect(saidOn(result.stderr).title).toBe('encrypted.xlsx is password-protected (encrypted), so it cannot be read.');
  });
});

/** An engine that needs one password and records what it was given. */
function oneMissingPassword() {
  const given: string[] = [];
  const handlers = {
    'secrets:needed': async () => ({
      persistent: false,
      needs: [{ target: { scope: 'jumpHost', name: 'bastion-1', user: 'ops', address: '127.0.0.1' }, cell: 'Jump hosts!E2', state: 'missing' }],
    }),
    'secrets:provide': async ({ value }: { value: string }) => {
      given.push(value);
      return {};
    },
  } as unknown as ContractHandlers;
  const engine: EngineService = { handlers, onEvents: () => () => {}, onPush: () => () => {}, hasActiveWork: () => false, close: async () => {} };
  return { engine, given };
}

/** Resolves once the prompt is on the terminal, so what is typed answers it. */
async function prompted(shown: () => string): Promise<void> {
  for (let waited = 0; !shown().includes('的密码：'); waited += 10) {
    if (waited > 10_000) throw new Error(`no prompt; the terminal shows ${JSON.stringify(shown())}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function terminal(): { io: PasswordIo; typed: PassThrough; shown: () => string } {
  const typed = Object.assign(new PassThrough(), { isTTY: true });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return { io: { env: {}, input: typed as unknown as NodeJS.ReadStream, output: output as unknown as NodeJS.WriteStream, lang: 'zh' }, typed, shown: () => shown };
}

describe('the password prompt of rackpilot deploy --lang zh', () => {
  it('asks in Chinese on a terminal, naming whose password and its cell, and never echoes it', async () => {
    const { engine, given } = oneMissingPassword();
    const { io, typed, shown } = terminal();
    const entering = enterMissingPasswords(engine, { runId: 'r-1' }, io);
    await prompted(shown);
    typed.write('s3cret-Pa55\n');
    await entering;
    expect(given).toEqual(['s3cret-Pa55']);
    expect(shown()).toContain('跳板机 bastion-1（ops@127.0.0.1，Jump hosts!E2）的密码： ');
    expect(shown()).not.toContain('s3cret-Pa55');
    expect(englishLeft(shown(), ['Jump hosts!E2'])).toEqual([]);
  });

  it('refuses an empty answer in Chinese, naming the variable to set instead', async () => {
    const { engine, given } = oneMissingPassword();
    const { io, typed, shown } = terminal();
    const entering = enterMissingPasswords(engine, { runId: 'r-1' }, io).then(
      () => null,
      (cause: unknown) => cause,
    );
    await prompted(shown);
    typed.write('\n');
    const failure = await entering;
    expect(failure).toBeInstanceOf(AppFailure);
    const error = (failure as AppFailure).appError;
    expect(error.code).toBe('secret_required');
    expect(error.title).toBe('The workbook leaves the password of jump host bastion-1 (ops@127.0.0.1, Jump hosts!E2) empty.');
    const chinese = chineseOf(error);
    expect(chinese.title).toBe('工作簿中跳板机 bastion-1（ops@127.0.0.1，Jump hosts!E2）的密码为空。');
    expect(chinese.hint).toContain('RACKPILOT_JUMP_PASSWORD_BASTION_1');
    expect(englishLeft(`${chinese.title} ${chinese.hint}`, ['Jump hosts!E2'])).toEqual([]);
    expect(given).toEqual([]);
  });
});
