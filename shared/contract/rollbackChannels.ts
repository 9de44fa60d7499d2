import { z } from 'zod';
import { appErrorSchema } from '../errors';
import { createdResourceSchema, runStates, stepTitleFields } from '../runModel';

/*
 * Rolling back a run: removing what its steps made, after a failure, a cancel
 * or a crash. The preview says what would go (and what stays, and why) before
 * the user confirms; the rollback itself reports progress as run events and
 * replies once every undo has settled.
 */

const runId = z.string().min(1).max(200);

/** One step a rollback undoes (or leaves), with what it made as its artifacts record it. */
export const rollbackItemSchema = z.object({
  stepId: z.string(),
  ...stepTitleFields,
  target: z.string(),
  resources: z.array(createdResourceSchema),
});
export type RollbackItem = z.infer<typeof rollbackItemSchema>;

/** Adopted: its check found the work already there, so it is not this run's to delete. No undo: its kind cannot remove what it made. */
export const keptItemSchema = rollbackItemSchema.extend({ reason: z.enum(['adopted', 'no_undo']) });
export type KeptItem = z.infer<typeof keptItemSchema>;

export const rollbackPreviewSchema = z.object({
  runId: z.string(),
  state: z.enum(runStates),
  /** A succeeded run rolls back only with `force`: its work is what the user asked for. */
  needsForce: z.boolean(),
  undo: z.array(rollbackItemSchema),
  kept: z.array(keptItemSchema),
});
export type RollbackPreview = z.infer<typeof rollbackPreviewSchema>;

export const rollbackOutcomeSchema = z.object({
  runId: z.string(),
  state: z.enum(['rolled_back', 'rollback_failed']),
  removed: z.array(rollbackItemSchema),
  notRemoved: z.array(rollbackItemSchema.extend({ error: appErrorSchema })),
  kept: z.array(keptItemSchema),
});
export type RollbackOutcome = z.infer<typeof rollbackOutcomeSchema>;

const rollbackRequest = z.object({ runId, force: z.boolean().default(false) }).strict();

export const rollbackChannels = {
  /** What a rollback of the run would remove and what it would leave; refused (conflict) where a rollback cannot start. */
  'run:rollbackPreview': { request: rollbackRequest, reply: rollbackPreviewSchema },
  /** Rolls the run back (failed, cancelled, interrupted or an incomplete rollback; succeeded with `force`); replies when every undo has settled. */
  'run:rollback': { request: rollbackRequest, reply: rollbackOutcomeSchema },
} as const;
