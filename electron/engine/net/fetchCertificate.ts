import { AppFailure } from '../../../shared/errors';
import { describeCertificate } from './certificate';
import { socketFailure } from './httpErrors';
import { caBundle, handshake } from './tlsConnect';
import type { CertificateInfo } from './types';

/**
 * What `host:port` presents, without trusting it and without sending
 * anything: for the preflight "trust this certificate?" screen.
 */
export async function fetchCertificate(
  host: string,
  port: number,
  signal?: AbortSignal,
  options: { ca?: string[]; timeoutMs?: number } = {},
): Promise<CertificateInfo> {
  const ca = caBundle(options.ca);
  try {
    const result = await handshake({ host, port, ...(ca ? { ca } : {}) }, options.timeoutMs ?? 15_000, signal);
    result.socket.destroy();
    return { ...describeCertificate(result.cert), trustedBySystem: result.systemTrusted, systemError: result.systemError };
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    throw socketFailure(error, `${host}:${port}`, 'reading its certificate');
  }
}
