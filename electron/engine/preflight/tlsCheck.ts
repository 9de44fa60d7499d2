import type { Certificate } from '../../../shared/contract/wizardChannels';
import { toAppError } from '../../../shared/errors';
import type { Endpoint } from '../../../shared/plan/model';
import { fetchCertificate, normalizeFingerprint, type CertificateInfo, type TrustStore } from '../net';
import { hostPort } from './tcpProbe';
import { check, type PreflightCheck } from './types';

function normalizeOrNull(text: string | null | undefined): string | null {
  if (!text) return null;
  try {
    return normalizeFingerprint(text);
  } catch {
    return null;
  }
}

/**
 * Whether the certificate is one a run would accept, by the same rules as
 * the HTTP client's TlsTrust: system-valid, pinned for host:port, or the
 * one the workbook expects. Untrusted is a blocker the UI fixes with
 * `trust:accept` (the certificate in the reply carries what to pin).
 */
export function judgeCertificate(info: CertificateInfo, pinned: string[], expected: string | null, now: number): PreflightCheck {
  const detail = info.systemError ? `Not valid for the system's certificate authorities: ${info.systemError}` : null;
  const expiry = Date.parse(info.validTo);
  const expired = Number.isFinite(expiry) && expiry < now ? ` It expired on ${info.validTo}.` : '';
  const trustedBecause = info.trustedBySystem
    ? "it is valid for the system's certificate authorities"
    : pinned.includes(info.fingerprint)
      ? 'its fingerprint is pinned'
      : expected === info.fingerprint
        ? 'its fingerprint is the one the plan expects'
        : null;
  if (trustedBecause) return check('tls', expired ? 'warning' : 'ok', `Trusted: ${trustedBecause}.${expired}`, detail);
  if (expected) {
    return check('tls', 'blocker', `The certificate (SHA-256 ${info.fingerprint}) is not the one the plan expects (${expected}). Trust it only if it was renewed on purpose.`, detail);
  }
  if (pinned.length > 0) {
    return check('tls', 'blocker', `The certificate changed: SHA-256 ${info.fingerprint} is not the pinned fingerprint. Trust it only if it was renewed on purpose.`, detail);
  }
  return check('tls', 'blocker', `The certificate (SHA-256 ${info.fingerprint}, issued by ${info.issuer || 'an unknown issuer'}) is not trusted yet; compare the fingerprint and trust it.${expired}`, detail);
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
  const verdict = judgeCertificate(info, pinned, normalizeOrNull(endpoint.tlsFingerprint), Date.now());
  const certificate: Certificate = {
    host: target.host,
    port: target.port,
    subject: info.subject,
    issuer: info.issuer,
    fingerprint: info.fingerprint,
    validFrom: info.validFrom,
    validTo: info.validTo,
    trusted: verdict.status !== 'blocker',
  };
  return { check: verdict, certificate };
}
