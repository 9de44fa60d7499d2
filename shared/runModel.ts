import { textRefSchema } from './i18n/textRef';
import { z } from 'zod';
import { appErrorSchema } from './errors';

/*
 * Run states (a run is one execution of a deployment graph):
 *
 *   pending ──> running ──┬──> succeeded ─────────────(roll back, forced)──┐
 *                 ^  │    ├──> failed ──(retry a step)──> running          │
 *                 │  v    └──> cancelled                                   v
 *               paused         failed | cancelled | interrupted ──(roll back)──> rolling_back
 *   (any non-final state) ──(the app died)──> interrupted ──(resume)──> running
 *
 *   rolling_back ──┬──> rolled_back      (every undo removed its step's work)
 *                  ├──> rollback_failed  (some could not: rolling back again retries those)
 *                  └──(the app died)──> interrupted ──(roll back)──> rolling_back
 *
 * A rollback undoes the steps that made something, newest dependants first; it
 * never resumes the deployment, so an interrupted rollback is finished by rolling
 * back again (steps already undone are not asked twice).
 */
export const runStates = ['pending', 'running', 'paused', 'succeeded', 'failed', 'cancelled', 'interrupted', 'rolling_back', 'rolled_back', 'rollback_failed'] as const;
export type RunState = (typeof runStates)[number];
export const activeRunStates: ReadonlySet<RunState> = new Set(['pending', 'running', 'paused']);
export const finalRunStates: ReadonlySet<RunState> = new Set(['succeeded', 'failed', 'cancelled', 'rolled_back', 'rollback_failed']);
/** Where a rollback may start; a succeeded run only when the caller insists (`force`): it is the work the user asked for. */
export const rollbackFromStates: ReadonlySet<RunState> = new Set(['failed', 'cancelled', 'interrupted', 'rollback_failed']);

/*
 * Step states:
 *
 *   pending ──> ready ──> running ──┬──> succeeded (its run() did the work)
 *      │                    ^   │   ├──> adopted (its check() found the work already done: nothing was made)
 *      │                    │   v   ├──> failed ──(retry)──> pending
 *      │                  retrying  └──> cancelled
 *      └──(the user skips it, or a failed step)──> skipped
 */
/**
 * Steps in flight when nobody says otherwise. What loads a platform is bounded
 * by each provider's own slots (Proxmox: tasks per node, clones per node and
 * storage), so this bounds what a run waits on, not what it asks of a cluster.
 */
export const defaultStepConcurrency = 8;

export const stepStates = ['pending', 'ready', 'running', 'retrying', 'succeeded', 'adopted', 'failed', 'skipped', 'cancelled'] as const;
export type StepState = (typeof stepStates)[number];
export const doneStepStates: ReadonlySet<StepState> = new Set(['succeeded', 'adopted', 'skipped']);

/** Environments of lab rehearsals (`lab:<endpoints>`); they all share the one lab of the host. */
export const labEnvironmentPrefix = 'lab:';
export const isLabEnvironment = (environment: string): boolean => environment.startsWith(labEnvironmentPrefix);
export const finalStepStates: ReadonlySet<StepState> = new Set(['succeeded', 'adopted', 'failed', 'skipped', 'cancelled']);

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

export const progressSchema = z.object({
  fraction: z.number().min(0).max(1).optional(),
  bytesDone: z.number().nonnegative().optional(),
  bytesTotal: z.number().nonnegative().optional(),
  bytesPerSecond: z.number().nonnegative().optional(),
  /** What a multi-part step is doing now, as a raw id the renderer names (`phase.clone`, ...), and where that is among its parts. */
  phase: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/).optional(),
  phaseIndex: z.number().int().nonnegative().optional(),
  phaseCount: z.number().int().positive().optional(),
});
export type Progress = z.infer<typeof progressSchema>;

