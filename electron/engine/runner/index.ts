export { Runner, type RunnerOptions } from './runner';
export type { InitialStepState } from './stepRecord';
export type { KindTable } from './graph';
export type { Sleep } from './backoff';
export { backoffDelay } from './backoff';
export type * from './types';
export { SlotRegistry, type SlotLimits } from './slotLimits';
export { Rollback, type RollbackHooks, type RollbackOptions, type RollbackResult } from './rollback';
export { selectUndos, type RollbackStepView, type RollbackSelection, type KeptReason } from './rollbackPlan';
