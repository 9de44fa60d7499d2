import { createHash } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { fail } from '../../../shared/errors';
import { text as catalogueText, type TextRef } from '../../../shared/i18n/engineText';

/**
 * Fingerprints as the UI and the store show them: SHA-256 of the DER
 * certificate, upper-case hex pairs joined by colons. The workbook may carry
 * them in any common spelling (lower case, no colons, `sha256:` or
 * `SHA256 Fingerprint=` prefix), so everything is normalised before comparing.
 */
export function normalizeFingerprint(text: string, where: string | TextRef = catalogueText('net.what.fingerprint')): string {
  const hex = text
    .trim()
    .replace(/^(sha-?256\s*(fingerprint)?\s*[:=]?\s*)/i, '')
    .replace(/[\s:-]/g, '')
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) {
    fail('invalid_request', catalogueText('net.fingerprint.notSha256', { where, text: text.slice(0, 120) }), {
      hint: catalogueText('net.fingerprint.notSha256Hint'),
    });
  }
  return hex.match(/../g)!.join(':');
}

/**
 * A fingerprint the workbook expects: SHA-256 as above, or the SHA-1
 * thumbprint vCenter shows (40 hex digits, `sha1:` prefix allowed), in the
 * same colon hex. Only expectations take SHA-1; pins are always SHA-256.
 */
export function normalizeExpectedFingerprint(text: string, where: string | TextRef = catalogueText('net.what.fingerprint')): string {
  const hex = text
    .trim()
    .replace(/^(sha-?(1|256)\s*(fingerprint|thumbprint)?\s*[:=]?\s*)/i, '')
    .replace(/[\s:-]/g, '')
    .toUpperCase();
  if (!/^([0-9A-F]{64}|[0-9A-F]{40})$/.test(hex)) {
    fail('invalid_request', catalogueText('net.fingerprint.notExpected', { where, text: text.slice(0, 120) }), {
      hint: catalogueText('net.fingerprint.notExpectedHint'),
    });
  }
  return hex.match(/../g)!.join(':');
}

const colonHex = (digest: string): string => digest.toUpperCase().match(/../g)!.join(':');

/** The SHA-1 thumbprint vCenter's own pages show, to compare with a workbook that copied it. */
export function sha1FingerprintOf(cert: PeerCertificate): string {
  if (cert.raw && cert.raw.length > 0) return colonHex(createHash('sha1').update(cert.raw).digest('hex'));
  return colonHex(cert.fingerprint.replace(/:/g, ''));
}

export function fingerprintOf(cert: PeerCertificate): string {
  if (cert.raw && cert.raw.length > 0) {
    return createHash('sha256').update(cert.raw).digest('hex').toUpperCase().match(/../g)!.join(':');
  }
  return normalizeFingerprint(cert.fingerprint256);
}

type NameFields = PeerCertificate['subject'] | undefined;

/** `CN=pve1, O=PVE Cluster Node`: the order people read, most specific part first. */
export function formatName(name: NameFields): string {
  if (!name) return '';
  const order = ['CN', 'OU', 'O', 'L', 'ST', 'C'];
  const keys = Object.keys(name).sort((a, b) => rank(order, a) - rank(order, b));
  return keys
    .map((key) => {
      const value = (name as unknown as Record<string, string | string[]>)[key];
      return (Array.isArray(value) ? value : [value]).map((part) => `${key}=${part}`).join(', ');
    })
    .join(', ');
}

function rank(order: string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}

export function describeCertificate(cert: PeerCertificate): { subject: string; issuer: string; fingerprint: string; sha1Fingerprint: string; validFrom: string; validTo: string } {
  return {
    subject: formatName(cert.subject),
    issuer: formatName(cert.issuer),
    fingerprint: fingerprintOf(cert),
    sha1Fingerprint: sha1FingerprintOf(cert),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
  };
}
