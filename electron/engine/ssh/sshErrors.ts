import { AppFailure, appError } from '../../../shared/errors';
import { LoginRefused } from '../net/endpointSessions';

/** `user@host:port (name)`: how every message names a hop. */
export function hopLabel(hop: { name: string; host: string; port: number; username?: string }): string {
  const user = hop.username ? `${hop.username}@` : '';
  const address = `${user}${hop.host}:${hop.port}`;
  return hop.name && hop.name !== hop.host ? `${address} (${hop.name})` : address;
}

export function connectRefused(where: string, via: string | null, reason: string): AppFailure {
  const path = via ? ` through ${via}` : '';
  return new AppFailure(
    appError('network', `SSH to ${where}${path} was refused: ${reason}.`, { hint: 'Check the address and port, and that sshd runs and a firewall lets the connection through.' }),
  );
}

export function connectTimedOut(where: string, phase: 'connect' | 'handshake', ms: number): AppFailure {
  const what = phase === 'connect' ? 'did not accept a TCP connection' : 'did not complete the SSH handshake and login';
  return new AppFailure(appError('timeout', `SSH to ${where} timed out: the host ${what} within ${Math.round(ms / 1000)} s.`, { hint: 'Check that the host is up and reachable from this laptop (or from the jump host before it).' }));
}

export function authFailed(where: string, tried: string[], offered: string[] | null): LoginRefused {
  const offers = offered && offered.length > 0 ? offered.join(', ') : 'none it told us';
  const attempts = tried.length > 0 ? tried.join(', ') : 'nothing (no password, key or agent given)';
  return new LoginRefused(
    appError('auth', `SSH login to ${where} failed: the server refused ${attempts}. It offers: ${offers}.`, {
      hint: 'Check the user and the password or key for this host; it is not tried again in this run so the account is not locked.',
    }),
  );
}

export function keyUnreadable(where: string, reason: string): LoginRefused {
  return new LoginRefused(
    appError('auth', `The private key for ${where} could not be read: ${reason}.`, { hint: 'Check the key file and its passphrase (OpenSSH or PEM; ed25519, ecdsa, rsa).' }),
  );
}

export function protocolFailure(where: string, message: string): AppFailure {
  return new AppFailure(appError('network', `The SSH connection to ${where} failed: ${message}.`));
}
