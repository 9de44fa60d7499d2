import { Agent, type AgentOptions, type RequestOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { handshake } from './tlsConnect';
import type { TlsTrust } from './tlsTrust';
import type { HostPort } from './types';

/*
 * Why a custom Agent and not `rejectUnauthorized: false` + a hook:
 * `checkServerIdentity` is synchronous (it cannot wait for the user's
 * answer) and a `secureConnect` listener runs in parallel with http, which may
 * already have written the request (headers carrying a ticket or a password)
 * into the socket. Here `createConnection` completes the handshake, verifies
 * the certificate (system trust, pin, expected fingerprint, or the prompt),
 * and only then hands the socket to http: no byte of the request leaves
 * before the peer is trusted. A refused certificate destroys the socket and
 * fails the request with the AppFailure 'tls_untrusted'.
 *
 *   connect ─> TLS handshake ─> verify ──accepted──> hand the socket to http
 *                                  │ refused
 *                                  └──> destroy socket, request fails
 */
export class PinnedAgent extends Agent {
  constructor(
    private readonly tlsTrust: TlsTrust,
    private readonly handshakeTimeoutMs: number,
    options: AgentOptions,
    /** Where the socket is really opened (a tunnel's end); the request's host:port stays the identity that is verified. */
    private readonly dialTo?: HostPort,
  ) {
    // No TLS session cache: a resumed session skips Node's certificate checks.
    super({ ...options, maxCachedSessions: 0 });
  }

  override createConnection(options: RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    this.openVerified(options).then(
      (socket) => callback?.(null, socket),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }

  private async openVerified(options: RequestOptions): Promise<Duplex> {
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const port = Number(options.port ?? 443);
    // Only the transport options: everything else in `options` belongs to the request.
    const connectOptions = {
      host: this.dialTo?.host ?? host,
      port: this.dialTo?.port ?? port,
      identity: { host, port },
      ...(options.servername ? { servername: options.servername } : {}),
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    };
    const first = await handshake(connectOptions, this.handshakeTimeoutMs);
    let prompted: boolean;
    try {
      prompted = await this.tlsTrust.verify({ host, port, cert: first.cert, systemTrusted: first.systemTrusted, systemError: first.systemError });
    } catch (error) {
      first.socket.destroy();
      throw error;
    }
    if (!prompted) return first.socket;
    // The user may have taken minutes to answer and the server dropped the idle
    // connection meanwhile; a fresh one is verified again (the answer is remembered, so no second question).
    first.socket.destroy();
    const second = await handshake(connectOptions, this.handshakeTimeoutMs);
    try {
      await this.tlsTrust.verify({ host, port, cert: second.cert, systemTrusted: second.systemTrusted, systemError: second.systemError });
    } catch (error) {
      second.socket.destroy();
      throw error;
    }
    return second.socket;
  }
}
