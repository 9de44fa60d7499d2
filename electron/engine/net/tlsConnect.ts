import { checkServerIdentity, connect, rootCertificates, type ConnectionOptions, type PeerCertificate, type TLSSocket } from 'node:tls';
import { assertTargetAllowed } from './networkScope';
import { isIP } from 'node:net';
import { AppFailure, appError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';
import type { HostPort } from './types';

export interface TlsHandshake {
  socket: TLSSocket;
  cert: PeerCertificate;
  /** Chain valid against the trusted CAs and the certificate names the host. */
  systemTrusted: boolean;
  systemError: string | null;
}

/** System roots plus the extra CAs; Node's `ca` option replaces the roots, so they are listed explicitly. */
export function caBundle(extra: string[] | undefined): string[] | undefined {
  return extra && extra.length > 0 ? [...rootCertificates, ...extra] : undefined;
}

/**
 * Opens a TLS connection WITHOUT letting OpenSSL refuse it, and reports what
 * was presented and whether the system would have trusted it. Callers must
 * decide on the certificate before writing a byte (see pinnedAgent.ts).
 * `rejectUnauthorized: false` is local to this socket; nothing global changes.
 */
export function handshake(
  dialled: ConnectionOptions & { host: string; port: number; identity?: HostPort },
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TlsHandshake> {
  // Dialled through a tunnel, the certificate must still name the service: SNI, the identity check and errors use it.
  const { identity = { host: dialled.host, port: dialled.port }, ...options } = dialled;
  const where = `${identity.host}:${identity.port}`;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AppFailure(appError('cancelled', text('net.tls.connectCancelled', { where }))));
      return;
    }
    try {
      assertTargetAllowed(options.host, options.port);
      // The far end too when dialled through a tunnel (networkScope.ts says why).
      assertTargetAllowed(identity.host, identity.port);
    } catch (blocked) {
      reject(blocked);
      return;
    }
    const servername = options.servername ?? (isIP(identity.host) ? undefined : identity.host);
    const socket = connect({
      ...options,
      ...(servername ? { servername } : {}),
      rejectUnauthorized: false,
      // Node still runs the identity check and records the result in `authorized`; make sure it is the real one, for the service's name.
      checkServerIdentity: (_dialledHost, cert) => checkServerIdentity(identity.host, cert),
      // Resumed sessions skip certificate checks in Node; every connection is verified afresh.
      session: undefined,
    });
    const settle = (error: Error | null): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', handleAbort);
      socket.removeListener('error', handleError);
      if (error) {
        socket.destroy();
        reject(error);
        return;
      }
      const cert = socket.getPeerCertificate(false);
      if (!cert || !cert.raw || cert.raw.length === 0) {
        socket.destroy();
        reject(new AppFailure(appError('tls_untrusted', text('net.tls.noCertificate', { where }), { retryable: false })));
        return;
      }
      // An error while the caller decides (a trust prompt) must not crash the process; whoever
      // uses the socket next sees it closed. http adds its own listener once it owns the socket.
      socket.on('error', ignoreLateError);
      const authError = socket.authorized ? null : String(socket.authorizationError ?? 'unknown');
      resolve({ socket, cert, systemTrusted: socket.authorized, systemError: authError });
    };
    const handleError = (error: Error): void => settle(error);
    const handleAbort = (): void =>
      settle(new AppFailure(appError('cancelled', text('net.tls.connectCancelled', { where }))));
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`connect ETIMEDOUT ${where}`), { code: 'ETIMEDOUT' });
      settle(error);
    }, timeoutMs);
    socket.once('secureConnect', () => settle(null));
    socket.on('error', handleError);
    signal?.addEventListener('abort', handleAbort, { once: true });
  });
}

function ignoreLateError(): void {}
