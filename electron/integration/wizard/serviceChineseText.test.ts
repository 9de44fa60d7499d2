import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../../shared/errors';
import { say } from '../../../shared/i18n/engineText';
import type { Reply } from '../../../shared/reply';
import { createEngineService } from '../../engine/service/engineService';
import { chineseLine, chineseOf, englishLeft, paramsNamed } from '../englishLeft';
import { startWizardEngine, twoVmPlan, writePlan } from './wizardHarness';

/*
 * The engine service's refusals an engineer meets most, made to happen for
 * real through the contract (a workbook written by openpyxl, a data folder
 * another engine holds, a demo run that is running, a chunked upload out of
 * order, an export to a folder that is not there) and read in Chinese:
 * Rackpilot's words are Chinese, paths, ids and hosts stay as they were,
 * and the English is what it always was. Nothing here opens a connection.
 */

const workbookDir = mkdtempSync(join(tmpdir(), 'rp-service-zh-'));
const engines: Array<Awaited<ReturnType<typeof startWizardEngine>>> = [];
// A port nothing is asked on: every refusal below comes before any connection.
const unusedPort = 9;
let blankPassword: string;
let invalidPlan: string;

async function engine() {
  const wizard = await startWizardEngine();
  engines.push(wizard);
  return wizard;
}

function refused(reply: Reply<unknown>): AppError {
  if (reply.ok) throw new Error(`it was not refused: ${JSON.stringify(reply.value)}`);
  return reply.error;
}

/** The error's Chinese title and hint joined, with nothing of Rackpilot's own left in English. */
function expectChinese(error: AppError, verbatim: readonly string[] = []): string {
  const { title, hint } = chineseOf(error);
  const said = [title, hint].filter(Boolean).join(' ');
  expect(englishLeft(said, verbatim), said).toEqual([]);
  expect(said).toMatch(/\p{Script=Han}/u);
  return said;
}

beforeAll(async () => {
  const rows = twoVmPlan(unusedPort, 'pve-secret-1');
  rows.endpoints[0]!.password = null;
  blankPassword = await writePlan(rows, join(workbookDir, 'blank-password.xlsx'));
  const broken = twoVmPlan(unusedPort, 'pve-secret-1');
  broken.vms[1]!.network = 'no-such-network';
  invalidPlan = await writePlan(broken, join(workbookDir, 'invalid.xlsx'));
}, 120_000);

afterEach(async () => {
  while (engines.length > 0) await engines.pop()!.close();
});

afterAll(() => {
  rmSync(workbookDir, { recursive: true, force: true });
});

