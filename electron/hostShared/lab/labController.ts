import { fail } from '../../../shared/errors';
import type { LabController, LabEndpointInfo } from '../../engine/service/types';
import { createLab, type Lab, type Simulator, type StartLabOptions } from '../../lab';

/** Proxmox lab faults; the lab checks each one when it starts and names a bad field. */
export type LabFaults = NonNullable<NonNullable<StartLabOptions['proxmox']>['faults']>;

export interface LabControllerOptions {
  /** Simulators beyond the lab's own (tests of the provider seam). */
  simulators?: readonly Simulator[];
  /** Proxmox faults in force from each start (drills and tests; same shapes as the lab's admin API). */
  proxmoxFaults?: LabFaults;
}

/**
 * Starts each simulator on first use, for the kinds a rehearsal needs, and
 * keeps them until the host stops the lab; concurrent callers share one start.
 */
export function createLabController(options: LabControllerOptions = {}): LabController {
  const proxmox = { latency: { authFailureMs: 500 }, ...(options.proxmoxFaults ? { faults: options.proxmoxFaults } : {}) };
  const makeLab = (): Lab => createLab({ proxmox, ...(options.simulators ? { simulators: options.simulators } : {}) });
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
