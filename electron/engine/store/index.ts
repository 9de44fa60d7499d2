export { openStore } from './openStore';
export { RunStore } from './runStore';
export type { ArtifactEntry, EventDraft, ListRunsQuery, NewReservation, Reservation, RunChange, StateEvent } from './records';
export type * from './types';
