import { z } from 'zod';
import { secretTargetSchema } from '../secrets';
import { planRefSchema } from './wizardChannels';

/*
 * Passwords entered in the UI for cells the workbook leaves empty. A value
 * travels in `secrets:provide` only, in one direction: no reply, event or
 * error carries it back, and the hosts log channel names only.
 */

const done = z.object({}).strict();
/** Length bounds only: a zod message about a value never quotes the value. */
const secretValue = z.string().min(1).max(10_000);

export const secretNeedSchema = z.object({
  target: secretTargetSchema,
  /** `Endpoints!E3`: the cell left empty. */
  cell: z.string().nullable(),
  /** Where the engine finds it now: entered this session, remembered on this computer, or nowhere yet. */
  state: z.enum(['missing', 'entered', 'remembered']),
});
export type SecretNeed = z.infer<typeof secretNeedSchema>;

/** Channels whose payload may hold a secret: a malformed one is described by where and what kind of problem, never by a message quoting it (zod names unknown keys, and a value pasted into the wrong field is a key). */
export const channelsCarryingSecrets: ReadonlySet<string> = new Set(['secrets:provide']);

export const secretChannels = {
  /** The passwords a run of this plan (or this run, to resume it) needs from the user, and whether this host can remember them. */
  'secrets:needed': {
    request: z.union([z.object({ plan: planRefSchema }).strict(), z.object({ runId: z.string().min(1).max(200) }).strict()]),
    reply: z.object({ persistent: z.boolean(), needs: z.array(secretNeedSchema) }),
  },
  /** Kept in memory for this session; with `remember`, also stored encrypted (refused where storage is not persistent). */
  'secrets:provide': {
    request: z.object({ target: secretTargetSchema, value: secretValue, remember: z.boolean().default(false) }).strict(),
    reply: done,
  },
  'secrets:remembered': {
    request: z.object({}).strict(),
    reply: z.object({ persistent: z.boolean(), targets: z.array(secretTargetSchema) }),
  },
  /** Forgets a password entered or remembered for the target. */
  'secrets:forget': { request: z.object({ target: secretTargetSchema }).strict(), reply: done },
} as const;
