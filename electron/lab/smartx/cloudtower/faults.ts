import { z } from 'zod';

/** What can go wrong on purpose on the CloudTower side. Counted faults wear off after `count` uses. */
export const towerFaultSchema = z.discriminatedUnion('kind', [
  /** Every login token dies after `afterRequests` authorized requests (then 401). */
  z.object({ kind: z.literal('tokenExpires'), afterRequests: z.number().int().min(1).max(1_000_000) }).strict(),
  /** The next `count` tasks of `operation` end FAILED with `message`. */
  z
    .object({
      kind: z.literal('taskFails'),
      operation: z.enum(['connect-cluster', 'create-organization', 'create-datacenter']),
      count: z.number().int().min(1).max(10_000).default(1),
      message: z.string().min(1).max(500).optional(),
    })
    .strict(),
]);

export type TowerFault = z.output<typeof towerFaultSchema>;
