import type { EngineEvent, RunState } from '../../../shared/runModel';
import type { RunUpdate, StepUpdate } from './types';

/** `Omit` that keeps a union a union: each event variant loses its own keys. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The events a commit may carry; log lines travel through `appendLogLines`. */
export type StateEvent = Exclude<EngineEvent, { type: 'log' }>;

/**
 * An event before the store gives it its sequence number. `runId` may be
 * left out (the commit's run is used); when present it must be that run.
 */
export type EventDraft = DistributiveOmit<StateEvent, 'seq' | 'runId'> & { runId?: string };

export interface RunChange {
  run?: RunUpdate;
  steps?: Record<string, StepUpdate>;
  events: EventDraft[];
}

export interface ListRunsQuery {
  limit: number;
  /** Only runs in these states; all runs when left out. */
  states?: readonly RunState[];
}

export interface ArtifactEntry {
  stepId: string;
  key: string;
  value: unknown;
}

export interface NewReservation {
  environment: string;
  /** What kind of value is held, e.g. `vmid` or `ip`. */
  resourceKind: string;
  value: string;
  runId: string | null;
  stepId: string | null;
}

export interface Reservation extends NewReservation {
  createdAt: number;
}
