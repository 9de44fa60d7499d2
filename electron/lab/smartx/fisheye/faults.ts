import { z } from 'zod';

const count = z.number().int().min(1).max(10_000).default(1);
const message = z.string().min(1).max(500).optional();

/** What can go wrong on purpose on the SMTX OS side. Counted faults wear off after `count` uses. */
export const fisheyeFaultSchema = z.discriminatedUnion('kind', [
  /** A chunk upload answers 500 EUPLOAD_CHUNK: `count` times, or on every try with `always`; `chunkNum` omitted means any chunk. */
  z.object({ kind: z.literal('chunkFails'), chunkNum: z.number().int().min(0).optional(), count, always: z.boolean().default(false) }).strict(),
  /** The next `count` jobs of `operation` end `failed` with `message`. */
  z.object({ kind: z.literal('jobFails'), operation: z.enum(['vm.create', 'vm.update', 'vm.start', 'vm.stop', 'vm.delete']), count, message }).strict(),
  /** The guest agent of `vmName` (of every VM when omitted) never reports Running. */
  z.object({ kind: z.literal('guestAgentNeverRunning'), vmName: z.string().min(1).max(128).optional() }).strict(),
  /** Every session token dies after `afterRequests` authenticated requests (then 401). */
  z.object({ kind: z.literal('tokenExpires'), afterRequests: z.number().int().min(1).max(1_000_000) }).strict(),
  /** The CloudTower installer on the VM ends with its error line instead of success. */
  z.object({ kind: z.literal('installFails'), message }).strict(),
  /** Every API call waits `delayMs` first. */
  z.object({ kind: z.literal('slow'), delayMs: z.number().int().min(0).max(600_000) }).strict(),
]);

export type FisheyeFault = z.output<typeof fisheyeFaultSchema>;
