import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { say, text, type TextRef } from '../../../shared/i18n/engineText';
import type { Plan } from '../../../shared/plan/model';
import { Secret } from '../../../shared/plan/secret';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { deployVm, removeVm, type VsVmArtifact } from '../../engine/providers/vsphere/deployVm';
import { VimFault } from '../../engine/providers/vsphere/faults';
import { readInventory } from '../../engine/providers/vsphere/inventory';
import { vsphereLabPreparation } from '../../engine/providers/vsphere/labPreparation';
import { vsphereChecks } from '../../engine/providers/vsphere/preflight';
import { endpointNeeds } from '../../engine/preflight/planNeeds';
import { resolvePlacement } from '../../engine/providers/vsphere/placement';
import { retrieveObject } from '../../engine/providers/vsphere/properties';
import { VimClient } from '../../engine/providers/vsphere/soapClient';
import { runTask } from '../../engine/providers/vsphere/tasks';
import { removeUploaded, uploadToDatastore, type VsUploadJob } from '../../engine/providers/vsphere/upload';
import { vsVmInput, type VsVmInput } from '../../engine/providers/vsphere/vmSpec';
import { moref, ref } from '../../engine/providers/vsphere/xml';
import type { SlotLimits } from '../../engine/runner/slotLimits';
import type { RunningSimulator } from '../../lab/simulators';
import { vsphereSimulator } from '../../lab/vsphere/simulator';
import { chineseLine, chineseOf, englishLeft, paramsNamed } from '../englishLeft';
import { sampleOn, vcsimBinary } from './vsphereHarness';

/*
 * The vCenter errors a user meets most, made to happen on vcsim and read in
 * Chinese: Rackpilot's words are Chinese, vCenter's faultstring or task
 * message stays as vCenter said it, and the English is what it always was.
 */

