import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppError } from '../../../shared/errors';
import { writeBadFile, writeTruncated, type BadFileName } from '../../engine/plan/testFixtures/badFiles';
import { createEngineService } from '../../engine/service/engineService';
import type { EngineService } from '../../engine/service/types';
import { chineseOf, englishLeft } from '../../integration/englishLeft';
import { startWebHost, type WebHost } from './webHost';

/*
 * What the web host refuses, and the workbooks the engine refuses to read,
 * as the page gets them over a real socket from a real engine: the Chinese
 * reader gets Rackpilot's words in Chinese, the file's name as it is, and
 * the English stays the title.
 */

let engine: EngineService;
let host: WebHost;
let socket: WebSocket;
const root = mkdtempSync(join(tmpdir(), 'rp-web-zh-'));
const files = join(root, 'files');
const replies = new Map<number, { ok: boolean; error?: AppError }>();
let nextId = 1;

beforeAll(async () => {
  const staticDir = join(root, 'static');
  mkdirSync(staticDir, { recursive: true });
  mkdirSync(files, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
  engine = await createEngineService({ dataDir: join(root, 'data'), host: 'web', version: 'test' });
  host = await startWebHost({ engine, staticDir });
  socket = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { headers: { origin: `http://127.0.0.1:${host.port}` } });
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { type: string; id: number; reply: { ok: boolean; error?: AppError } };
    if (message.type === 'reply') replies.set(message.id, message.reply);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
});

afterAll(async () => {
  socket?.close();
  await host?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

async function refusal(message: Record<string, unknown>): Promise<AppError> {
  const id = nextId++;
  socket.send(JSON.stringify({ ...message, id }));
  for (let waited = 0; waited < 30_000; waited += 10) {
    const reply = replies.get(id);
    if (reply) {
      if (reply.ok || !reply.error) throw new Error(`request ${id} was not refused`);
      return reply.error;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no reply to ${id}`);
}

const importOf = (path: string) => refusal({ type: 'invoke', channel: 'plan:import', payload: { path, lang: 'zh' } });

/** Rackpilot's words are all Chinese once the values it names are set aside. */
function expectChinese(error: AppError, verbatim: string[]): { title: string; hint: string | null } {
  const chinese = chineseOf(error);
  expect(englishLeft(`${chinese.title} ${chinese.hint ?? ''}`, verbatim)).toEqual([]);
  expect(chinese.title).toMatch(/\p{Script=Han}/u);
  return chinese;
}

describe('the web host and the workbook reader in Chinese, over a real socket', () => {
  it('refuses a message that is not an invoke', async () => {
    const error = await refusal({ type: 'subscribe', channel: 'app:info' });
    expect(error).toMatchObject({ code: 'invalid_request', title: 'Unknown message type.' });
    expect(expectChinese(error, []).title).toBe('未知的消息类型。');
  });

  it('refuses a channel the contract does not have and a malformed payload, naming the channel as it was sent', async () => {
    // The contract's dispatcher says these; its words are the service part's (merged apart), so only their English is checked here.
    expect(await refusal({ type: 'invoke', channel: 'shell:exec', payload: {} })).toMatchObject({ code: 'unknown_channel', title: 'There is no channel named "shell:exec".' });
    expect(await refusal({ type: 'invoke', channel: 'run:get', payload: { runId: 7 } })).toMatchObject({ code: 'invalid_request', title: 'The request for run:get is malformed.' });
  });

  const hostile: Array<[BadFileName, RegExp]> = [
    ['claims-huge.xlsx', /ZIP 炸弹/],
    ['ratio-bomb.xlsx', /压缩比为 \d+:1/],
    ['encrypted.xlsx', /受密码保护/],
    ['not-a-zip.xlsx', /不是 ZIP 包/],
    ['legacy.xls', /97-2003/],
    ['garbage-inside.xlsx', /无法将 garbage-inside\.xlsx 作为 Excel 工作簿读取/],
  ];
  it.each(hostile)('refuses %s, saying why in Chinese', async (name, wording) => {
    const error = await importOf(await writeBadFile(files, name));
    expect(error.code).toBe('workbook_unreadable');
    expect(error.title).toContain(name);
    // A reader's own reason (exceljs, saxes) is the platform's word here: it stays as it said it.
    const reason = /\(([^()]*)\)\.$/.exec(error.title)?.[1];
    const chinese = expectChinese(error, [name, ...(name === 'garbage-inside.xlsx' && reason ? [reason] : [])]);
    expect(chinese.title).toMatch(wording);
    expect(chinese.title).toContain(name);
  }, 60_000);

  it('refuses a missing file and a truncated one, the path kept as it was typed', async () => {
    const missing = join(files, 'nope', '规划.xlsx');
    const gone = await importOf(missing);
    expect(expectChinese(gone, [missing]).title).toBe(`工作簿 ${missing} 不存在。`);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('VMs').addRow(['web-01']);
    const cut = await importOf(await writeTruncated(Buffer.from(await workbook.xlsx.writeBuffer()), files));
    expect(expectChinese(cut, ['truncated.xlsx']).title).toBe('truncated.xlsx 不完整或已损坏：缺少 ZIP 包的结尾。');
  });
});
