import { openstackSimulator } from './openstack/simulator';
import { proxmoxSimulator } from './proxmox/simulator';
import { cloudtowerSimulator, smartxSimulator } from './smartx/simulator';
import type { CloudTowerLabOptions, SmartxLabOptions } from './smartx';
import { sshSimulator } from './ssh/simulator';
import { vsphereSimulator, type VsphereLabOptions } from './vsphere/simulator';
import type { ProxmoxLab, ProxmoxLabOptions } from './proxmox';
import type { LabEndpoint, LabPeers, RunningSimulator, Simulator } from './simulators';

export type { LabEndpoint, LabPeers, RunningSimulator, Simulator } from './simulators';

/** Every simulator of this build, by the endpoint kind it stands in for; a platform's simulator joins with its provider. */
export const builtInSimulators: readonly Simulator[] = [
  proxmoxSimulator as Simulator,
  sshSimulator as Simulator,
  vsphereSimulator as Simulator,
  smartxSimulator as Simulator,
  cloudtowerSimulator as Simulator,
  openstackSimulator as Simulator,
];

export interface StartLabOptions {
  /** Options of the Proxmox VE simulator (3 nodes with OS templates by default). */
  proxmox?: ProxmoxLabOptions;
  /** Where the vCenter simulator's binary is (a packaged app's resourcesPath), and its credentials. */
  vsphere?: VsphereLabOptions;
  /** Options of the SMTX OS simulator (latencies, chunk size, preparation); it links the CloudTower and SSH simulators. */
  smartx?: SmartxLabOptions;
  cloudtower?: CloudTowerLabOptions;
  /** Simulators beyond the built-in ones, already configured (tests of the provider seam). */
  simulators?: readonly Simulator[];
}

/**
 * The simulators, each started on first use. Concurrent starts of one kind
 * share one start; a start that fails is forgotten, so the next call tries
 * again; close() stops every running simulator and the lab may start again.
 */
export interface Lab {
  /** Kinds this lab can simulate. */
  readonly kinds: string[];
  /** Kinds this build cannot start, each with the reason (a simulator binary that is not built). */
  unavailable(): { kind: string; reason: string }[];
  /** `kinds` less the unavailable ones. */
  startable(): string[];
  /** Starts those of `kinds` that are not running; throws for a kind it has no simulator of (see `kinds`) or cannot start (see `unavailable`). */
  start(kinds: readonly string[]): Promise<void>;
  /** The running simulator of `kind`, if any. */
  running(kind: string): RunningSimulator | undefined;
  endpoints(): LabEndpoint[];
  /** Every running simulator back to its state at start, on the same addresses and certificates. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export function createLab(options: StartLabOptions = {}): Lab {
  const simulators = new Map<string, Simulator>();
  for (const simulator of [...builtInSimulators, ...(options.simulators ?? [])]) {
    if (simulators.has(simulator.kind)) throw new Error(`The lab has two ${simulator.kind} simulators.`);
    simulators.set(simulator.kind, simulator);
  }
  const optionsOf: Record<string, unknown> = { proxmox: options.proxmox, vsphere: options.vsphere, smartx: options.smartx, cloudtower: options.cloudtower };
  const unavailable = () =>
    [...simulators.values()].flatMap((simulator) => {
      const reason = simulator.unavailable?.(optionsOf[simulator.kind]);
      return reason ? [{ kind: simulator.kind, reason }] : [];
    });
  const starting = new Map<string, Promise<RunningSimulator>>();
  const started = new Map<string, RunningSimulator>();
  const peers: LabPeers = {
    start: (kind) => {
      const peer = simulators.get(kind);
      if (!peer) return Promise.reject(new Error(`The lab has no ${kind} simulator to link to.`));
      return startOne(peer);
    },
  };
  const startOne = (simulator: Simulator): Promise<RunningSimulator> => {
    let pending = starting.get(simulator.kind);
    if (!pending) {
      pending = simulator.start(optionsOf[simulator.kind], peers).then(
        (running) => (started.set(simulator.kind, running), running),
        (cause: unknown) => {
          starting.delete(simulator.kind);
          throw cause;
        },
      );
      starting.set(simulator.kind, pending);
    }
    return pending;
  };
  return {
    kinds: [...simulators.keys()].sort(),
    unavailable,
    startable() {
      const cannot = new Set(unavailable().map((entry) => entry.kind));
      return [...simulators.keys()].sort().filter((kind) => !cannot.has(kind));
    },
    async start(kinds) {
      const unknown = kinds.filter((kind) => !simulators.has(kind));
      if (unknown.length > 0) throw new Error(`The lab has no simulator for ${unknown.join(', ')}; it simulates ${[...simulators.keys()].sort().join(', ')}.`);
      const cannot = unavailable().filter((entry) => kinds.includes(entry.kind));
      if (cannot.length > 0) throw new Error(cannot.map((entry) => entry.reason).join(' '));
      await Promise.all([...new Set(kinds)].map((kind) => startOne(simulators.get(kind)!)));
    },
    running: (kind) => started.get(kind),
    // In the order the simulators are listed, whichever started first (callers and tests read endpoints[0] as Proxmox's).
    endpoints: () => [...simulators.keys()].flatMap((kind) => started.get(kind)?.endpoint ?? []),
    reset: async () => void (await Promise.all([...started.values()].map((running) => running.reset()))),
    async close() {
      const pending = [...starting.values()];
      starting.clear();
      started.clear();
      await Promise.all(pending.map(async (start) => (await start.catch(() => null))?.close()));
    },
  };
}

export interface LabHandle {
  endpoints: LabEndpoint[];
  /** Simulators this build could not start, with the reason. */
  unavailable: { kind: string; reason: string }[];
  /** The running Proxmox VE simulator, for tests and the UI (fault injection, snapshots). */
  proxmox: ProxmoxLab;
  /** Every simulator back to its state at start, on the same addresses and certificates. */
  reset(): Promise<void>;
  lab: Lab;
  close(): Promise<void>;
}

/**
 * Starts every simulator this build can start on loopback (the others are
 * listed in `unavailable` with the reason). Close it when done; a lab that
 * fails half-way through starting closes what it opened.
 */
export async function startLab(options: StartLabOptions = {}): Promise<LabHandle> {
  const lab = createLab(options);
  try {
    await lab.start(lab.startable());
  } catch (cause) {
    await lab.close();
    throw cause;
  }
  return {
    endpoints: lab.endpoints(),
    unavailable: lab.unavailable(),
    proxmox: lab.running('proxmox')!.handle as ProxmoxLab,
    lab,
    reset: () => lab.reset(),
    close: () => lab.close(),
  };
}