async function caught(work: () => Promise<unknown>): Promise<AppFailure> {
  try {
    await work();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('it did not fail');
}

describe.skipIf(!vcsimBinary.path)('vCenter errors and log lines in Chinese, on vcsim', () => {
  let lab: RunningSimulator<unknown>;
  let plan: Plan;
  const signal = AbortSignal.timeout(120_000);
  beforeAll(async () => {
    lab = await vsphereSimulator.start({});
    plan = await sampleOn(lab);
    const preparation = vsphereLabPreparation(plan);
    await lab.prepare({ ...preparation, datastores: preparation.datastores.map((datastore) => ({ ...datastore, capacityGiB: 200, freeGiB: 100 })) });
  }, 120_000);
  afterAll(async () => {
    await lab?.close();
  });

  const client = (password = plan.endpoints[0]!.password!): VimClient => {
    const endpoint = plan.endpoints[0]!;
    return new VimClient({
      endpoint: { name: endpoint.name, url: lab.endpoint.url, username: endpoint.username!, password, fingerprints: [lab.endpoint.fingerprint], datacenter: 'DC0', cluster: 'DC0_C0', credentialCell: { sheet: 'Endpoints', cell: 'F2' } },
      trust: memoryTrustStore(),
    });
  };
  const using = async <T,>(vim: VimClient, work: (vim: VimClient) => Promise<T>): Promise<T> => {
    try {
      return await work(vim);
    } finally {
      vim.close();
    }
  };

  const jobOn = (vim: VimClient, input: VsVmInput, saved: VsVmArtifact | undefined, lines: Array<{ text: string; ref?: TextRef }>, timeoutMs = 30_000) => ({
    client: vim,
    signal,
    log: (_level: string, words: string | TextRef) => void lines.push(typeof words === 'string' ? { text: words } : { text: say('en', words), ref: words }),
    input,
    artifacts: { get: <T,>() => saved as T | undefined, set: () => undefined },
    slots: { run: (_key: string, _limit: number, _signal: AbortSignal, work: () => Promise<unknown>) => work() } as unknown as SlotLimits,
    secrets: { adminPassword: null, productKey: null, domainPassword: null },
    progress: () => undefined,
    guest: { timeoutMs, probeTimeoutMs: 200 },
  });

  it('a refused login: title and hint in Chinese, vCenter’s reason as it said it', async () => {
    const failure = await using(client(new Secret('not-the-password')), (vim) => caught(() => vim.cookieHeader(signal)));
    expect(failure.appError.code).toBe('auth');
    const vcenterSaid = paramsNamed(failure.appError.text, 'message');
    expect(vcenterSaid).toHaveLength(1);
    expect(failure.appError.title).toBe(`vCenter vc-lab refused the login as administrator@vsphere.local: ${vcenterSaid[0]}.`);
    expect(failure.appError.hint).toBe('Check the user name and password of endpoint vc-lab (Endpoints!F2). Rackpilot does not try again: vCenter SSO locks an account after a few failed logins.');
    const zh = chineseOf(failure.appError);
    expect(zh.title).toBe(`vCenter vc-lab 拒绝了 administrator@vsphere.local 的登录：${vcenterSaid[0]}。`);
    expect(englishLeft(zh.title, vcenterSaid)).toEqual([]);
    expect(englishLeft(zh.hint!)).toEqual([]);
  });

  it('an object that is not there: the fault names the call and the object, vCenter’s words stay', async () => {
    const failure = await using(client(), (vim) => caught(() => retrieveObject(vim, { type: 'VirtualMachine', value: 'vm-99999' }, ['name'], signal)));
    expect(failure).toBeInstanceOf(VimFault);
    const fault = failure as VimFault;
    expect(fault.faultType).toBe('ManagedObjectNotFound');
    expect(fault.appError).toMatchObject({ code: 'not_found' });
    expect(fault.appError.title).toBe(`vCenter vc-lab: ${fault.call.method} on ${fault.call.object.type} ${fault.call.object.value} (VirtualMachine vm-99999) failed: ${fault.faultString} (ManagedObjectNotFound).`);
    const zh = chineseOf(fault.appError);
    expect(zh.title).toBe(`vCenter vc-lab：${fault.call.method}（${fault.call.object.type} ${fault.call.object.value} (VirtualMachine vm-99999)）失败：${fault.faultString}（ManagedObjectNotFound）。`);
    expect(englishLeft(zh.title, [fault.faultString])).toEqual([]);
  });

  it('a task that fails with vCenter’s words: what Rackpilot was doing, in Chinese, around them', async () => {
    const failure = await using(client(), async (vim) => {
      const input = vsVmInput(plan, plan.vms[0]!);
      const placement = resolvePlacement(await readInventory(vim, signal), input);
      // A VM powered on twice: vCenter fails the second PowerOnVM_Task with InvalidPowerState.
      const spec = { location: { datastore: ref(placement.datastore.ref), pool: ref(placement.pool.ref) }, template: false, powerOn: false };
      const vm = moref(await runTask(vim, 'CloneVM_Task', placement.template.ref, { folder: ref(placement.folder.ref), name: 'twice-01', spec }, { signal }))!;
      try {
        await runTask(vim, 'PowerOnVM_Task', vm, {}, { signal });
        return await caught(() => runTask(vim, 'PowerOnVM_Task', vm, {}, { signal, what: text('vsphere.task.powerOn', { name: 'twice-01' }) }));
      } finally {
        await runTask(vim, 'PowerOffVM_Task', vm, {}, { signal });
        await runTask(vim, 'Destroy_Task', vm, {}, { signal });
      }
    });
    expect(failure).toBeInstanceOf(VimFault);
    const fault = failure as VimFault;
    expect(fault.faultType).toBe('InvalidPowerState');
    expect(fault.appError).toMatchObject({ code: 'conflict' });
    expect(fault.appError.title).toMatch(/^vCenter vc-lab: powering on twice-01 on Task \S+ failed: .+ \(InvalidPowerState\)\.$/);
    const zh = chineseOf(fault.appError);
    expect(zh.title).toMatch(/^vCenter vc-lab：打开 twice-01 的电源（Task \S+）失败：.+（InvalidPowerState）。$/);
    expect(zh.title).toContain(fault.faultString);
    expect(englishLeft(zh.title, [fault.faultString])).toEqual([]);
  });

  it('a port group the plan names and vCenter lacks: the placement miss and its hint', async () => {
    const changed = await sampleOn(lab);
    changed.networks.push({ ...changed.networks[0]!, name: 'dmz', portGroup: 'DMZ' });
    changed.vms[0]!.network = 'dmz';
    const inventory = await using(client(), (vim) => readInventory(vim, signal));
    const failure = await caught(async () => resolvePlacement(inventory, vsVmInput(changed, changed.vms[0]!)));
    expect(failure.appError).toMatchObject({ code: 'plan_invalid', hint: 'Create the port group, or correct the Port group / vDS of the network.' });
    expect(failure.appError.title).toMatch(/^vCenter vc-lab has no port group DMZ in DC0\. It has: .+\.$/);
    const zh = chineseOf(failure.appError);
    expect(zh.title).toMatch(/^vCenter vc-lab 中没有 DC0 中的端口组 DMZ。现有：.+。$/);
    // vCenter's names (port groups like "VM Network") stay as vCenter spells them.
    expect(englishLeft(zh.title, inventory.networks.map((network) => network.name))).toEqual([]);
    expect(englishLeft(zh.hint!)).toEqual([]);
  });

  it('a datastore too full for the VM’s disk: refused before the clone, in Chinese', async () => {
    const input = { ...vsVmInput(plan, plan.vms[0]!), diskGiB: 500 };
    const lines: Array<{ text: string; ref?: TextRef }> = [];
    const failure = await using(client(), (vim) =>
      caught(() =>
        deployVm(jobOn(vim, input, undefined, lines)),
      ),
    );
    expect(failure.appError).toMatchObject({ code: 'step_failed', retryable: false, hint: 'Free space on the datastore, or put the VM on another one (Storage column).' });
    expect(failure.appError.title).toMatch(new RegExp(`^Datastore \\S+ has [\\d.]+ GiB free; VM ${input.name} needs 500 GiB\\.$`));
    const zh = chineseOf(failure.appError);
    expect(zh.title).toMatch(new RegExp(`^数据存储 \\S+ 剩余 [\\d.]+ GiB；虚拟机 ${input.name} 需要 500 GiB。$`));
    expect(englishLeft(zh.title)).toEqual([]);
    expect(englishLeft(zh.hint!)).toEqual([]);
    expect(lines.filter((line) => englishLeft(chineseLine(line)).length > 0)).toEqual([]);
  });

  it('a guest that never reports its address: the timeout with the VMware Tools state, in Chinese', async () => {
    const input = vsVmInput(plan, plan.vms[0]!);
    const lines: Array<{ text: string; ref?: TextRef }> = [];
    const failure = await using(client(), async (vim) => {
      const placement = resolvePlacement(await readInventory(vim, signal), input);
      // Recorded as powered on, but never customized nor started: VMware Tools never run, so the wait runs out.
      const spec = { location: { datastore: ref(placement.datastore.ref), pool: ref(placement.pool.ref) }, template: false, powerOn: false };
      const vm = moref(await runTask(vim, 'CloneVM_Task', placement.template.ref, { folder: ref(placement.folder.ref), name: input.name, spec }, { signal }))!;
      const saved: VsVmArtifact = { moref: vm.value, task: null, folder: placement.folder.path, datastore: placement.datastore.name, phase: 'poweredOn' };
      try {
        return await caught(() => deployVm(jobOn(vim, input, saved, lines, 400)));
      } finally {
        await runTask(vim, 'Destroy_Task', vm, {}, { signal });
      }
    });
    expect(failure.appError).toMatchObject({ code: 'timeout', hint: 'Check that the template has VMware Tools (open-vm-tools) and that guest customization works on it.' });
    expect(failure.appError.title).toMatch(new RegExp(`^VM ${input.name} did not report ${input.ip!.replace(/\./g, '\\.')} within 0 s: VMware Tools are not running \\(\\w+\\)\\.$`));
    const zh = chineseOf(failure.appError);
    expect(zh.title).toMatch(new RegExp(`^虚拟机 ${input.name} 未在 0 秒内报告 ${input.ip!.replace(/\./g, '\\.')}：VMware Tools 未运行（\\w+）。$`));
    expect(englishLeft(zh.title)).toEqual([]);
    expect(englishLeft(zh.hint!)).toEqual([]);
    expect(lines.map(chineseLine).filter((line) => englishLeft(line).length > 0)).toEqual([]);
    expect(lines.some((line) => line.ref?.key === 'vmLog.vs.continue')).toBe(true);
  });

  it('an ISO upload: its log lines, the second time skipped, a wrong checksum and the rollback, in Chinese', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rackpilot-vs-zh-'));
    const data = randomBytes(64 * 1024);
    const file = join(dir, 'tools.iso');
    writeFileSync(file, data);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const lines: Array<{ text: string; ref?: TextRef }> = [];
    const store = new Map<string, unknown>();
    try {
      await using(client(), async (vim) => {
        const inventory = await readInventory(vim, signal);
        const datastore = inventory.datastores[0]!;
        const datacenter = inventory.datacenters.find((entry) => entry.name === datastore.datacenter)!;
        const job = (fields: Partial<VsUploadJob> = {}): VsUploadJob => ({
          client: vim,
          target: { datacenter: datacenter.name, datacenterRef: datacenter.ref, datastore: datastore.name, path: 'iso/zh-tools.iso' },
          file,
          sha256,
          cells: {},
          signal,
          log: (_level, words) => void lines.push(typeof words === 'string' ? { text: words } : { text: say('en', words), ref: words }),
          progress: () => undefined,
          artifacts: { get: <T,>(key: string) => store.get(key) as T | undefined, set: (key: string, value: unknown) => void store.set(key, value) },
          ...fields,
        });
        expect((await uploadToDatastore(job())).skipped).toBe(false);
        expect((await uploadToDatastore(job())).skipped).toBe(true);
        const where = `[${datastore.name}] iso/zh-tools.iso`;
        expect(lines.map((line) => line.text)).toContain(`Uploading: ${where} does not exist.`);
        expect(lines.map((line) => line.text)).toContain(`${where} is there already (same name, size and SHA-256); not uploaded again.`);
        expect(lines.map(chineseLine)).toContain(`${where} 已存在（名称、大小和 SHA-256 均相同）；不再重复上传。`);

        const elsewhere = new Map<string, unknown>();
        const wrongArtifacts = { get: <T,>(key: string) => elsewhere.get(key) as T | undefined, set: (key: string, value: unknown) => void elsewhere.set(key, value) };
        const wrong = await caught(() => uploadToDatastore(job({ sha256: 'ab'.repeat(32), target: { ...job().target, path: 'iso/zh-wrong.iso' }, artifacts: wrongArtifacts })));
        expect(wrong.appError).toMatchObject({ code: 'io', hint: 'The file or the checksum in the plan is wrong; replace the file or correct the checksum.' });
        expect(wrong.appError.title).toBe(`${file} does not match its SHA-256: ${sha256} was read, ${'ab'.repeat(32)} expected; the copy on [${datastore.name}] iso/zh-wrong.iso was deleted.`);
        const zh = chineseOf(wrong.appError);
        expect(zh.title).toBe(`${file} 与其 SHA-256 不符：读取到 ${sha256}，预期为 ${'ab'.repeat(32)}；[${datastore.name}] iso/zh-wrong.iso 上的副本已删除。`);
        expect(englishLeft(zh.hint!)).toEqual([]);

        await removeUploaded(job());
        expect(lines.map(chineseLine)).toContain(`已删除 ${where}。`);
      });
      expect(lines.filter((line) => englishLeft(chineseLine(line)).length > 0).map((line) => line.text)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a VM deployed and removed end to end: every line Rackpilot writes reads Chinese, the unreachable guest too', async () => {
    const input = vsVmInput(plan, plan.vms[1]!);
    const lines: Array<{ text: string; ref?: TextRef }> = [];
    const store = new Map<string, unknown>();
    await using(client(), async (vim) => {
      const job = { ...jobOn(vim, input, undefined, lines), artifacts: { get: <T,>(key: string) => store.get(key) as T | undefined, set: (key: string, value: unknown) => void store.set(key, value) } };
      expect((await deployVm(job)).phase).toBe('ready');
      await removeVm({ client: vim, signal, log: job.log, artifacts: job.artifacts, input });
    });
    // The lab's guest addresses are never dialled here (loopback only): the probe says so, in the reader's words.
    const noAnswer = lines.find((line) => line.ref?.key === 'vmLog.vs.noAnswer');
    expect(noAnswer?.text).toMatch(new RegExp(`^${input.name} reports ${input.ip!.replace(/\./g, '\\.')} but does not answer there from this computer \\(\\d+: .+\\); a firewall or routing may be in the way\\.$`));
    expect(lines.map((line) => line.ref?.key)).toEqual(expect.arrayContaining(['vmLog.vs.clone', 'vmLog.vs.reconfigure', 'vmLog.vs.customize', 'vmLog.vs.powerOn', 'vmLog.vs.toolsReport', 'vmLog.vs.powerOff', 'vmLog.vs.delete']));
    expect(lines.filter((line) => englishLeft(chineseLine(line)).length > 0).map((line) => line.text)).toEqual([]);
  });

  it('preflight: a missing template and port group, and a refused login, read Chinese', async () => {
    const changed = await sampleOn(lab);
    changed.images.push({ ...changed.images.find((image) => image.kind === 'template')!, name: 'missing-tpl', remoteName: 'tpl-nowhere' });
    changed.networks.push({ ...changed.networks[0]!, name: 'dmz', portGroup: 'DMZ' });
    changed.vms[0]!.image = 'missing-tpl';
    changed.vms[1]!.network = 'dmz';
    const found = await vsphereChecks(changed.endpoints[0]!, changed, endpointNeeds(changed, 'vc-lab'), memoryTrustStore(), 20_000, signal);
    const placement = found.checks.find((entry) => entry.id === 'placement')!;
    expect(placement.status).toBe('blocker');
    const zh = say('zh', placement.text!);
    expect(zh).toContain('vCenter vc-lab 中没有 DC0 中的端口组 DMZ。');
    expect(zh).toContain('vCenter vc-lab 中没有 DC0 中的模板 tpl-nowhere。');
    const inventory = await using(client(), (vim) => readInventory(vim, signal));
    const vcenterNames = [...inventory.networks.map((network) => network.name), ...inventory.vms.map((vm) => vm.name)];
    expect(englishLeft(zh, vcenterNames)).toEqual([]);

    const refused = await vsphereChecks({ ...changed.endpoints[0]!, password: new Secret('not-the-password') }, changed, endpointNeeds(changed, 'vc-lab'), memoryTrustStore(), 20_000, signal);
    const login = refused.checks[0]!;
    expect(login).toMatchObject({ id: 'login', status: 'blocker' });
    const loginZh = say('zh', login.text!);
    expect(loginZh).toMatch(/^vCenter vc-lab 拒绝了 administrator@vsphere\.local 的登录：/);
    expect(englishLeft(loginZh, paramsNamed(login.text, 'message'))).toEqual([]);
    for (const skipped of refused.checks.slice(1)) expect(englishLeft(say('zh', skipped.text!))).toEqual([]);
  });
});
