import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrustStore } from './types';

/** Test certificates made by the openssl CLI: a real X.509 chain, nothing hand-written. */
export interface KeyPair {
  key: string;
  cert: string;
  fingerprint: string;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function read(dir: string, name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export function makeSelfSigned(commonName: string, san = 'IP:127.0.0.1,DNS:localhost'): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'rp-cert-'));
  try {
    openssl(dir, ['req', '-x509', ...ecKey, '-keyout', 'k.pem', '-out', 'c.pem', '-days', '2', '-subj', `/O=Rackpilot Test/CN=${commonName}`, '-addext', `subjectAltName=${san}`]);
    return pair(read(dir, 'k.pem'), read(dir, 'c.pem'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A CA and a leaf it signed for `san`. */
export function makeCaSigned(san: string): { ca: string; leaf: KeyPair } {
  const dir = mkdtempSync(join(tmpdir(), 'rp-ca-'));
  try {
    openssl(dir, ['req', '-x509', ...ecKey, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Rackpilot Test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    openssl(dir, ['req', '-new', ...ecKey, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=leaf']);
    writeFileSync(join(dir, 'ext.cnf'), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    openssl(dir, ['x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', 'leaf.pem', '-extfile', 'ext.cnf']);
    return { ca: read(dir, 'ca.pem'), leaf: pair(read(dir, 'leaf.key'), read(dir, 'leaf.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function pair(key: string, cert: string): KeyPair {
  return { key, cert, fingerprint: new X509Certificate(cert).fingerprint256 };
}

/** An HTTPS server on 127.0.0.1 that counts the requests that reached it. */
export async function startTlsServer(keys: KeyPair): Promise<{ server: Server; port: number; requests: () => number; stop(): Promise<void> }> {
  let requests = 0;
  const server = createServer({ key: keys.key, cert: keys.cert }, (req, res) => {
    requests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { path: req.url } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    requests: () => requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A bare TLS server on 127.0.0.1 that counts every byte of application data
 * a client sent after the handshake (an HTTP request line, headers, a body),
 * and answers anything it receives with `200 {}`. Zero bytes means the client
 * decided against the certificate before writing anything.
 */
export async function startByteCountingTlsServer(keys: KeyPair): Promise<{ port: number; bytesReceived: () => number; stop(): Promise<void> }> {
  let bytes = 0;
  const sockets = new Set<TLSSocket>();
  const server = createTlsServer({ key: keys.key, cert: keys.cert }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}');
    });
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    bytesReceived: () => bytes,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The engine store's pin methods, in memory. */
export function memoryTrustStore(): TrustStore & { pins: { host: string; port: number; fingerprint: string; subject: string | null }[] } {
  const pins: { host: string; port: number; fingerprint: string; subject: string | null }[] = [];
  return {
    pins,
    findPins: (_kind, host, port) => pins.filter((pin) => pin.host === host.toLowerCase() && pin.port === port),
    addPin: (pin) => {
      pins.push({ host: pin.host.toLowerCase(), port: pin.port, fingerprint: pin.fingerprint, subject: pin.subject });
      return pin;
    },
  };
}
