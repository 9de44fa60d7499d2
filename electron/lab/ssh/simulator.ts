import type { Simulator } from '../simulators';
import { startSshLab, type SshLab, type SshLabOptions } from './server';

/** The SSH server simulator (guest VMs and jump hosts) as one of the lab's simulators. */
export const sshSimulator: Simulator<SshLabOptions, SshLab> = {
  kind: 'ssh',
  title: 'SSH',
  async start(options) {
    const lab = await startSshLab(options);
    return { endpoint: lab.endpoint, prepare: (preparation) => lab.prepare(preparation), reset: () => lab.reset(), handle: lab, close: () => lab.close() };
  },
};
