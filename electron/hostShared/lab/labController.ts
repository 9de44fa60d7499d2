import { fail } from '../../../shared/errors';
import type { LabController, LabEndpointInfo } from '../../engine/service/types';
import { createLab, type Lab, type Simulator } from '../../lab';

export interface LabControllerOptions {
  /** Simulators beyond the lab's own (tests of the provider seam). */
  simulators?: readonly Simulator[];
}

/**
 * Starts each simulator on first use, for the kinds a rehearsal needs, and
 * keeps them until the host stops the lab; concurrent callers share one start.
 */
export function createLabController(options: LabControllerOptions = {}): LabController {
  const makeLab = (): Lab => createLab({ proxmox: { latency: { authFailureMs: 500 } }, ...(options.simulators ? { simulators: options.simulators } : {}) });
  let lab = makeLab();
  const info = (): LabEndpointInfo[] => lab.endpoints().map(({ kind, url, username, password, fingerprint }) => ({ kind, url, username, password, fingerprint }));
  return {
    async ensureStarted(needs) {
      const kinds = needs ? needs.map((need) => need.kind) : lab.kinds;
      const missing = kinds.filter((kind) => !lab.kinds.includes(kind));
      if (missing.length > 0) {
        fail('unsupported', `The lab has no simulator for ${missing.join(', ')} endpoints.`, { hint: `It simulates ${lab.kinds.join(', ')}; rehearse the other endpoints against a test system instead.` });
      }
      await lab.start(kinds);
      for (const need of needs ?? []) lab.running(need.kind)?.prepare(need.preparation);
      return info();
    },
    running: () => (lab.endpoints().length > 0 ? info() : null),
    reset: () => lab.reset(),
    async stop() {
      const stopping = lab;
      lab = makeLab();
      await stopping.close();
    },
  };
}
