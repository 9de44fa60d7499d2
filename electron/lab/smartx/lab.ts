import { startSshLab, type SshLab } from '../ssh/server';
import { startCloudTowerLab, type CloudTowerLab, type CloudTowerLabOptions } from './cloudtower/server';
import { startFisheyeLab, type FisheyeLab, type FisheyeLabOptions } from './fisheye/server';
import { linkSmartx } from './link';

export interface SmartxLabOptions {
  fisheye?: Omit<FisheyeLabOptions, 'hooks'>;
  cloudtower?: Omit<CloudTowerLabOptions, 'hooks'>;
  /** Seconds between the CloudTower installer's progress lines (default 1; tests use less). */
  installStepSeconds?: number;
}

/** The three linked simulators; `own` are the ones this lab started and stops. */
export interface SmartxLab {
  smartx: FisheyeLab;
  cloudtower: CloudTowerLab;
  ssh: SshLab;
  prepare(preparation: unknown): void;
  snapshot(): { smartx: ReturnType<FisheyeLab['snapshot']>; cloudtower: ReturnType<CloudTowerLab['snapshot']> };
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts SMTX OS and links it with a CloudTower and an SSH lab: the given
 * ones (the lab's own, when it runs as one of the lab's simulators) or new
 * ones it then owns, resets and closes.
 */
export async function startSmartxLab(options: SmartxLabOptions = {}, peers: { ssh?: SshLab; cloudtower?: CloudTowerLab } = {}): Promise<SmartxLab> {
  const owned: { close(): Promise<void>; reset(): Promise<void> }[] = [];
  const own = <T extends { close(): Promise<void>; reset(): Promise<void> }>(lab: T) => (owned.push(lab), lab);
  try {
    const ssh = peers.ssh ?? own(await startSshLab());
    const cloudtower = peers.cloudtower ?? own(await startCloudTowerLab(options.cloudtower));
    let fisheye: FisheyeLab | null = null;
    const link = linkSmartx({ ssh, cloudtower, fisheye: () => fisheye! }, { installStepSeconds: options.installStepSeconds ?? 1 });
    fisheye = await startFisheyeLab({ ...options.fisheye, hooks: { addressConfigured: link.addressConfigured, vmDeleted: link.vmDeleted, towerFaults: (inputs) => cloudtower.faults.add(inputs) } });
    const stopFaultWatch = fisheye.onFaultsChanged(link.faultsChanged);
    const smartx = fisheye;
    let closed: Promise<void> | null = null;
    return {
      smartx,
      cloudtower,
      ssh,
      prepare: (preparation) => smartx.prepare(preparation),
      snapshot: () => ({ smartx: smartx.snapshot(), cloudtower: cloudtower.snapshot() }),
      reset: async () => {
        await smartx.reset();
        link.forget();
        await Promise.all(owned.map((lab) => lab.reset()));
      },
      close: () =>
        (closed ??= (async () => {
          stopFaultWatch();
          link.forget();
          await Promise.all([smartx.close(), ...owned.map((lab) => lab.close())]);
        })()),
    };
  } catch (error) {
    await Promise.all(owned.map((lab) => lab.close()));
    throw error;
  }
}
