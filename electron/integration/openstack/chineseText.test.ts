import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import { say, stepTitle, type TextRef } from '../../../shared/i18n/engineText';
import type { Plan } from '../../../shared/plan/model';
import { memoryTrustStore } from '../../engine/net/tlsTestKit';
import { resolveOpenStackEndpoint } from '../../engine/providers/openstack/endpoint';
import { createNeutron } from '../../engine/providers/openstack/neutron';
import { openstackChecks } from '../../engine/providers/openstack/preflight';
import { OpenStackSession } from '../../engine/providers/openstack/session';
import { createOpenStackStepKinds } from '../../engine/providers/openstack/stepKinds';
import { buildOpenStackSteps } from '../../engine/providers/openstack/steps';
import { Runner } from '../../engine/runner';
import { recordingHooks } from '../../engine/runner/testFakes';
import { failureOf } from '../../engine/testing/failureOf';
import type { OpenStackLab } from '../../engine/testing/openstackLab';
import { startOpenStackLab, type OpenStackLab as Simulator } from '../../lab/openstack';
import { chineseLine, chineseOf, englishLeft, paramsNamed } from '../englishLeft';
import { labPlan, type LabPlanOptions } from './openstackPlanKit';
import { depsFor, writeDiskImage } from './openstackRun';

/*
 * The OpenStack failures an engineer meets most, made to happen on the
 * product's OpenStack simulator and read in Chinese: Rackpilot's words are
 * Chinese, what Keystone, Nova or Neutron said stays as the cloud said it,
 * and the English is what it always was.
 */

type Line = { stepId: string | null; text: string; ref?: TextRef };

/** The simulator seen as the plan kit sees a lab: where Keystone is and who logs in (no bastion: the plan dials it directly). */
function asLab(simulator: Simulator): OpenStackLab {
  const credentials = { username: simulator.username, password: simulator.password, project: simulator.project, domain: simulator.domain };
  return { authUrl: simulator.authUrl, region: simulator.region, admin: credentials, demo: credentials, bastion: { host: '127.0.0.1', port: 22, username: 'unused', password: 'unused', hostKeyFingerprint: null } } as unknown as OpenStackLab;
}

