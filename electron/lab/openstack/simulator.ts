import type { Simulator } from '../simulators';
import type { OpenStackLabOptions } from './options';
import { startOpenStackLab, type OpenStackLab } from './server';

/** The OpenStack simulator as one of the lab's simulators; its URL is Keystone's v3 (the catalog names the others). */
export const openstackSimulator: Simulator<OpenStackLabOptions, OpenStackLab> = {
  kind: 'openstack',
  title: 'OpenStack',
  async start(options) {
    const lab = await startOpenStackLab(options);
    return {
      // Plain HTTP like the real lab: no certificate to pin.
      endpoint: { kind: 'openstack', url: lab.authUrl, username: lab.username, password: lab.password, fingerprint: '', admin: lab.admin },
      prepare: (preparation) => void lab.prepare(preparation),
      reset: async () => lab.reset(),
      handle: lab,
      close: () => lab.close(),
    };
  },
};
