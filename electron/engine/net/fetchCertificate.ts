import { AppFailure } from '../../../shared/errors';
import { describeCertificate } from './certificate';
import { socketFailure } from './httpErrors';
import { caBundle, handshake } from './tlsConnect';
import type { CertificateInfo, HostPort } from './types';

/**
 * What `host:port` presents, without trusting it and without sending
 * anything: for the preflight "trust this certificate?" screen. With
 * `dialTo` (a tunnel's local end) the socket opens there, but SNI, the name
 * check and errors are for `host:port`, as the HTTP client's `dialTo`.
 */
export async function fetchCertificate(
  host: string,
  port: number,
  signal?: AbortSignal,
  options: { ca?: string[]; timeoutMs?: number; dialTo?: HostPort } = {},
): Promise<CertificateInfo> {
  const ca = caBundle(options.ca);
  const dialled = options.dialTo ?? { host, port };
  try {
    const result = await handshake({ ...dialled, identity: { host, port }, ...(ca ? { ca } : {}) }, options.timeoutMs ?? 15_000, signal);
    result.socket.destroy();
    return { ...describeCertificate(result.cert), trustedBySystem: result.systemTrusted, systemError: result.systemError };
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw socketFailure(error, `${host}:${port}`, 'reading its certificate');
  }
}
