import type { Simulator } from '../lab';
import { startOpenSsh } from '../engine/ssh/testing/openssh';

/**
 * A stand-in for the lab's SSH simulator (kind `ssh`) until it lands: a real
 * OpenSSH server on loopback, announced the same way. Its `prepare` takes the
 * rehearsal's preparation and ignores it (the test user is the only login).
 */
export const opensshLabSimulator: Simulator = {
  kind: 'ssh',
  title: 'OpenSSH (test)',
  async start() {
    const server = await startOpenSsh();
    return {
      endpoint: { kind: 'ssh', url: `ssh://${server.host}:${server.port}`, username: server.user, password: server.password, fingerprint: server.hostKeyFingerprint },
      prepare: () => undefined,
      reset: async () => undefined,
      handle: server,
      close: () => server.stop(),
    };
  },
};
