import type { ContractHandlers } from '../../../shared/contract/api';
import type { EngineEvent } from '../../../shared/runModel';

/** Secrets kept between sessions; the Electron shell backs it with safeStorage, the CLI with nothing. */
export interface SecretStorage {
  isAvailable(): boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface EngineOptions {
  dataDir: string;
  host: 'electron' | 'web' | 'cli';
  version: string;
  secretStorage?: SecretStorage;
}

/** The engine as the hosts see it: contract handlers, a push-event feed, and an orderly shutdown. */
export interface EngineService {
  handlers: ContractHandlers;
  /** Events arrive in batches (progress coalesced to ~10/s, log lines in chunks). */
  onEvents(listener: (events: EngineEvent[]) => void): () => void;
  /** True while a run is executing steps. */
  hasActiveWork(): boolean;
  /** Stops accepting work, interrupts active runs (they resume next start), flushes logs and closes the store. */
  close(): Promise<void>;
}
