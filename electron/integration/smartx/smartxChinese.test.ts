import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure, type AppError } from '../../../shared/errors';
import { say, type TextParam, type TextRef } from '../../../shared/i18n/engineText';
import { smartxLabPreparation } from '../../engine/providers/smartx/labPreparation';
import { stageKinds } from '../../engine/providers/smartx/steps';
import { pointSshAtLab } from '../../engine/scripts';
import { startSmartxLab, type SmartxLab } from '../../lab/smartx';
import { StageKit } from './stageKit';

/*
 * The SmartX pipeline's own words in Chinese: its log lines and its errors
 * (made to happen on the linked lab: failing chunks and jobs, a failing
 * installer and connect-cluster task) are catalogue text, and said in
 * Chinese they hold no English sentence once the values the platforms
 * gave (names, ids, their messages) are taken out. The English stays as it was.
 */

let lab: SmartxLab;
const kits: StageKit[] = [];

beforeAll(async () => {
  lab = await startSmartxLab({
    fisheye: { chunkSize: 64 * 1024, latency: { requestMs: 0, jobMs: 30, guestAgentMs: 40 } },
    cloudtower: { latency: { requestMs: 0, taskMs: 80 } },
    installStepSeconds: 0.05,
  });
});
afterAll(async () => lab?.close());
afterEach(async () => {
  for (const kit of kits.splice(0)) kit.close();
  await lab.reset();
});

async function openKit(): Promise<StageKit> {
  const kit = await StageKit.open({ smartx: lab.smartx.endpoint, cloudtower: lab.cloudtower.endpoint }, {}, { hostKeys: { findPins: () => [], addPin: () => undefined } });
  kits.push(kit);
  lab.prepare(smartxLabPreparation(kit.plan));
  kit.redactor.add(lab.ssh.endpoint.password);
  pointSshAtLab(kit.plan, lab.ssh.endpoint);
  return kit;
}

/** The plain values inside a text (what a platform said, names, numbers): these stay as they are in every language. */
function values(param: TextParam | undefined, into: string[] = []): string[] {
  if (param === undefined) return into;
  if (typeof param === 'string') into.push(param);
  else if (Array.isArray(param)) for (const part of param as readonly TextParam[]) values(part, into);
  else if (typeof param === 'object') for (const value of Object.values((param as TextRef).params ?? {})) values(value, into);
  return into;
}

// Three Latin words in a row (`Logged in to`); product names stand alone or next to a value, which is taken out.
const englishSentence = /\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b/;

/** The text in Chinese with its values taken out: what is left is Rackpilot's own words. */
function ownWordsInChinese(ref: TextRef): string {
  let said = say('zh', ref);
  for (const value of values(ref).sort((a, b) => b.length - a.length)) if (value.length > 0) said = said.split(value).join(' ');
  return said;
}

function expectChinese(error: AppError): void {
  expect(error.text, error.title).toBeDefined();
  expect(say('en', error.text!)).toBe(error.title);
  expect(ownWordsInChinese(error.text!)).not.toMatch(englishSentence);
  expect(say('zh', error.text!)).toMatch(/\p{Script=Han}/u);
  if (error.hintText) expect(ownWordsInChinese(error.hintText)).not.toMatch(englishSentence);
}

const failureOf = async (promise: Promise<unknown>): Promise<AppFailure> => {
  const error = await promise.then(() => null, (cause: unknown) => cause);
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
};

describe('the SmartX pipeline in Chinese', () => {
  it('says every log line of its own of all eight stages in Chinese, retries included, and keeps the English', async () => {
    const kit = await openKit();
    lab.smartx.faults.add([
      { kind: 'chunkFails', chunkNum: 1, count: 1 },
      { kind: 'jobFails', operation: 'vm.create', count: 1, message: 'no room on the chosen host' },
    ]);
    for (const kind of Object.values(stageKinds)) await kit.runStep(kind);
    const own = kit.run.logs.filter((line) => line.ref);
    // Each stage writes lines of its own; the rest is the installer's and the shell's output, kept as they printed it.
    expect(new Set(own.map((line) => line.stepId)).size).toBe(Object.values(stageKinds).length);
    expect(own.some((line) => line.text.startsWith('A chunk of'))).toBe(true);
    expect(own.some((line) => line.text.includes('no room on the chosen host'))).toBe(true);
    for (const line of own) {
      expect(say('en', line.ref!)).toBe(line.text);
      expect(ownWordsInChinese(line.ref!), line.text).not.toMatch(englishSentence);
      expect(say('zh', line.ref!), line.text).toMatch(/\p{Script=Han}/u);
    }
    const plain = kit.run.logs.filter((line) => !line.ref).map((line) => line.text);
    expect(plain.every((line) => kit.run.logs.some((entry) => entry.text === line && entry.stepId === kit.step(stageKinds.install).id))).toBe(true);
  });

  it('says the ISO upload failure, the installer failure and the connect-cluster failure in Chinese, with the English titles unchanged', async () => {
    const kit = await openKit();
    await kit.runStep(stageKinds.prepare);
    lab.smartx.faults.add([{ kind: 'chunkFails', chunkNum: 2, always: true }]);
    const upload = await failureOf(kit.runStep(stageKinds.iso));
    expect(upload.message).toMatch(/^The CloudTower ISO could not be uploaded to SMTX OS \S+: a chunk failed \d+ times in two upload volumes \(/);
    expectChinese(upload.appError);
    await lab.reset();
    lab.prepare(smartxLabPreparation(kit.plan));

    for (const kind of [stageKinds.iso, stageKinds.vm]) await kit.runStep(kind);
    lab.smartx.faults.add([{ kind: 'installFails', message: 'disk too small for the database' }]);
    const install = await failureOf(kit.runStep(stageKinds.install));
    expect(install.message).toMatch(/^The CloudTower installer failed on .*disk too small for the database/);
    expect(say('zh', install.appError.text!)).toContain('disk too small for the database');
    expectChinese(install.appError);
  });

  it('says a CloudTower task failure and a duplicate VM in Chinese', async () => {
    const kit = await openKit();
    for (const kind of [stageKinds.prepare, stageKinds.iso, stageKinds.vm, stageKinds.install, stageKinds.verify, stageKinds.configure]) await kit.runStep(kind);
    lab.cloudtower.faults.add([{ kind: 'taskFails', operation: 'connect-cluster', message: 'cluster VIP unreachable' }]);
    const attach = await failureOf(kit.runStep(stageKinds.attach));
    expect(attach.message).toMatch(/^CloudTower \S+: connecting cluster \S+ failed: cluster VIP unreachable\.$/);
    expect(say('zh', attach.appError.text!)).toMatch(/^CloudTower \S+：关联集群 \S+ 失败：cluster VIP unreachable。$/);
    expectChinese(attach.appError);

    const other = await openKit();
    (other.step(stageKinds.vm).input as { ip: string }).ip = '10.60.20.99';
    const duplicate = await failureOf(other.runStep(stageKinds.vm));
    expect(duplicate.message).toMatch(/already has a VM named cloudtower, and it \(\S+\) does not have the planned address 10\.60\.20\.99/);
    expectChinese(duplicate.appError);
  });
});
