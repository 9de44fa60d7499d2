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

  constructor(private readonly services: { service: LabService; server: ServiceServer }[]) {
    for (const { service, server } of services) {
      const tls = 'setSecureContext' in server.server;
      server.server.on(tls ? 'secureConnection' : 'connection', (socket: Socket | TLSSocket) => this.watch(service, socket));
    }
  }

  connections(): LabConnection[] {
    return this.seen.map((entry) => ({ ...entry }));
  }

  /** Over HTTPS: every later handshake presents this certificate; connections already open keep theirs. */
  setCertificate(keys: { key: string; cert: string }): void {
    for (const { server } of this.services) {
      if (!('setSecureContext' in server.server)) throw new Error('OpenStack lab: plain HTTP has no certificate to replace (start it with the tls option).');
      (server.server as TlsServer).setSecureContext({ key: keys.key, cert: keys.cert });
    }
  }

  private watch(service: LabService, socket: Socket | TLSSocket): void {
    const servername = (socket as TLSSocket).servername;
    const entry: LabConnection = {
      service,
      remoteAddress: socket.remoteAddress ?? '',
      remotePort: socket.remotePort ?? 0,
      servername: typeof servername === 'string' && servername ? servername : null,
      bytes: 0,
    };
    this.seen.push(entry);
    socket.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
  }
}
