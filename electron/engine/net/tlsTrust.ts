import type { PeerCertificate } from 'node:tls';
import { AppFailure, appError } from '../../../shared/errors';
import { text, type TextRef } from '../../../shared/i18n/engineText';
import { describeCertificate, normalizeExpectedFingerprint, normalizeFingerprint } from './certificate';
import { decideTrust } from './trustDecision';
import type { TrustAnswer, TrustPrompt, TrustStore } from './types';

export interface PeerFacts {
  host: string;
  port: number;
  cert: PeerCertificate;
  /** The chain validated against the trusted CAs AND the certificate names the host: information only. */
  systemTrusted: boolean;
  /** OpenSSL's reason when not (shown as the failure's detail). */
  systemError?: string | null;
}

export interface TlsTrustOptions {
  trust: TrustStore;
  prompt?: TrustPrompt;
  expectedFingerprints?: string[];
  now: () => number;
}

/**
 * Decides whether a presented certificate may carry requests, by
 * `decideTrust` (trustDecision.ts): the workbook's fingerprints, then the
 * pins for host:port, and only then the user. A CA's signature is shown in
 * the prompt but never trusts on its own, so a certificate that a public or
 * corporate CA signed is still refused when it is not the one expected or pinned.
 *
 *   expected by the workbook ──mismatch──> refuse ('unexpected')
 *   pinned for host:port ──mismatch──> refuse ('changed', old and new named; never prompted)
 *   unknown ──trusted once in this client──> accept
 *      │ prompt? ──none──> refuse
 *      │ ask (once per connection; concurrent connections share the question)
 *   trust-always ─> pin + accept   trust-once ─> remember in memory + accept   reject ─> refuse
 */
export class TlsTrust {
  private readonly expected: string[];
  private readonly trustedOnce = new Set<string>();
  private readonly questions = new Map<string, Promise<TrustAnswer>>();

  constructor(private readonly options: TlsTrustOptions) {
    this.expected = (options.expectedFingerprints ?? []).map((fingerprint) => normalizeExpectedFingerprint(fingerprint, text('net.what.expectedFingerprint')));
  }

  /** Resolves `true` when the user was asked (and accepted); throws AppFailure 'tls_untrusted' when refused. */
  async verify(peer: PeerFacts): Promise<boolean> {
    const info = describeCertificate(peer.cert);
    const where = `${peer.host}:${peer.port}`;
    const key = `${where.toLowerCase()}|${info.fingerprint}`;
    const detail = peer.systemTrusted
      ? "A certificate authority the system trusts signed it; that alone does not make it the endpoint's certificate."
      : peer.systemError
        ? `Not trusted by the system: ${peer.systemError}`
        : undefined;
    const pinned = this.options.trust.findPins('tls', peer.host, peer.port).map((pin) => safeNormalize(pin.fingerprint));
    const decision = decideTrust({ presented: info.fingerprint, presentedSha1: info.sha1Fingerprint, expected: this.expected, pinned });
    switch (decision.status) {
      case 'trusted':
        return false;
      case 'unexpected':
        throw untrusted(
          text('net.trust.unexpected', { where, sha256: info.fingerprint, sha1: info.sha1Fingerprint, expected: decision.expected.join(', ') }),
          text('net.trust.unexpectedHint'),
          detail,
        );
      case 'changed':
        throw untrusted(
          text('net.trust.changed', { where, sha256: info.fingerprint, pinned: decision.pinned.join(', ') }),
          text('net.trust.changedHint'),
          detail,
        );
      case 'unknown':
        if (this.trustedOnce.has(key)) return false;
        return this.askUser(peer, info, key, detail);
    }
  }

  private async askUser(peer: PeerFacts, info: ReturnType<typeof describeCertificate>, key: string, detail: string | undefined): Promise<boolean> {
    const where = `${peer.host}:${peer.port}`;
    const prompt = this.options.prompt;
    if (!prompt) {
      throw untrusted(
        text('net.trust.unknown', { where, sha256: info.fingerprint }),
        text('net.trust.unknownHint'),
        detail,
      );
    }
    const answer = await this.ask(key, () => prompt({ host: peer.host, port: peer.port, ...info, caValid: peer.systemTrusted }));
    if (answer === 'trust-always') {
      this.options.trust.addPin(
        { kind: 'tls', host: peer.host, port: peer.port, fingerprint: info.fingerprint, subject: info.subject || null },
        this.options.now(),
      );
      return true;
    }
    if (answer === 'trust-once') {
      this.trustedOnce.add(key);
      return true;
    }
    throw untrusted(text('net.trust.rejected', { where, sha256: info.fingerprint }), text('net.trust.rejectedHint'), detail);
  }

  private async ask(key: string, question: () => Promise<TrustAnswer>): Promise<TrustAnswer> {
    const pending = this.questions.get(key);
    if (pending) return pending;
    const asked = question()
      .catch((cause: unknown): TrustAnswer => {
        throw new AppFailure(
          appError('tls_untrusted', text('net.trust.unanswered', { where: key.split('|')[0]! }), {
            detail: cause instanceof Error ? cause.message : String(cause),
          }),
        );
      })
      .finally(() => this.questions.delete(key));
    this.questions.set(key, asked);
    return asked;
  }
}

function safeNormalize(fingerprint: string): string {
  try {
    return normalizeFingerprint(fingerprint);
  } catch {
    return fingerprint;
  }
}

function untrusted(title: TextRef, hint: TextRef, detail: string | undefined): AppFailure {
  return new AppFailure(appError('tls_untrusted', title, { hint, retryable: false, ...(detail ? { detail } : {}) }));
}
