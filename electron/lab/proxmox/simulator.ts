import type { Simulator } from '../simulators';
import type { ProxmoxLabOptions } from './options';
import { startProxmoxLab, type ProxmoxLab } from './server';

/** The Proxmox VE cluster simulator as one of the lab's simulators. */
export const proxmoxSimulator: Simulator<ProxmoxLabOptions, ProxmoxLab> = {
  kind: 'proxmox',
  title: 'Proxmox VE',
  async start(options) {
    const lab = await startProxmoxLab(options);
    return {
      endpoint: { kind: 'proxmox', url: lab.url, username: lab.username, password: lab.password, fingerprint: lab.fingerprint, admin: lab.admin },
      prepare: (preparation) => void lab.prepare(preparation),
      reset: async () => lab.reset(),
      handle: lab,
      close: () => lab.close(),
    };
  },
};
