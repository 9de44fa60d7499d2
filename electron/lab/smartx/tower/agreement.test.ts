import { describe, expect, it, onTestFinished } from 'vitest';
import { startSshLab, type SshLab } from '../../ssh/server';
import { connect } from '../../ssh/sshTestKit';
import { observeInstall, type InstallObservation } from './installProcedure';
import { openSshTowerSkipReason, startOpenSshTower, towerTestPassword, towerTestUser } from './openSshTarget';
import { setInstallFailure, writeTowerProfile } from './profile';
import { successLine } from './scripts';

const stepSeconds = 0.05;
const skip = openSshTowerSkipReason();

/** The parts of an install a client can observe; sudo's stderr (lecture, prompts) differs between sudo builds and is left out. */
const observable = (observed: InstallObservation) => ({
  preinstall: { code: observed.preinstall.code, stdout: observed.preinstall.stdout },
  start: { code: observed.start.code, stdout: observed.start.stdout },
  nohup: observed.nohup,
  unprivileged: { code: observed.unprivileged.code, stdout: observed.unprivileged.stdout },
});

async function sandboxTower(failure: string | null): Promise<{ lab: SshLab; observed: InstallObservation }> {
  const lab = await startSshLab();
  onTestFinished(() => lab.close());
  const host = lab.attachHost({ name: 'cloudtower', addresses: ['10.0.0.50'] }, [{ name: towerTestUser, password: towerTestPassword }]);
  writeTowerProfile(host.files, { stepSeconds, failure: null, nameservers: ['10.0.0.1'] });
  setInstallFailure(host.files, failure);
  const client = await connect(lab, { username: `${towerTestUser}@cloudtower`, password: towerTestPassword });
  return { lab, observed: await observeInstall(client, towerTestPassword) };
}

async function realTower(failure: string | null): Promise<InstallObservation> {
  const tower = await startOpenSshTower(stepSeconds);
  onTestFinished(() => tower.stop());
  tower.setInstallFailure(failure);
  const client = await connect({ port: tower.port } as SshLab, { username: towerTestUser, password: towerTestPassword });
  return observeInstall(client, towerTestPassword, tower.root);
}

// Where sshd, sudo or root is missing the title says why (never a silent skip).
describe.skipIf(skip !== null)(`the CloudTower installer: the lab sandbox agrees with bash behind OpenSSH${skip ? ` (cannot run here: ${skip})` : ''}`, () => {
  it('succeeds the same way', async () => {
    const [sandbox, real] = await Promise.all([sandboxTower(null), realTower(null)]);
    expect(observable(sandbox.observed)).toEqual(observable(real));
    expect(real.nohup.trim().split('\n').at(-1)).toBe(successLine);
    expect(real.unprivileged.code).toBe(1);
  });

  it('fails the same way under the fault', async () => {
    const [sandbox, real] = await Promise.all([sandboxTower('disk too small'), realTower('disk too small')]);
    expect(observable(sandbox.observed)).toEqual(observable(real));
    expect(real.nohup).toContain('ERROR: Install Operation Center Failed: disk too small');
  });
});

