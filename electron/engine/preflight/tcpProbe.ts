import { connect } from 'node:net';
import { isTargetAllowed } from '../net/networkScope';
import type { TcpOutcome } from './types';

/** `host:port` as people write it, IPv6 in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Opens a TCP connection and closes it at once; never rejects, reports why it could not connect instead. */
export function probeTcp(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<TcpOutcome> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ state: 'closed', code: 'ABORTED', message: 'The check was cancelled.' });
      return;
    }
    if (!isTargetAllowed(host)) {
      resolve({ state: 'closed', code: 'BLOCKED', message: 'Not probed: this process may only reach loopback addresses (RACKPILOT_NETWORK_SCOPE).' });
      return;
    }
    const socket = connect({ host, port });
    const finish = (outcome: TcpOutcome): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', handleAbort);
      socket.removeAllListeners();
      // Swallow late errors of a socket we are done with.
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(outcome);
    };
    const handleAbort = (): void => finish({ state: 'closed', code: 'ABORTED', message: 'The check was cancelled.' });
    const timer = setTimeout(
      () => finish({ state: 'closed', code: 'ETIMEDOUT', message: `No answer within ${timeoutMs} ms.` }),
      timeoutMs,
    );
    signal?.addEventListener('abort', handleAbort, { once: true });
    socket.once('connect', () => finish({ state: 'open' }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ state: 'closed', code: error.code ?? 'ERROR', message: describeSocketError(error) }));
  });
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'The connection was refused (nothing listens on that port).';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The host name does not resolve.';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'There is no route to the host.';
    case 'ECONNRESET':
      return 'The connection was reset.';
    default:
      return error.message;
  }
}

/** A planned address is taken when something there answers: a listener, or a host that refuses the port. */
export function isAnswering(outcome: TcpOutcome): boolean {
  return outcome.state === 'open' || outcome.code === 'ECONNREFUSED' || outcome.code === 'ECONNRESET';
}
