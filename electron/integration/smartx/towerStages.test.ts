import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { smartxLabPreparation } from '../../engine/providers/smartx/labPreparation';
import { stageKinds } from '../../engine/providers/smartx/steps';
import { pointSshAtLab } from '../../engine/scripts';
import { startSmartxLab, type SmartxLab } from '../../lab/smartx';
import { StageKit } from './stageKit';

/*
 * The CloudTower half of the pipeline (install over SSH, verify, configure,
 * attach) on the lab's linked SMTX OS, CloudTower VM (SSH) and CloudTower,
 * with their faults: an installer that fails, an expired CloudTower token,
 * a connect-cluster task that fails.
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

/** A kit whose VM is created and whose SSH goes to the lab's CloudTower VM, as a rehearsal's does. */
async function vmReady(): Promise<StageKit> {
  const kit = await StageKit.open({ smartx: lab.smartx.endpoint, cloudtower: lab.cloudtower.endpoint }, {}, { hostKeys: { findPins: () => [], addPin: () => undefined } });
  kits.push(kit);
  lab.prepare(smartxLabPreparation(kit.plan));
  kit.redactor.add(lab.ssh.endpoint.password);
  pointSshAtLab(kit.plan, lab.ssh.endpoint);
  for (const kind of [stageKinds.prepare, stageKinds.iso, stageKinds.vm]) await kit.runStep(kind);
  return kit;
}

const failureOf = async (promise: Promise<unknown>): Promise<AppFailure> => {
  const error = await promise.then(() => null, (cause: unknown) => cause);
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
};

describe('CloudTower stages on the linked SmartX lab', () => {
  it('installs, verifies, configures and attaches; the installer’s lines reach the log as they come', async () => {
    const kit = await vmReady();
    expect(await kit.runStep(stageKinds.install)).toBe('ran');
    expect(kit.logsOf(stageKinds.install).join('\n')).toContain('Install Operation Center Successfully');
    const phases = kit.run.progress.filter((entry) => entry.stepId === kit.step(stageKinds.install).id).map((entry) => entry.progress.phase);
    expect([...new Set(phases)]).toEqual(['preinstall', 'installer', 'watch']);
    // Asked again (a retry, a resume): nohup.out already says it is done, nothing is installed twice.
    expect(await kit.runStep(stageKinds.install)).toBe('adopted');
    await kit.runStep(stageKinds.verify);
    await kit.runStep(stageKinds.configure);
    expect(lab.snapshot().cloudtower).toMatchObject({ rootUserCreated: true, organizations: ['示例科技'] });
    const files = lab.ssh.files('cloudtower');
    expect(files.read('/etc/resolv.conf').toString()).toBe('nameserver 10.60.0.53\nnameserver 10.60.0.54\n');
    expect(files.read('/etc/chrony.conf').toString()).toContain('server ntp.sample.test iburst');
    // Configured twice: the root user and the organisation are found, not made again.
    await kit.runStep(stageKinds.configure);
    expect(lab.snapshot().cloudtower.organizations).toEqual(['示例科技']);
    await kit.runStep(stageKinds.attach);
    expect(lab.snapshot().cloudtower.clusters).toEqual([expect.objectContaining({ connect_state: 'CONNECTED' })]);
    expect(await kit.runStep(stageKinds.attach)).toBe('adopted');
  });

  it('fails on the installer’s error line, with the line in the error', async () => {
    const kit = await vmReady();
    lab.smartx.faults.add([{ kind: 'installFails', message: 'disk too small for the database' }]);
    const failure = await failureOf(kit.runStep(stageKinds.install));
    expect(failure.appError).toMatchObject({ code: 'step_failed', retryable: false });
    expect(failure.message).toContain('disk too small for the database');
  });

  it('logs in to CloudTower again when its token expires', async () => {
    const kit = await vmReady();
    await kit.runStep(stageKinds.install);
    await kit.runStep(stageKinds.verify);
    lab.cloudtower.faults.add([{ kind: 'tokenExpires', afterRequests: 2 }]);
    await kit.runStep(stageKinds.configure);
    expect(lab.snapshot().cloudtower.logins.granted).toBeGreaterThan(1);
  });

  it('fails the attach step with the task’s own message when connect-cluster fails', async () => {
    const kit = await vmReady();
    for (const kind of [stageKinds.install, stageKinds.verify, stageKinds.configure]) await kit.runStep(kind);
    lab.cloudtower.faults.add([{ kind: 'taskFails', operation: 'connect-cluster', message: 'cluster VIP unreachable' }]);
    const failure = await failureOf(kit.runStep(stageKinds.attach));
    expect(failure.message).toContain('cluster VIP unreachable');
  });
});
