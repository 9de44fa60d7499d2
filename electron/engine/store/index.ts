export { openStore } from './openStore';
export { RunStore } from './runStore';
export { isUploadKind, type PastStepDurations } from './stepDurations';
export type { ArtifactEntry, EventDraft, ListRunsQuery, NewReservation, Reservation, RunChange, StateEvent } from './records';
export type * from './types';
