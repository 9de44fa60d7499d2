import type { Simulator } from '../simulators';
import type { SshLab } from '../ssh/server';
import { startCloudTowerLab, type CloudTowerLab, type CloudTowerLabOptions } from './cloudtower/server';
import { startSmartxLab, type SmartxLab, type SmartxLabOptions } from './lab';

/** CloudTower as one of the lab's simulators: it answers once the SMTX OS lab's VM has installed it. */
export const cloudtowerSimulator: Simulator<CloudTowerLabOptions, CloudTowerLab> = {
  kind: 'cloudtower',
  title: 'SmartX CloudTower',
  async start(options) {
    const lab = await startCloudTowerLab(options);
    return { endpoint: lab.endpoint, prepare: () => undefined, reset: () => lab.reset(), handle: lab, close: () => lab.close() };
  },
};

/** SMTX OS as one of the lab's simulators, linked to the lab's CloudTower and SSH simulators (README.md). */
export const smartxSimulator: Simulator<SmartxLabOptions, SmartxLab> = {
  kind: 'smartx',
  title: 'SmartX SMTX OS',
  async start(options, peers) {
    const linked = peers ? { ssh: (await peers.start('ssh')).handle as SshLab, cloudtower: (await peers.start('cloudtower')).handle as CloudTowerLab } : {};
    const lab = await startSmartxLab(options, linked);
    return { endpoint: lab.smartx.endpoint, prepare: (preparation) => lab.prepare(preparation), reset: () => lab.reset(), handle: lab, close: () => lab.close() };
  },
};
