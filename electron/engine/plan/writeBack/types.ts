import { z } from 'zod';
import { cellRefSchema } from '../../../../shared/errors';
import { runStates, stepStates } from '../../../../shared/runModel';

/*
 * What a finished (or stopped) run hands to the write-back: one item per VM,
 * image and any other step worth reporting. Results carry no secrets by
 * construction: IDs, addresses, times, states and already-redacted errors.
 * Times are epoch milliseconds like the rest of the run model.
 */

export const resultItemKinds = ['vm', 'image', 'step'] as const;
export type ResultItemKind = (typeof resultItemKinds)[number];

export const resultItemSchema = z.object({
  kind: z.enum(resultItemKinds),
  /** The VM or image name from the plan, or the step's title. */
  name: z.string().max(1000),
  /** Where it went: endpoint, node, storage (`pve-lab/pve1`). */
  target: z.string().max(1000),
  status: z.enum(stepStates),
  /** What the run created, by name: `vmid`, `uuid`, `node`, `volid`, ... */
  createdIds: z.record(z.string().max(100), z.string().max(1000)),
  ips: z.array(z.string().max(100)).max(64),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  durationMs: z.number().nonnegative().nullable(),
  /** A one-line, redacted error for failed items. */
  error: z.string().max(10_000).nullable(),
  /** The plan row this item came from, linked from the Results sheet. */
  source: cellRefSchema.optional(),
});
export type ResultItem = z.infer<typeof resultItemSchema>;

export const runResultsSchema = z.object({
  runId: z.string().min(1).max(200),
  planName: z.string().max(1000),
  /** A lab rehearsal: its name is marked so, in the workbook's language. */
  rehearsal: z.boolean().optional(),
  state: z.enum(runStates),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  items: z.array(resultItemSchema).max(100_000),
});
export type RunResults = z.infer<typeof runResultsSchema>;
