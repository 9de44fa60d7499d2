import type { TrustState } from '../../../shared/contract/wizardChannels';

/**
 * The facts a trust decision rests on, for one kind + host:port: a TLS
 * certificate or (later) an SSH host key alike. Fingerprints must already be
 * in the kind's canonical form (colon hex for TLS, `SHA256:base64` for SSH):
 * this compares strings only, so it knows nothing else about the kind.
 * A CA's signature is deliberately not an input: it is information for the
 * user, never a reason to trust (a corporate or public CA can sign for an
 * interceptor as easily as for the real endpoint).
 */
export interface TrustQuestion {
  /** SHA-256 of what the peer presents. */
  presented: string;
  /**
   * The SHA-1 of the same certificate, for a workbook that copied vCenter's
   * thumbprint: it can match an expected fingerprint only, never a pin.
   */
  presentedSha1?: string;
  /** From the workbook; when given, only these are accepted, whatever is pinned. */
  expected: readonly string[];
  /** Pinned for kind + host:port. */
  pinned: readonly string[];
}

/**
 * The decision order (diagram on `trustStateSchema` in the contract):
 * the workbook's fingerprints win, then the pins, and only a host with
 * neither is 'unknown' (the one state a user may trust by answering).
 */
export function decideTrust(question: TrustQuestion): TrustState {
  const { presented, presentedSha1, expected, pinned } = question;
  if (expected.length > 0) {
    const matches = expected.includes(presented) || (presentedSha1 !== undefined && expected.includes(presentedSha1));
    return matches ? { status: 'trusted', by: 'expected' } : { status: 'unexpected', expected: [...expected] };
  }
  if (pinned.length > 0) {
    return pinned.includes(presented) ? { status: 'trusted', by: 'pinned' } : { status: 'changed', pinned: [...pinned] };
  }
  return { status: 'unknown' };
}