describe('the engine service refusals in Chinese', () => {
  it('a password the workbook leaves empty: names the endpoint and its cell in Chinese', async () => {
    const wizard = await engine();
    const error = refused(await wizard.invoke('run:start', { source: { kind: 'workbook', path: blankPassword } }));
    expect(error.code).toBe('secret_required');
    expect(error.title).toMatch(/^Rackpilot needs the password of endpoint pve-lab \(Endpoints![A-Z]+\d+\)\.$/);
    const said = expectChinese(error, ['RACKPILOT_PASSWORD_<NAME>']);
    expect(said).toMatch(/^Rackpilot 需要端点 pve-lab（Endpoints![A-Z]+\d+）的密码。/);
    expect(say('es', error.text!)).toMatch(/^Rackpilot necesita la contraseña de endpoint pve-lab \(Endpoints!/);
  });

  it('a workbook with an error: the count and the cell are Rackpilot’s words, the finding stays as the validator said it', async () => {
    const wizard = await engine();
    const imported = await wizard.value('plan:import', { path: invalidPlan });
    const finding = imported.findings.find((candidate: { severity: string }) => candidate.severity === 'error');
    expect(finding).toBeDefined();
    const error = refused(await wizard.invoke('run:start', { source: { kind: 'workbook', path: invalidPlan } }));
    expect(error.code).toBe('plan_invalid');
    expect(error.title).toContain(`invalid.xlsx has ${imported.summary.errors} error(s); the first is at ${finding.sheet}!${finding.cell}: ${finding.message}`);
    expect(error.hint).toBe(`${finding.hint} Validate the workbook to see every finding.`);
    const said = expectChinese(error, [finding.message, finding.hint]);
    expect(said).toContain(`invalid.xlsx 有 ${imported.summary.errors} 个错误；第一个位于 ${finding.sheet}!${finding.cell}：`);
    expect(paramsNamed(error.text, 'message')).toEqual([finding.message]);
  });

  it('a second engine on a data folder one already holds', async () => {
    const wizard = await engine();
    const dataDir = join(wizard.dir, 'data');
    const error = await createEngineService({ dataDir, host: 'cli', version: 'test' }).then(
      () => {
        throw new Error('a second engine started on the same folder');
      },
      (cause: unknown) => (cause instanceof AppFailure ? cause.appError : Promise.reject(cause)),
    );
    expect(error.code).toBe('conflict');
    expect(error.title).toBe(`Rackpilot is already running on ${dataDir} (process ${process.pid}).`);
    const said = expectChinese(error, [dataDir, 'RACKPILOT_HOME']);
    expect(said).toContain(`Rackpilot 已在 ${dataDir} 上运行（进程 ${process.pid}）。`);
  });

  it('requests the contract does not know or cannot parse', async () => {
    const wizard = await engine();
    const unknown = refused(await wizard.invoke('run:explode' as never, {}));
    expect(unknown).toMatchObject({ code: 'unknown_channel', title: 'There is no channel named "run:explode".' });
    expect(expectChinese(unknown, ['run:explode'])).toBe('没有名为“run:explode”的通道。');
    const malformed = refused(await wizard.invoke('run:get', { runId: 42 }));
    expect(malformed).toMatchObject({ code: 'invalid_request', title: 'The request for run:get is malformed.' });
    expect(expectChinese(malformed)).toBe('run:get 的请求格式不正确。');
    // zod's own words stay in the detail, untranslated.
    expect(malformed.detail).toContain('runId');
  });

  it('rolling back a run that is running, and a lab mode on the demo', async () => {
    const wizard = await engine();
    const { runId } = await wizard.value('run:start', { source: { kind: 'demo', targets: 1, stepMs: 20_000, logLinesPerStep: 0 } });
    const running = refused(await wizard.invoke('run:rollback', { runId }));
    expect(running).toMatchObject({ code: 'conflict', title: `Run ${runId} is running.`, hint: 'Cancel it first, then roll it back.' });
    expect(expectChinese(running, [runId])).toBe(`运行 ${runId} 正在运行。 请先取消它，再回滚。`);
    await wizard.value('run:cancel', { runId });

    const labMode = refused(await wizard.invoke('run:start', { source: { kind: 'demo', targets: 1 }, labMode: 'fresh' }));
    expect(labMode.code).toBe('invalid_request');
    expect(labMode.title).toBe("labMode 'fresh' applies to lab rehearsals only; this run:start deploys the demo plan.");
    expect(expectChinese(labMode, ['labMode', 'run:start', 'source.lab'])).toContain('只适用于实验室演练');
  });

  it('a replaced pin is a warning line of the running run, said in Chinese with the fingerprints as they are', async () => {
    const wizard = await engine();
    const { runId } = await wizard.value('run:start', { source: { kind: 'demo', targets: 1, stepMs: 20_000, logLinesPerStep: 0 } });
    const oldPrint = 'AA'.repeat(32);
    const newPrint = 'BB'.repeat(32);
    await wizard.value('trust:accept', { kind: 'tls', host: '127.0.0.1', port: 8006, fingerprint: oldPrint, subject: null });
    const mismatch = refused(await wizard.invoke('trust:replace', { kind: 'tls', host: '127.0.0.1', port: 8006, fingerprint: newPrint, subject: null, confirmation: 'yes' }));
    expect(mismatch.code).toBe('invalid_request');
    expect(expectChinese(mismatch, ['127.0.0.1'])).toBe('确认内容不匹配：请输入 127.0.0.1（或新指纹的最后四位十六进制数字）以替换其固定指纹。');

    await wizard.value('trust:replace', { kind: 'tls', host: '127.0.0.1', port: 8006, fingerprint: newPrint, subject: null, confirmation: '127.0.0.1' });
    const { lines } = await wizard.value('run:logs', { runId });
    const line = lines.find((candidate: { level: string; text: string }) => candidate.level === 'warn' && candidate.text.startsWith('Trust pin replaced'));
    expect(line?.textRef).toBeDefined();
    const colons = (hex: string) => hex.match(/../g)!.join(':');
    expect(line.text).toBe(`Trust pin replaced for tls 127.0.0.1:8006: ${colons(oldPrint)} → ${colons(newPrint)} (confirmed by typing).`);
    expect(chineseLine({ text: line.text, ref: line.textRef })).toBe(`已替换 tls 127.0.0.1:8006 的固定指纹：${colons(oldPrint)} → ${colons(newPrint)}（已输入确认）。`);
    await wizard.value('run:cancel', { runId });
  });

  it('a workbook upload whose chunks arrive out of order, or that is empty', async () => {
    const wizard = await engine();
    const chunk = (offset: number, bytes: string, final: boolean) => ({ uploadId: 'upload-zh-1', name: 'site.xlsx', offset, chunkBase64: Buffer.from(bytes).toString('base64'), final });
    await wizard.value('plan:upload', chunk(0, 'PK first part', false));
    const outOfOrder = refused(await wizard.invoke('plan:upload', chunk(100, 'later part', false)));
    expect(outOfOrder).toMatchObject({ code: 'conflict', title: 'Upload upload-zh-1: a chunk at offset 100 arrived, but 13 bytes have been received so far.' });
    expect(expectChinese(outOfOrder, ['upload-zh-1'])).toBe('上传 upload-zh-1：收到了偏移量 100 处的数据块，但目前已接收 13 字节。 请发送从第 13 字节开始的数据块，或用新的上传 ID 重新开始。');
    const empty = refused(await wizard.invoke('plan:upload', { uploadId: 'upload-zh-2', name: 'empty.xlsx', offset: 0, chunkBase64: '', final: true }));
    expect(empty).toMatchObject({ code: 'invalid_request', title: 'empty.xlsx is empty.' });
    expect(expectChinese(empty, ['empty.xlsx'])).toBe('empty.xlsx 是空的。 请重新选择工作簿文件。');
  });

  it('a report exported into a folder that is not there, or onto a relative path', async () => {
    const wizard = await engine();
    const { runId } = await wizard.value('run:start', { source: { kind: 'demo', targets: 1, stepMs: 0, logLinesPerStep: 0 } });
    await wizard.settle(runId);
    const folder = join(wizard.dir, 'no-such-folder');
    const missing = refused(await wizard.invoke('run:exportReport', { runId, path: join(folder, 'report.html') }));
    expect(missing).toMatchObject({ code: 'not_found', title: `The folder ${folder} does not exist.`, hint: 'Choose an existing folder.' });
    expect(expectChinese(missing, [folder])).toBe(`文件夹 ${folder} 不存在。 请选择一个已有的文件夹。`);
    const relative = refused(await wizard.invoke('run:exportLogs', { runId, path: 'logs.tar.gz' }));
    expect(relative.code).toBe('invalid_request');
    expect(relative.hint).toBe('Give the full path, e.g. /home/me/report.html or C:\\Users\\me\\report.html.');
    expect(expectChinese(relative, ['logs.tar.gz'])).toBe('导出路径 logs.tar.gz 不是绝对路径。 请给出完整路径，例如 /home/me/report.html 或 C:\\Users\\me\\report.html。');
  });
});
