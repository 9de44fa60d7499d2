import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { say, text, type TextRef } from '../../../shared/i18n/engineText';
import { runPreflight } from '../../engine/preflight';
import { ProxmoxFailure } from '../../engine/providers/proxmox/proxmoxErrors';
import { testEndpoint, testImage, testPlan, testVm } from '../../engine/providers/proxmox/planTestKit';
import { retryOnLock } from '../../engine/providers/proxmox/retryOnLock';
import { waitForTask } from '../../engine/providers/proxmox/tasks';
import { chineseLine, chineseOf, englishLeft, paramsNamed } from '../englishLeft';
import { quickLatency, runPlan, startRehearsal, type Rehearsal } from './harness';

/*
 * The errors a user meets most on Proxmox, made to happen on the lab and read
 * in Chinese: Rackpilot's words are Chinese, PVE's words stay as PVE said
 * them, and the English (for logs) is what it always was.
 */

let rehearsal: Rehearsal | null = null;
afterEach(async () => {
  await rehearsal?.close();
  rehearsal = null;
});

const signal = new AbortController().signal;

async function caught(work: () => Promise<unknown>): Promise<AppFailure> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('it did not fail');
}

describe('Proxmox errors and log lines in Chinese, on the lab', () => {
  it('a refused login: the title, the hint and the cell, with PVE’s reason as it said it', async () => {
    rehearsal = await startRehearsal({ nodes: 1 });
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint, password: 'not-the-password' })], vms: [testVm({ name: 'web-01' })] });
    const result = await runPlan(rehearsal, plan, 'run-login');
    const error = result.finalStates.get('vm.create:web-01')?.error;
    expect(error).toMatchObject({ code: 'auth', retryable: false });
    expect(error?.title).toMatch(/^Proxmox pve-lab refused the login as \S+@\S+: .+\.$/);
    expect(error?.hint).toMatch(/^Check the user name and password of endpoint pve-lab \(Endpoints!\w+\)\. Rackpilot does not try again/);
    const zh = chineseOf(error);
    expect(zh.title).toMatch(/^Proxmox pve-lab 拒绝了 \S+ 的登录：.+。$/);
    expect(zh.hint).toMatch(/^请检查端点 pve-lab（Endpoints!\w+）的用户名和密码。/);
    expect(englishLeft(zh.title)).toEqual([]);
    expect(englishLeft(zh.hint!)).toEqual([]);
    expect(say('es', error!.text!)).toMatch(/^Proxmox pve-lab rechazó el inicio de sesión como /);
  });

  it('a refused login at preflight: the login check and the checks it skips read Chinese', async () => {
    rehearsal = await startRehearsal({ nodes: 1 });
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint, password: 'not-the-password' })], vms: [testVm({ name: 'web-01' })] });
    const [result] = await runPreflight(plan, { trust: rehearsal.store, lab: true, ipPorts: [] });
    const login = result!.checks.find((check) => check.id === 'login')!;
    expect(login.status).toBe('blocker');
    const zh = say('zh', login.text!);
    expect(zh).toMatch(/^Proxmox pve-lab 拒绝了 \S+ 的登录：.+。$/);
    expect(englishLeft(zh, paramsNamed(login.text, 'message'))).toEqual([]);
    expect(englishLeft(say('zh', login.detailText ?? login.text!))).toEqual([]);
    const skipped = result!.checks.filter((check) => check.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const check of skipped) expect(englishLeft(say('zh', check.text!))).toEqual([]);
  });

  it('a task that fails with PVE’s words on the only node: the step’s error and its log lines', async () => {
    const pveSaid = 'start failed: QEMU exited with code 1';
    rehearsal = await startRehearsal({ nodes: 1, faults: [{ kind: 'taskFails', taskType: 'qmstart', node: 'pve1', count: 1, message: pveSaid }] });
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint })], vms: [testVm({ name: 'app-01', ip: '10.0.20.31' })] });
    const result = await runPlan(rehearsal, plan, 'run-task');
    const error = result.finalStates.get('vm.create:app-01')?.error;
    expect(error).toMatchObject({ code: 'step_failed', retryable: false });
    expect(error?.title).toBe(`VM "app-01" could not be created on any node of pve-lab. pve1: Task qmstart 1000 on pve1 failed: ${pveSaid}`);
    expect(error?.hint).toBe('Free memory or disk, bring nodes back online, or change the placement in the plan.');
    const zh = chineseOf(error);
    expect(zh.title).toBe(`虚拟机“app-01”无法在 pve-lab 的任何节点上创建。pve1：任务 pve1 上的 qmstart 1000 失败：${pveSaid}`);
    expect(englishLeft(zh.title, [pveSaid])).toEqual([]);
    expect(englishLeft(zh.hint!)).toEqual([]);

    const lines = result.logs.filter((line) => line.stepId === 'vm.create:app-01');
    const notOn = lines.find((line) => line.text.startsWith('Not on pve1: '));
    expect(notOn?.text).toBe(`Not on pve1: Task qmstart 1000 on pve1 failed: ${pveSaid}`);
    expect(chineseLine(notOn!)).toBe(`不在 pve1 上创建：任务 pve1 上的 qmstart 1000 失败：${pveSaid}`);
    // Every line but the task's own output ([qmstart] ...) is Rackpilot's, and reads Chinese.
    const ours = lines.filter((line) => !/^\[\w+\] /.test(line.text));
    expect(ours.length).toBeGreaterThan(5);
    expect(ours.filter((line) => englishLeft(chineseLine(line), [pveSaid]).length > 0).map((line) => line.text)).toEqual([]);
  });

  it('a template locked by other clones past the retries: the lock error, its hint and each wait', async () => {
    rehearsal = await startRehearsal({ nodes: 1, faults: [{ kind: 'cloneLocked', vmid: 9000, count: 5 }] });
    const client = rehearsal.client();
    const waits: TextRef[] = [];
    const failure = await caught(() =>
      retryOnLock(text('pve.lock.clone', { template: 'ubuntu-24.04', vmid: 4242 }), () => client.post('/nodes/pve1/qemu/9000/clone', signal, { newid: 4242, name: 'locked-01', full: 1 }), {
        signal,
        log: (_level, words) => void waits.push(words as TextRef),
        attempts: 3,
        baseDelayMs: 10,
      }),
    );
    expect(failure).toBeInstanceOf(ProxmoxFailure);
    const pveSaid = (failure as ProxmoxFailure).pveMessage;
    expect(pveSaid).toMatch(/VM is locked \(clone\)/);
    expect(failure.appError).toMatchObject({ code: 'conflict', retryable: true, title: `Proxmox check: POST /nodes/pve1/qemu/9000/clone failed: ${pveSaid}.`, hint: 'Another task holds the VM; it is retried once the lock is released.' });
    const zh = chineseOf(failure.appError);
    expect(zh.title).toBe(`Proxmox check：POST /nodes/pve1/qemu/9000/clone 失败：${pveSaid}。`);
    expect(englishLeft(zh.hint!)).toEqual([]);

    expect(waits).toHaveLength(2);
    expect(say('en', waits[0]!)).toBe(`Clone of ubuntu-24.04 to VM 4242: ${failure.appError.title} Waiting 10 ms for the lock (attempt 2 of 3).`);
    for (const wait of waits) expect(englishLeft(say('zh', wait), [pveSaid])).toEqual([]);
    expect(say('zh', waits[1]!)).toContain('等待 20 毫秒后再试（第 3 次，共 3 次）');
  });

  it('a task that outlasts the wait: the timeout names PVE’s task in Chinese words', async () => {
    // A clone of two seconds against a wait of a millisecond: the wait always runs out first.
    rehearsal = await startRehearsal({ nodes: 1, latency: { ...quickLatency, tasks: { ...quickLatency!.tasks, qmclone: 2000 } } });
    const client = rehearsal.client();
    const upid = await client.post<string>('/nodes/pve1/qemu/9000/clone', signal, { newid: 4300, name: 'slow-clone', full: 1 });
    const failure = await caught(() => waitForTask(client, upid, { signal, timeoutMs: 1, maxPollMs: 20 }));
    expect(failure.appError).toMatchObject({ code: 'timeout', retryable: true, title: 'Task qmclone 9000 on pve1 did not finish within 0 s.' });
    const zh = chineseOf(failure.appError);
    expect(zh.title).toBe('任务 pve1 上的 qmclone 9000 未在 0 秒内完成。');
    expect(englishLeft(zh.title)).toEqual([]);
    // The clone goes on in PVE; the wait without a limit sees it end.
    await expect(waitForTask(client, upid, { signal })).resolves.toMatchObject({ exitstatus: 'OK' });
  });

  it('an object that is not there: PVE’s 404 or “does not exist” stays PVE’s, the rest is Chinese', async () => {
    rehearsal = await startRehearsal({ nodes: 1 });
    const client = rehearsal.client();
    const failure = await caught(() => client.get('/nodes/pve1/qemu/4999/config', signal));
    expect(failure).toBeInstanceOf(ProxmoxFailure);
    const pveSaid = (failure as ProxmoxFailure).pveMessage;
    expect(failure.appError).toMatchObject({ code: 'not_found', title: `Proxmox check: GET /nodes/pve1/qemu/4999/config failed: ${pveSaid}.` });
    const zh = chineseOf(failure.appError);
    expect(zh.title).toBe(`Proxmox check：GET /nodes/pve1/qemu/4999/config 失败：${pveSaid}。`);
    expect(englishLeft(zh.title, [pveSaid])).toEqual([]);
  });

  it('a guest that does not come up in time: the timeout is the only node’s reason, in Chinese', async () => {
    // The guest agent answers only after ten minutes: the 300 ms wait runs out first.
    rehearsal = await startRehearsal({ nodes: 1, latency: { ...quickLatency, guestAgentMs: 600_000 } });
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint })], vms: [testVm({ name: 'slow-01', ip: '10.0.20.41' })] });
    const result = await runPlan(rehearsal, plan, 'run-guest', { guestWait: { enabled: true, timeoutMs: 300, required: true } });
    const error = result.finalStates.get('vm.create:slow-01')?.error;
    // The only node failed the VM: its reason is the guest's timeout, whose reason is PVE's answer to the agent call.
    expect(error?.title).toMatch(/^VM "slow-01" could not be created on any node of pve-lab\. pve1: The guest of VM 1000 did not come up in time: .+\.$/);
    const zh = chineseOf(error);
    expect(zh.title).toMatch(/^虚拟机“slow-01”无法在 pve-lab 的任何节点上创建。pve1：虚拟机 1000 的客户机未按时就绪：.+。$/);
    const pveSaid = paramsNamed(error!.text, 'message');
    expect(englishLeft(zh.title, pveSaid)).toEqual([]);
    expect(englishLeft(zh.hint!)).toEqual([]);
    const waiting = result.logs.find((line) => line.stepId === 'vm.create:slow-01' && line.text.startsWith('Waiting up to'));
    expect(chineseLine(waiting!)).toBe('最多等待 0 秒，等虚拟机 1000 的客户机代理报告 10.0.20.41。');
  });

  it('a full storage on the only node: the node is passed over in words the reader reads', async () => {
    rehearsal = await startRehearsal({ nodes: 1, faults: [{ kind: 'storageFull', node: 'pve1', storage: 'local-lvm' }] });
    const plan = testPlan({ endpoints: [testEndpoint({ ...rehearsal.endpoint })], vms: [testVm({ name: 'big-01', diskGiB: 40 })] });
    const result = await runPlan(rehearsal, plan, 'run-full');
    const error = result.finalStates.get('vm.create:big-01')?.error;
    expect(error?.title).toMatch(/^VM "big-01" could not be created on any node of pve-lab\. pve1: pve1 needs 40\.0 GiB on local-lvm plus 2\.0 GiB spare, [\d.]+ GiB is free$/);
    const zh = chineseOf(error);
    expect(zh.title).toMatch(/^虚拟机“big-01”无法在 pve-lab 的任何节点上创建。pve1：pve1 需要 local-lvm 上的 40\.0 GiB，另需 2\.0 GiB 余量，剩余 [\d.]+ GiB$/);
    expect(englishLeft(zh.title)).toEqual([]);
    expect(say('es', error!.text!)).toContain('pve1 necesita 40.0 GiB en local-lvm más 2.0 GiB de reserva');
  });

  it('an ISO upload: its log lines, a checksum the file does not match, a file that is not there', async () => {
    rehearsal = await startRehearsal({ nodes: 1, faults: [{ kind: 'uploadReset', afterBytes: 16 * 1024, count: 1 }] });
    mkdirSync(join(rehearsal.dir, 'isos'), { recursive: true });
    const data = randomBytes(96 * 1024);
    writeFileSync(join(rehearsal.dir, 'isos', 'tools.iso'), data);
    writeFileSync(join(rehearsal.dir, 'isos', 'bad.iso'), randomBytes(32 * 1024));
    const plan = testPlan({
      endpoints: [testEndpoint({ ...rehearsal.endpoint })],
      images: [
        testImage({ name: 'tools', file: 'isos/tools.iso', sha256: createHash('sha256').update(data).digest('hex'), node: 'pve1', endpoint: 'pve-lab' }),
        testImage({ name: 'bad', file: 'isos/bad.iso', sha256: 'ab'.repeat(32), node: 'pve1', endpoint: 'pve-lab' }),
        testImage({ name: 'gone', file: 'isos/gone.iso', node: 'pve1', endpoint: 'pve-lab' }),
      ],
    });
    const result = await runPlan(rehearsal, plan, 'run-iso');

    const toolsLines = result.logs.filter((line) => line.stepId === 'image.upload:pve-lab/pve1/local/tools.iso' && !/^\[\w+\] /.test(line.text));
    expect(toolsLines.map((line) => line.text)).toContain('Uploading: local:iso/tools.iso is not on pve1.');
    expect(toolsLines.map(chineseLine)).toContain('正在上传：local:iso/tools.iso 不在 pve1 上。');
    // The dropped connection: the retry line and the transfer's error inside it read Chinese too.
    const retry = result.logs.find((line) => line.ref?.key === 'vmLog.upload.retry');
    expect(retry?.text).toMatch(/ Upload attempt 2 in \d+ s \(from the start\)\.$/);
    expect(chineseLine(retry!)).toMatch(/^\d+ 秒后从头开始第 2 次上传尝试。原因：.+/);
    expect(toolsLines.filter((line) => englishLeft(chineseLine(line)).length > 0).map((line) => line.text)).toEqual([]);

    const bad = result.finalStates.get('image.upload:pve-lab/pve1/local/bad.iso')?.error;
    expect(bad?.title).toMatch(/^\/.+\/isos\/bad\.iso does not match its SHA-256: [0-9a-f]{64} was read, (ab){32} expected\.$/);
    expect(bad?.hint).toBe('The file or the checksum in the plan is wrong; replace the file or correct the checksum.');
    const badZh = chineseOf(bad);
    expect(badZh.title).toMatch(/^\/.+\/isos\/bad\.iso 与其 SHA-256 不符：读取到 [0-9a-f]{64}，预期为 (ab){32}。$/);
    expect(englishLeft(badZh.title, [rehearsal.dir])).toEqual([]);
    expect(englishLeft(badZh.hint!)).toEqual([]);

    const gone = result.finalStates.get('image.upload:pve-lab/pve1/local/gone.iso')?.error;
    expect(gone).toMatchObject({ code: 'io', title: `The image file ${join(rehearsal.dir, 'isos', 'gone.iso')} was not found.`, hint: 'File paths in the plan are relative to the workbook’s folder.' });
    const goneZh = chineseOf(gone);
    expect(goneZh.title).toBe(`找不到镜像文件 ${join(rehearsal.dir, 'isos', 'gone.iso')}。`);
    expect(englishLeft(goneZh.hint!)).toEqual([]);
  });
});
