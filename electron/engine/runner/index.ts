export { Runner, type RunnerOptions } from './runner';
export type { InitialStepState } from './stepRecord';
export type { KindTable } from './graph';
export type { Sleep } from './backoff';
export { backoffDelay } from './backoff';
export type * from './types';
export { SlotRegistry, type SlotLimits } from './slotLimits';
