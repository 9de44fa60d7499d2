import type { AuthContext } from 'ssh2';
import type { GuestUser } from './preparation';

export const allowedMethods = ['publickey', 'password'] as const;
/** OpenSSH's MaxAuthTries default. */
export const maxAuthTries = 6;

/** `keyAcceptable`: the answer to a key query (no signature yet); only `ok` logs in. */
export type AuthVerdict = { ok: true; account: GuestUser; host: string } | { ok: false; reason: string } | { ok: 'keyAcceptable' };

export interface AuthDirectory {
  account(name: string): GuestUser | undefined;
  /** A prepared host's name for a name or address, or null. */
  lookupHost(nameOrAddress: string): string | null;
  defaultHost: string;
}

/**
 * Who a login is and which host it lands on: `USER` (the connection's
 * tunnel host, or the lab's own) or `USER@HOST` for a prepared HOST.
 */
function target(username: string, tunnelHost: string | null, directory: AuthDirectory): { account: GuestUser; host: string } | string {
  const at = username.indexOf('@');
  const name = at < 0 ? username : username.slice(0, at);
  const account = directory.account(name);
  if (!account) return `no user ${JSON.stringify(name)}`;
  if (at < 0) return { account, host: tunnelHost ?? directory.defaultHost };
  const host = directory.lookupHost(username.slice(at + 1));
  if (!host) return `no prepared host ${JSON.stringify(username.slice(at + 1))}`;
  if (tunnelHost && host !== tunnelHost) return `the tunnel leads to ${tunnelHost}, not ${host}`;
  return { account, host };
}

/** Decides one authentication request; the caller accepts or rejects. */
export function judge(ctx: AuthContext, tunnelHost: string | null, directory: AuthDirectory): AuthVerdict {
  if (ctx.method !== 'password' && ctx.method !== 'publickey') return { ok: false, reason: `method ${ctx.method} not offered` };
  const found = target(ctx.username, tunnelHost, directory);
  if (typeof found === 'string') return { ok: false, reason: found };
  if (ctx.method === 'password') {
    return found.account.password !== undefined && ctx.password === found.account.password ? { ok: true, ...found } : { ok: false, reason: 'wrong password' };
  }
  const key = found.account.publicKeys.find((candidate) => candidate.getPublicSSH().equals(ctx.key.data));
  if (!key) return { ok: false, reason: 'key not authorized' };
  if (!ctx.signature || !ctx.blob) return { ok: 'keyAcceptable' };
  return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true ? { ok: true, ...found } : { ok: false, reason: 'bad signature' };
}
