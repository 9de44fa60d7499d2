import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Server as TlsServer } from 'node:https';
import type { ServiceServer } from './http';

export type LabService = 'identity' | 'compute' | 'network' | 'image';

/** One connection a service accepted, as its server saw it. */
export interface LabConnection {
  service: LabService;
  /** The client's address and port: who opened it (a tunnel's far end is the bastion's sshd). */
  remoteAddress: string;
  remotePort: number;
  /** The SNI name the client sent (HTTPS only), or null. */
  servername: string | null;
  /** Application bytes received: after the TLS handshake over HTTPS (0 = the client sent no request). */
  bytes: number;
}

/**
 * What the services' doors saw, for tests that must tell who connected and
 * what they sent (a tunnel, SNI, nothing before a certificate was trusted),
 * and, over HTTPS, a certificate renewed in place (same ports, new key).
 */
export class ServiceDoors {
  private readonly seen: LabConnection[] = [];
  private readonly listeners = new Set<(connection: Readonly<LabConnection>) => void>();

  constructor(private readonly services: { service: LabService; server: ServiceServer }[]) {
    for (const { service, server } of services) {
      const tls = 'setSecureContext' in server.server;
      // Open TCP connections by client address: the TLS layer's socket finds its entry there.
      const open = new Map<string, LabConnection>();
      server.server.on('connection', (socket: Socket) => {
        const entry = this.accepted(service, socket);
        const key = `${entry.remoteAddress}|${entry.remotePort}`;
        open.set(key, entry);
        socket.once('close', () => open.delete(key));
        if (!tls) socket.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
      });
      if (!tls) continue;
      server.server.on('secureConnection', (socket: TLSSocket) => {
        const entry = open.get(`${socket.remoteAddress ?? ''}|${socket.remotePort ?? 0}`);
        if (!entry) return;
        entry.servername = typeof socket.servername === 'string' && socket.servername ? socket.servername : null;
        socket.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
      });
    }
  }

  connections(): LabConnection[] {
    return this.seen.map((entry) => ({ ...entry }));
  }

  /** Called as each TCP connection is accepted, before any TLS or HTTP: the peer's socket is surely still open. */
  onConnection(listener: (connection: Readonly<LabConnection>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Over HTTPS: every later handshake presents this certificate; connections already open keep theirs. */
  setCertificate(keys: { key: string; cert: string }): void {
    for (const { server } of this.services) {
      if (!('setSecureContext' in server.server)) throw new Error('OpenStack lab: plain HTTP has no certificate to replace (start it with the tls option).');
      (server.server as TlsServer).setSecureContext({ key: keys.key, cert: keys.cert });
    }
  }

  private accepted(service: LabService, socket: Socket): LabConnection {
    const entry: LabConnection = { service, remoteAddress: socket.remoteAddress ?? '', remotePort: socket.remotePort ?? 0, servername: null, bytes: 0 };
    this.seen.push(entry);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }
}
