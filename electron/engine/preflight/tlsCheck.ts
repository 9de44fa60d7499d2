import type { Certificate, TrustState } from '../../../shared/contract/wizardChannels';
import { toAppError } from '../../../shared/errors';
import type { Endpoint } from '../../../shared/plan/model';
import { decideTrust, fetchCertificate, normalizeExpectedFingerprint, normalizeFingerprint, type CertificateInfo, type TrustStore } from '../net';
import { hostPort } from './tcpProbe';
import { check, type PreflightCheck } from './types';

function normalizeOrNull(text: string | null | undefined, normalize: (text: string) => string = normalizeFingerprint): string | null {
  if (!text) return null;
  try {
    return normalize(text);
  } catch {
    return null;
  }
}

/**
 * Whether the certificate is one a run would accept, by the HTTP client's
 * own rule (`decideTrust`): the workbook's fingerprint, else the pin, else
 * unknown. A CA's signature is reported but decides nothing. Only 'unknown'
 * may be fixed with `trust:accept`; 'changed' needs `trust:replace` (or a
 * revoke in Settings) and 'unexpected' a corrected workbook.
 */
export function judgeCertificate(
  info: CertificateInfo,
  pinned: string[],
  expected: string | null,
  now: number,
): { check: PreflightCheck; trust: TrustState } {
  const detail = info.systemError ? `Not valid for the system's certificate authorities: ${info.systemError}` : null;
  const expiry = Date.parse(info.validTo);
  const expired = Number.isFinite(expiry) && expiry < now ? ` It expired on ${info.validTo}.` : '';
  const signedByCa = info.trustedBySystem ? ' A certificate authority the system trusts signed it, which does not change this.' : '';
  const trust = decideTrust({ presented: info.fingerprint, presentedSha1: info.sha1Fingerprint, expected: expected ? [expected] : [], pinned });
  const blocker = (message: string): { check: PreflightCheck; trust: TrustState } => ({ check: check('tls', 'blocker', message, detail), trust });
  switch (trust.status) {
    case 'trusted': {
      const because = trust.by === 'pinned' ? 'its fingerprint is pinned' : 'its fingerprint is the one the plan expects';
      return { check: check('tls', expired ? 'warning' : 'ok', `Trusted: ${because}.${expired}`, detail), trust };
    }
    case 'unexpected':
      return blocker(`The certificate (SHA-256 ${info.fingerprint}, SHA-1 ${info.sha1Fingerprint}) is not the one the plan expects (${trust.expected.join(', ')}).${signedByCa} Correct the workbook only if it was renewed on purpose.`);
    case 'changed':
      return blocker(
        `The certificate changed: it presents SHA-256 ${info.fingerprint}; the pinned fingerprint is ${trust.pinned.join(', ')}.${signedByCa} Replace the pin only if it was renewed on purpose.`,
      );
    case 'unknown': {
      const issuer = info.trustedBySystem ? `${info.issuer || 'a certificate authority'}, valid for the system's certificate authorities` : info.issuer || 'an unknown issuer';
      return blocker(`The certificate (SHA-256 ${info.fingerprint}, issued by ${issuer}) is not trusted yet; compare the fingerprint and trust it.${expired}`);
    }
  }
}

export async function checkTls(
  endpoint: Endpoint,
  target: { host: string; port: number },
  trust: TrustStore,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<{ check: PreflightCheck; certificate: Certificate | null }> {
  let info: CertificateInfo;
  try {
    info = await fetchCertificate(target.host, target.port, signal, { timeoutMs });
  } catch (cause) {
    const error = toAppError(cause);
    return { check: check('tls', 'blocker', `No TLS handshake with ${hostPort(target.host, target.port)}: ${error.title}`, error.detail ?? error.hint ?? null), certificate: null };
  }
  const pinned = trust
    .findPins('tls', target.host, target.port)
    .map((pin) => normalizeOrNull(pin.fingerprint))
    .filter((fingerprint): fingerprint is string => fingerprint !== null);
  const verdict = judgeCertificate(info, pinned, normalizeOrNull(endpoint.tlsFingerprint, normalizeExpectedFingerprint), Date.now());
  const certificate: Certificate = {
    host: target.host,
    port: target.port,
    subject: info.subject,
    issuer: info.issuer,
    fingerprint: info.fingerprint,
    sha1Fingerprint: info.sha1Fingerprint,
    validFrom: info.validFrom,
    validTo: info.validTo,
    trusted: verdict.trust.status === 'trusted',
    trust: verdict.trust,
    caValid: info.trustedBySystem,
  };
  return { check: verdict.check, certificate };
}
