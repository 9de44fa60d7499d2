import { fail } from '../../../shared/errors';
import { sentences, text } from '../../../shared/i18n/engineText';
import type { LabController, LabEndpointInfo } from '../../engine/service/types';
import type { Lab, Simulator, StartLabOptions } from '../../lab';

/** Proxmox lab faults; the lab checks each one when it starts and names a bad field. */
export type LabFaults = NonNullable<NonNullable<StartLabOptions['proxmox']>['faults']>;

export interface LabControllerOptions {
  /** Simulators beyond the lab's own (tests of the provider seam). */
  simulators?: readonly Simulator[];
  /** Proxmox faults in force from each start (drills and tests; same shapes as the lab's admin API). */
  proxmoxFaults?: LabFaults;
  /** SMTX OS lab faults in force from each start (the shapes of its admin API, electron/lab/smartx/README.md). */
  smartxFaults?: NonNullable<NonNullable<NonNullable<StartLabOptions['smartx']>['fisheye']>['faults']>;
  /** Where the vCenter simulator's binary is: the packaged app passes its `process.resourcesPath`. */
  vsphere?: StartLabOptions['vsphere'];
}

/**
 * Starts each simulator on first use, for the kinds a rehearsal needs, and
 * keeps them until the host stops the lab; concurrent callers share one start.
 * The simulators' code is loaded with the first rehearsal, not with the host:
 * most starts never rehearse, and the lab is the largest part of the bundle.
 */
export function createLabController(options: LabControllerOptions = {}): LabController {
  const proxmox = { latency: { authFailureMs: 500 }, ...(options.proxmoxFaults ? { faults: options.proxmoxFaults } : {}) };
  let labModule: Promise<typeof import('../../lab')> | undefined;
  let lab: Lab | null = null;
  const currentLab = async (): Promise<Lab> => {
    const { createLab } = await (labModule ??= import('../../lab'));
    return (lab ??= createLab({ proxmox, ...(options.smartxFaults ? { smartx: { fisheye: { faults: options.smartxFaults } } } : {}), ...(options.vsphere ? { vsphere: options.vsphere } : {}), ...(options.simulators ? { simulators: options.simulators } : {}) }));
  };
  const info = (running: Lab): LabEndpointInfo[] =>
    running.endpoints().map(({ kind, url, username, password, fingerprint }) => ({ kind, url, username, password, fingerprint }));
  return {
    async ensureStarted(needs) {
      const started = await currentLab();
      const kinds = needs ? needs.map((need) => need.kind) : started.startable();
      const missing = kinds.filter((kind) => !started.kinds.includes(kind));
      if (missing.length > 0) {
        fail('unsupported', text('host.lab.noSimulator', { kinds: text('text.commas', { items: missing }) }), { hint: text('host.lab.noSimulatorHint', { simulated: text('text.commas', { items: started.kinds }) }) });
      }
      const unbuilt = started.unavailable().filter((entry) => kinds.includes(entry.kind));
      if (unbuilt.length > 0) {
        // The lab says why in its own words (how to build the simulator); they stay as it said them.
        fail('unsupported', text('host.lab.cannotRehearse', { kinds: text('text.commas', { items: unbuilt.map((entry) => entry.kind) }) }), { hint: sentences(...unbuilt.map((entry) => entry.reason)) });
      }
      await started.start(kinds);
      for (const need of needs ?? []) await started.running(need.kind)?.prepare(need.preparation);
      return info(started);
    },
    running: () => (lab && lab.endpoints().length > 0 ? info(lab) : null),
    reset: async () => lab?.reset(),
    async stop() {
      const stopping = lab;
      lab = null;
      await stopping?.close();
    },
  };
}
