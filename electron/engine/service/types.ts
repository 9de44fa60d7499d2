import type { ContractHandlers } from '../../../shared/contract/api';
import type { PayloadOf, PushEventName } from '../../../shared/contract/channels';
import type { EngineEvent } from '../../../shared/runModel';
import type { SecretStorage } from '../../../shared/secrets';
import type { Provider } from '../providers/types';

export type { SecretStorage } from '../../../shared/secrets';

/** A simulated platform the lab serves on loopback, with the throwaway credentials of this start. */
export interface LabEndpointInfo {
  kind: string;
  url: string;
  username: string;
  password: string;
  fingerprint: string;
}

/** What a rehearsal needs from one simulator: its kind, and the data its provider says the plan expects to find there. */
export interface LabNeed {
  kind: string;
  /** Plain data the simulator of `kind` parses (Proxmox: templates, storages, bridges). */
  preparation: object;
}

/**
 * The built-in simulators, owned by the host (the engine never imports the
 * lab: a simulator written from the engine would agree with it by construction).
 */
export interface LabController {
  /**
   * Starts the simulators of the kinds asked for that are not running yet
   * (every simulator the lab has when nothing is asked), prepares each for the
   * plan, and returns the endpoints of every running simulator. A kind the lab
   * has no simulator for is an `unsupported` error naming it.
   */
  ensureStarted(needs?: readonly LabNeed[]): Promise<LabEndpointInfo[]>;
  running(): LabEndpointInfo[] | null;
  /**
   * Returns a running lab to its state at start (nothing a rehearsal made is
   * left); its URLs, credentials and certificates stay. Nothing to do when it
   * is not running. The caller makes sure no run is using it.
   */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

/** Native dialogs, which only the desktop shell has; without them the dialog channels answer `unsupported`. */
export interface ShellDialogs {
  openWorkbook(): Promise<string | null>;
  saveFile(suggestedName: string, kind: 'xlsx' | 'html' | 'tar.gz'): Promise<string | null>;
}

/** The desktop's way to hand a file to the user; without it the file channels other than `file:read` answer `unsupported`. */
export interface ShellFiles {
  open(path: string): Promise<void>;
  showInFolder(path: string): void;
}

/** Push events other than run events ('plan:changed', ...), as the hosts forward them. */
export type PushListener = (event: Exclude<PushEventName, 'run:events' | 'app:connection'>, payload: PayloadOf<Exclude<PushEventName, 'run:events' | 'app:connection'>>) => void;

export interface EngineOptions {
  dataDir: string;
  host: 'electron' | 'web' | 'cli';
  version: string;
  /** Where remembered passwords live; without one, passwords entered in the UI last until the engine closes. */
  secretStorage?: SecretStorage;
  lab?: LabController;
  dialogs?: ShellDialogs;
  files?: ShellFiles;
  /** Where the bundled sample plans are (`sample-plan.<lang>.xlsx`). */
  samplePlanDir?: string;
  /** Providers beyond the built-in ones (`providers/registry.ts`), for tests of the seam. */
  providers?: readonly Provider[];
  /** How often a run reads its platforms' quota use (default `usageIntervalMs`, 5 s); tests shorten it. */
  usageIntervalMs?: number;
}

/** The engine as the hosts see it: contract handlers, a push-event feed, and an orderly shutdown. */
export interface EngineService {
  handlers: ContractHandlers;
  /** Events arrive in batches (progress coalesced to ~10/s, log lines in chunks). */
  onEvents(listener: (events: EngineEvent[]) => void): () => void;
  /** Every other push event; hosts forward them to the window or socket like run events. */
  onPush(listener: PushListener): () => void;
  /** True while a run is executing steps. */
  hasActiveWork(): boolean;
  /** Stops accepting work, interrupts active runs (they resume next start), flushes logs and closes the store. */
  close(): Promise<void>;
}
