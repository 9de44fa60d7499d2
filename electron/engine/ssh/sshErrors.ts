import { AppFailure, appError } from '../../../shared/errors';
import { text, type TextParam, type TextRef } from '../../../shared/i18n/engineText';
import { LoginRefused } from '../net/endpointSessions';

/** `user@host:port (name)`: how every message names a hop. */
export function hopLabel(hop: { name: string; host: string; port: number; username?: string }): string {
  const user = hop.username ? `${hop.username}@` : '';
  const address = `${user}${hop.host}:${hop.port}`;
  return hop.name && hop.name !== hop.host ? `${address} (${hop.name})` : address;
}

/** `reason`: our words (a TextRef) or what the socket or the bastion said, kept as it said it. */
export function connectRefused(where: string, via: string | null, reason: TextParam): AppFailure {
  const title = via ? text('ssh.connect.refusedVia', { where, via, reason }) : text('ssh.connect.refused', { where, reason });
  return new AppFailure(appError('network', title, { hint: text('ssh.hint.refused') }));
}

export function connectTimedOut(where: string, phase: 'connect' | 'handshake', ms: number): AppFailure {
  const seconds = Math.round(ms / 1000);
  const title = text(phase === 'connect' ? 'ssh.connect.timeoutTcp' : 'ssh.connect.timeoutHandshake', { where, seconds });
  return new AppFailure(appError('timeout', title, { hint: text('ssh.hint.timeout') }));
}

/** `tried` and `offered` are SSH method names (password, publickey, ...): protocol words, not translated. */
export function authFailed(where: string, tried: string[], offered: string[] | null): LoginRefused {
  const offers = offered && offered.length > 0 ? offered.join(', ') : text('ssh.auth.offersNone');
  const attempts = tried.length > 0 ? tried.join(', ') : text('ssh.auth.triedNothing');
  return new LoginRefused(appError('auth', text('ssh.auth.failed', { where, what: attempts, offers }), { hint: text('ssh.hint.authFailed') }));
}

const keyProblems = { wrongPassphrase: 'ssh.key.wrongPassphrase', noPassphrase: 'ssh.key.noPassphrase', unsupported: 'ssh.key.unsupported' } as const;
export type KeyProblem = keyof typeof keyProblems;

export function keyUnreadable(where: string, problem: KeyProblem): LoginRefused {
  return new LoginRefused(appError('auth', text('ssh.key.unreadable', { where, reason: text(keyProblems[problem]) }), { hint: text('ssh.hint.key') }));
}

/** `message`: what ssh2 or the server said, or our words as a TextRef. */
export function protocolFailure(where: string, message: TextParam): AppFailure {
  return new AppFailure(appError('network', text('ssh.protocol.failed', { where, message })));
}

/** A cancelled SSH operation, named in the reader's words. */
export function sshCancelled(what: TextRef): AppFailure {
  return new AppFailure(appError('cancelled', what));
}