export const logLineSchema = z.object({
  seq: z.number().int(),
  stepId: z.string().nullable(),
  level: z.enum(logLevels),
  at: z.number(),
  text: z.string(),
  /** Rackpilot's own words as catalogue text; absent for what platforms and scripts said (`text` as it was). */
  textRef: textRefSchema.optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;

/** A step title as a key of `shared/i18n/engineText` and its parameters; `title` keeps the English for older readers. */
export const stepTitleFields = {
  title: z.string(),
  titleKey: z.string().optional(),
  titleParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
};

/*
 * What a rollback did to one step (null/absent: the rollback has not touched it):
 *
 *   queued ──> undoing ──┬──> undone   (its work is gone, or was already)
 *                 ^      └──> failed ──(roll back again)──> queued
 *                 └──(the app died while undoing: undone again, undo is idempotent)
 */
export const undoStates = ['queued', 'undoing', 'undone', 'failed'] as const;
export type UndoState = (typeof undoStates)[number];
export const stepUndoSchema = z.object({
  state: z.enum(undoStates),
  attempt: z.number().int().nonnegative(),
  error: appErrorSchema.nullable(),
});
export type StepUndo = z.infer<typeof stepUndoSchema>;

export const stepSnapshotSchema = z.object({
  id: z.string(),
  kind: z.string(),
  ...stepTitleFields,
  target: z.string(),
  deps: z.array(z.string()),
  state: z.enum(stepStates),
  attempt: z.number().int().nonnegative(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  progress: progressSchema.nullable(),
  error: appErrorSchema.nullable(),
  /** Only once a rollback has taken the step in. */
  undo: stepUndoSchema.optional(),
});
export type StepSnapshot = z.infer<typeof stepSnapshotSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  planName: z.string(),
  environment: z.string(),
  /** A lab rehearsal: readers mark its name (see `runName` in shared/i18n/engineText). */
  rehearsal: z.boolean(),
  state: z.enum(runStates),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  stepCounts: z.record(z.enum(stepStates), z.number().int()),
  /** Some step has an undo record: a rollback had begun (an interrupted one is finished by rolling back, never resumed). Only set when true. */
  rollbackStarted: z.boolean().optional(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

/** One bar of a platform's use during a run: raw numbers; `quota` -1 = unlimited, `total` null = not visible to the account. */
export const usageMeterSchema = z.object({
  id: z.enum(['instances', 'vcpus', 'ramMiB']),
  used: z.number(),
  quota: z.number(),
  total: z.number().nullable(),
});
export type UsageMeterReading = z.infer<typeof usageMeterSchema>;

export const runSnapshotSchema = runSummarySchema.extend({
  /** The last event sequence number contained in this snapshot. */
  seq: z.number().int(),
  steps: z.array(stepSnapshotSchema),
  /** The latest `run.usage` per endpoint; absent until one arrives (most platforms never send one). */
  usage: z.record(z.string(), z.array(usageMeterSchema)).optional(),
});
export type RunSnapshot = z.infer<typeof runSnapshotSchema>;

const eventBase = { runId: z.string(), seq: z.number().int(), at: z.number() };

export const engineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run.state'), ...eventBase, state: z.enum(runStates), error: appErrorSchema.nullable() }),
  z.object({
    type: z.literal('step.state'),
    ...eventBase,
    stepId: z.string(),
    state: z.enum(stepStates),
    attempt: z.number().int(),
    error: appErrorSchema.nullable(),
  }),
  z.object({ type: z.literal('step.progress'), ...eventBase, stepId: z.string(), progress: progressSchema }),
  /** A rollback's progress on one step; its undo's progress and lines use `step.progress` and `log`. */
  z.object({ type: z.literal('step.undo'), ...eventBase, stepId: z.string(), undo: stepUndoSchema }),
  /** `seq` is that of the last line; every line carries its own. */
  z.object({ type: z.literal('log'), ...eventBase, lines: z.array(logLineSchema) }),
  /** A platform's quota use read while the run goes on, one endpoint per event. */
  z.object({ type: z.literal('run.usage'), ...eventBase, endpoint: z.string(), meters: z.array(usageMeterSchema) }),
]);
export type EngineEvent = z.infer<typeof engineEventSchema>;

/** What a step can make on a platform: VMs and images everywhere, the network objects and access items OpenStack's steps make too. */
export const createdResourceKinds = ['vm', 'image', 'network', 'subnet', 'router', 'port', 'security_group', 'key_pair', 'flavor'] as const;
export type CreatedResourceKind = (typeof createdResourceKinds)[number];

/**
 * Something a run's steps made on a platform (a VM, an uploaded image, a
 * network) that stays there when the run is cancelled: nothing is removed
 * automatically.
 */
export const createdResourceSchema = z.object({
  stepId: z.string(),
  endpoint: z.string(),
  kind: z.enum(createdResourceKinds),
  /** The platform's own id: a VMID, a volume id. */
  id: z.string(),
  name: z.string(),
  node: z.string().nullable(),
});
export type CreatedResource = z.infer<typeof createdResourceSchema>;
