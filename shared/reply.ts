import { z } from 'zod';
import { appErrorSchema, type AppError } from './errors';

/** Every request across a boundary answers with this shape; nothing is thrown. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const failed = (error: AppError): Reply<never> => ({ ok: false, error });

export function replySchema<S extends z.ZodType>(value: S) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}
