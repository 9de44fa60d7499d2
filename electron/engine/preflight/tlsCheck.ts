import type { Certificate, TrustState } from '../../../shared/contract/wizardChannels';
import { errorWords, toAppError, type ErrorWords } from '../../../shared/errors';
import { sentences, text } from '../../../shared/i18n/engineText';
import type { Endpoint } from '../../../shared/plan/model';
import { decideTrust, fetchCertificate, normalizeExpectedFingerprint, normalizeFingerprint, type CertificateInfo, type HostPort, type TrustStore } from '../net';
import { hostPort } from './tcpProbe';
import { check, errorDetail, type PreflightCheck } from './types';

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
  const detail = info.systemError ? text('preflight.tls.systemError', { reason: info.systemError }) : null;
  const expiry = Date.parse(info.validTo);
  const expired = Number.isFinite(expiry) && expiry < now && text('preflight.tls.expired', { date: info.validTo });
  const signedByCa = info.trustedBySystem && text('preflight.tls.caSigned');
  const trust = decideTrust({ presented: info.fingerprint, presentedSha1: info.sha1Fingerprint, expected: expected ? [expected] : [], pinned });
  const blocker = (message: ErrorWords): { check: PreflightCheck; trust: TrustState } => ({ check: check('tls', 'blocker', message, detail), trust });
  switch (trust.status) {
    case 'trusted': {
      const because = text(trust.by === 'pinned' ? 'preflight.tls.trustedPinned' : 'preflight.tls.trustedExpected');
      return { check: check('tls', expired ? 'warning' : 'ok', sentences(because, expired), detail), trust };
    }
    case 'unexpected':
      return blocker(
        sentences(
          text('preflight.tls.unexpected', { sha256: info.fingerprint, sha1: info.sha1Fingerprint, expected: trust.expected.join(', ') }),
          signedByCa,
          text('preflight.tls.unexpectedHint'),
        ),
      );
    case 'changed':
      return blocker(
        sentences(text('preflight.tls.changed', { sha256: info.fingerprint, pinned: trust.pinned.join(', ') }), signedByCa, text('preflight.tls.changedHint')),
      );
    case 'unknown': {
      const issuer = info.trustedBySystem
        ? text('preflight.tls.issuerSystem', { issuer: info.issuer || text('preflight.tls.someCa') })
        : info.issuer || text('preflight.tls.unknownIssuer');
      return blocker(sentences(text('preflight.tls.unknown', { sha256: info.fingerprint, issuer }), expired));
    }
  }
}

/**
 * `target` is the endpoint's own host:port: what the certificate is judged,
 * pinned and named for. `dialTo` is a tunnel's local end when only a jump
 * host reaches it (the certificate is read through the tunnel, still for target).
 */
export async function checkTls(
  endpoint: Endpoint,
  target: { host: string; port: number },
  trust: TrustStore,
  timeoutMs: number,
  signal?: AbortSignal,
  dialTo?: HostPort,
): Promise<{ check: PreflightCheck; certificate: Certificate | null }> {
  let info: CertificateInfo;
  try {
    info = await fetchCertificate(target.host, target.port, signal, { timeoutMs, ...(dialTo ? { dialTo } : {}) });
  } catch (cause) {
    const error = toAppError(cause);
    const where = hostPort(target.host, target.port);
    return { check: check('tls', 'blocker', text('preflight.tls.noHandshake', { where, error: errorWords(error) }), errorDetail(error, 'detail')), certificate: null };
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