/** The plan's steps run by the engine's runner; each step's failure and every log line with its catalogue text. */
async function run(plan: Plan, dir: string): Promise<{ outcome: string; errors: Record<string, AppError>; lines: Line[] }> {
  const hooks = recordingHooks();
  const lines: Line[] = [];
  hooks.onLog = (stepId, _level, text, ref) => void lines.push(ref ? { stepId, text, ref } : { stepId, text });
  const runner = new Runner({ runId: `zh-${Date.now()}`, steps: buildOpenStackSteps(plan), kinds: createOpenStackStepKinds(depsFor(plan, dir, { pollMs: 50 }), plan), concurrency: 4, hooks });
  const outcome = await runner.start();
  const errors: Record<string, AppError> = {};
  for (const event of hooks.states) if (event.error && event.state === 'failed') errors[event.stepId] = event.error;
  return { outcome, errors, lines };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('OpenStack errors, log lines and checks in Chinese, on the simulator', () => {
  let simulator: Simulator;
  let dir: string;
  const signal = AbortSignal.timeout(120_000);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rp-oszh-'));
    writeDiskImage(dir, 3);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  // A fresh simulator for each case: after reset() its Neutron still holds the cloud it started with, so Nova would not find the ports.
  beforeEach(async () => {
    simulator = await startOpenStackLab({ buildMs: 50 });
  });
  afterEach(async () => {
    await simulator?.close();
  });

  const planOf = (name: string, extra: Partial<LabPlanOptions> = {}): Plan =>
    labPlan(asLab(simulator), { viaBastion: false, workbookDir: dir, ...extra, slice: { name, topology: 'linear', nodes: 2, ha: true, cidr: '10.62.0.0/28', managementCidr: null, ...extra.slice } });

  it('a wrong password: Keystone’s reason as it said it, the cell in the hint, no English of ours', async () => {
    const { outcome, errors } = await run(planOf('zhpw', { password: 'not-the-password' }), dir);
    expect(outcome).toBe('failed');
    const refused = Object.values(errors).find((error) => error.code === 'auth')!;
    const keystoneSaid = paramsNamed(refused.text, 'said');
    expect(keystoneSaid).toHaveLength(1);
    expect(keystoneSaid[0]).toMatch(/authentication/i);
    expect(refused.title).toBe(`Keystone of os-lab refused the login of admin in domain Default: ${keystoneSaid[0]}.`);
    const zh = chineseOf(refused);
    expect(zh.title).toBe(`os-lab 的 Keystone 拒绝了域 Default 中 admin 的登录：${keystoneSaid[0]}。`);
    expect(englishLeft(zh.title, keystoneSaid)).toEqual([]);
    expect(zh.hint).toContain('（Endpoints!F3）');
    expect(englishLeft(zh.hint!)).toEqual([]);
  });

  it('a project the user has no role on: which part was refused, in Chinese', async () => {
    const { errors } = await run(planOf('zhproj', { project: 'nosuch' }), dir);
    const refused = Object.values(errors).find((error) => error.code === 'auth')!;
    expect(refused.title).toBe("Keystone of os-lab accepted admin's password but not project nosuch in domain Default: the project does not exist or the user has no role on it.");
    const zh = chineseOf(refused);
    expect(zh.title).toBe('os-lab 的 Keystone 接受了 admin 的密码，但不接受域 Default 中的项目 nosuch：该项目不存在，或该用户在其中没有角色。');
    expect(zh.hint).toContain('Endpoints!L3');
    expect(englishLeft(zh.hint!)).toEqual([]);
  });

  it('a flavor and an image the cloud lacks: what it has stays as named, the rest is Chinese', async () => {
    const { errors } = await run(planOf('zhnone', { flavor: { name: 'no-such-flavor', vcpu: null, memoryMiB: null, diskGiB: null }, image: { file: null, remoteName: 'no-such-image' } }), dir);
    const flavor = errors['os.flavor:os-lab/no-such-flavor']!;
    expect(flavor).toMatchObject({ code: 'plan_invalid', title: 'OpenStack os-lab has no flavor named no-such-flavor.' });
    expect(flavor.hint).toMatch(/^Its flavors: .+\. Correct the flavor/);
    const zhFlavor = chineseOf(flavor);
    expect(zhFlavor.title).toBe('OpenStack os-lab 没有名为 no-such-flavor 的规格。');
    expect(englishLeft(zhFlavor.hint!)).toEqual([]);
    const image = errors['image.upload:os-lab/no-such-image']!;
    expect(image).toMatchObject({ code: 'plan_invalid', title: 'Glance on os-lab has no active image named no-such-image.', cell: { sheet: 'Images', cell: 'C3' } });
    const zhImage = chineseOf(image);
    expect(zhImage.title).toBe('os-lab 上的 Glance 没有名为 no-such-image 的可用镜像。');
    expect(englishLeft(zhImage.hint!)).toEqual([]);
  });

  it('the project’s quota: Nova’s own words kept, the quota hint in Chinese', async () => {
    simulator.prepare({ quota: { instances: 1 } });
    const { errors } = await run(planOf('zhquota'), dir);
    const failed = Object.entries(errors).filter(([id]) => id.startsWith('vm.create:'));
    expect(failed.length, JSON.stringify(errors)).toBeGreaterThanOrEqual(1);
    for (const [, error] of failed) {
      expect(error.code).toBe('step_failed');
      const novaSaid = [...paramsNamed(error.text, 'said'), ...paramsNamed(error.text, 'fault')];
      expect(novaSaid).toHaveLength(1);
      expect(novaSaid[0]).toMatch(/^Quota exceeded for instances/);
      expect(error.hint).toBe("The project's quota on os-lab is used up: raise it (openstack quota set) or plan fewer or smaller servers, then retry.");
      const zh = chineseOf(error);
      expect(zh.title).toContain(novaSaid[0]);
      expect(englishLeft(zh.title, novaSaid)).toEqual([]);
      expect(zh.hint).toBe('项目在 os-lab 上的配额已用完：请提高配额（openstack quota set），或在计划中减少服务器数量或改用更小的规格，然后重试。');
      expect(englishLeft(zh.hint!, ['openstack quota set'])).toEqual([]);
    }
  });

  it('a server Nova puts in ERROR: its fault message stays, the hint says what to check in Chinese', async () => {
    const fault = 'No valid host was found. There are not enough hosts available.';
    simulator.faults.add([{ kind: 'serverError', count: 10, message: fault }]);
    const { errors } = await run(planOf('zherror'), dir);
    const [id, error] = Object.entries(errors).find(([stepId]) => stepId.startsWith('vm.create:'))!;
    const server = id.slice('vm.create:'.length);
    expect(error).toMatchObject({ code: 'step_failed', title: `Server ${server} on os-lab went to ERROR: ${fault}`, hint: expect.stringContaining('No compute host fits it') });
    const zh = chineseOf(error);
    expect(zh.title).toBe(`os-lab 上的服务器 ${server} 进入了 ERROR 状态：${fault}`);
    expect(englishLeft(zh.title, [fault])).toEqual([]);
    expect(zh.hint).toBe('没有能容纳它的计算主机：请检查规格、可用区和虚拟化主机的空闲容量，然后重试。');
  });

  it('two networks of one name: Rackpilot’s refusal to guess, with the resource kind in Chinese', async () => {
    const plan = planOf('zhtwice');
    const session = new OpenStackSession({ endpoint: resolveOpenStackEndpoint(plan.endpoints[0]!, plan, dir), trust: memoryTrustStore() });
    try {
      const network = (buildOpenStackSteps(plan).find((step) => step.kind === 'openstack.network')!.input as { name: string }).name;
      for (let i = 0; i < 2; i++) await createNeutron(session, 'networks', { name: network, admin_state_up: true }, signal);
      const { errors } = await run(plan, dir);
      const twice = Object.values(errors).find((error) => error.code === 'conflict')!;
      expect(twice.title).toBe(`OpenStack os-lab has 2 networks named ${network} in project admin.`);
      const zh = chineseOf(twice);
      expect(zh.title).toBe(`OpenStack os-lab 的项目 admin 中有 2 个名为 ${network} 的网络。`);
      expect(englishLeft(zh.hint!)).toEqual([]);
    } finally {
      session.close();
    }
  });

  it('Keystone unreachable: the refused connection reads in Chinese, in the step error and in the preflight', async () => {
    const plan = planOf('zhdown');
    plan.endpoints[0]!.address = `http://127.0.0.1:${await closedPort()}/v3`;
    const session = new OpenStackSession({ endpoint: resolveOpenStackEndpoint(plan.endpoints[0]!, plan, dir), trust: memoryTrustStore(), timeoutMs: 5000 });
    const failure = await failureOf(session.token(signal)).finally(() => session.close());
    expect(failure.appError.code).toBe('network');
    expect(failure.appError.title).toMatch(/^127\.0\.0\.1:\d+ refused the connection .*\(POST \/v3\/auth\/tokens\)\.$/);
    const zh = chineseOf(failure.appError);
    expect(zh.title).toMatch(/^127\.0\.0\.1:\d+ 拒绝了连接/);
    expect(englishLeft(zh.title)).toEqual([]);

    const preflight = await openstackChecks(plan.endpoints[0]!, plan, memoryTrustStore(), dir, signal);
    const login = preflight.checks.find((entry) => entry.id === 'login')!;
    expect(login.status).toBe('blocker');
    for (const entry of preflight.checks) {
      expect(entry.text, entry.message).toBeDefined();
      expect(englishLeft(say('zh', entry.text!))).toEqual([]);
    }
  });

  it('a run that succeeds: every OpenStack log line and preflight check has catalogue text and reads in Chinese', async () => {
    const plan = planOf('zhok');
    const preflight = await openstackChecks(plan.endpoints[0]!, plan, memoryTrustStore(), dir, signal);
    expect(preflight.checks.map((entry) => `${entry.id}:${entry.status}`)).toEqual(['login:ok', 'version:ok', 'capacity:ok', 'templates:ok', 'storages:ok']);
    for (const entry of preflight.checks) {
      expect(entry.text, entry.message).toBeDefined();
      expect(englishLeft(say('zh', entry.text!)), entry.message).toEqual([]);
    }
    expect(say('zh', preflight.checks[0]!.text!)).toBe('已以 admin 登录项目 admin；服务：compute，identity，image，network。');

    const { outcome, lines, errors } = await run(plan, dir);
    expect(outcome, JSON.stringify(errors)).toBe('succeeded');
    const ours = lines.filter((line) => line.stepId !== null);
    expect(ours.length).toBeGreaterThan(4);
    for (const line of ours) {
      expect(line.ref, line.text).toBeDefined();
      expect(englishLeft(chineseLine(line)), line.text).toEqual([]);
    }
    // The Deploy screen's step titles: catalogue text too, with the names as the plan has them.
    for (const step of buildOpenStackSteps(plan)) {
      expect(step.titleKey, step.title).toBeDefined();
      expect(stepTitle(step, 'en')).toBe(step.title);
      expect(englishLeft(stepTitle(step, 'zh')), step.title).toEqual([]);
    }
    expect(stepTitle(buildOpenStackSteps(plan).find((step) => step.id === 'image.upload:os-lab/rp-test-image')!, 'zh')).toBe('将 rp-test-image 上传到 os-lab 上的 Glance');
    const created = ours.find((line) => line.ref!.key === 'openstack.log.serverCreating')!;
    expect(created.text).toMatch(/^Creating zhok-\d: flavor rp\.tiny, zone az-\d \(HA: round-robin/);
    expect(chineseLine(created)).toMatch(/^正在创建 zhok-\d：规格 rp\.tiny，可用区 az-\d（HA：在按名称排序的可用区之间轮流分配/);
  });
});
