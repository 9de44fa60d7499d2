import { z } from 'zod';

/*
 * Passwords a workbook leaves empty on purpose, entered in Rackpilot instead.
 * A target says whose password it is; the same endpoint name with another
 * address or user is another target, so a remembered password is never sent
 * to a host it was not typed for. Jump hosts and VM guests (the login their
 * scripts run with) use the same channel (SSH).
 */
export const secretScopes = ['endpoint', 'jumpHost', 'vm'] as const;
export type SecretScope = (typeof secretScopes)[number];

export const secretTargetSchema = z
  .object({
    scope: z.enum(secretScopes),
    name: z.string().min(1).max(200),
    address: z.string().max(253),
    user: z.string().max(200),
  })
  .strict();
export type SecretTarget = z.infer<typeof secretTargetSchema>;

/** The storage key of a target's password: names only, never the secret; readable back by `targetOfSecretKey`. */
export function secretKeyOf(target: SecretTarget): string {
  return ['password', target.scope, target.name, target.user, target.address].map(encodeURIComponent).join(':');
}

export function targetOfSecretKey(key: string): SecretTarget | null {
  const parts = key.split(':').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return null;
    }
  });
  if (parts.length !== 5 || parts[0] !== 'password') return null;
  const parsed = secretTargetSchema.safeParse({ scope: parts[1], name: parts[2], user: parts[3], address: parts[4] });
  return parsed.success ? parsed.data : null;
}

/**
 * Secrets kept between sessions, as the shell provides them to the engine.
 * The desktop backs it with Electron's safeStorage (`persistent` when an OS
 * keychain protects the key); the web host and CLI with memory only.
 */
export interface SecretStorage {
  /** False: `set` keeps a secret only until the process ends (no OS keyring here). */
  readonly persistent: boolean;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}
