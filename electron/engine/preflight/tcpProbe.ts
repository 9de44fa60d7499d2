import { connect } from 'node:net';
import { isTargetAllowed } from '../net/networkScope';
import { say, text, type TextRef } from '../../../shared/i18n/engineText';
import type { TcpOutcome } from './types';

const closed = (code: string, words: TextRef): TcpOutcome => ({ state: 'closed', code, message: say('en', words), text: words });

/** `host:port` as people write it, IPv6 in brackets. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Opens a TCP connection and closes it at once; never rejects, reports why it could not connect instead. */
export function probeTcp(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<TcpOutcome> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve(closed('ABORTED', text('preflight.probe.cancelled')));
      return;
    }
    if (!isTargetAllowed(host)) {
      resolve(closed('BLOCKED', text('preflight.probe.blocked')));
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
    const handleAbort = (): void => finish(closed('ABORTED', text('preflight.probe.cancelled')));
    const timer = setTimeout(
      () => finish(closed('ETIMEDOUT', text('preflight.probe.timeout', { ms: timeoutMs }))),
      timeoutMs,
    );
    signal?.addEventListener('abort', handleAbort, { once: true });
    socket.once('connect', () => finish({ state: 'open' }));
    socket.once('error', (error: NodeJS.ErrnoException) => finish(describeSocketError(error)));
  });
}

/** The system's own message only where we have no words of ours for the code. */
function describeSocketError(error: NodeJS.ErrnoException): TcpOutcome {
  const code = error.code ?? 'ERROR';
  switch (code) {
    case 'ECONNREFUSED':
      return closed(code, text('preflight.probe.refused'));
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return closed(code, text('preflight.probe.noResolve'));
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return closed(code, text('preflight.probe.noRoute'));
    case 'ECONNRESET':
      return closed(code, text('preflight.probe.reset'));
    default:
      return { state: 'closed', code, message: error.message };
  }
}

/** A planned address is taken when something there answers: a listener, or a host that refuses the port. */
export function isAnswering(outcome: TcpOutcome): boolean {
  return outcome.state === 'open' || outcome.code === 'ECONNREFUSED' || outcome.code === 'ECONNRESET';
}
