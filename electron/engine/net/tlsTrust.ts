import type { PeerCertificate } from 'node:tls';
import { AppFailure, appError } from '../../../shared/errors';
import { describeCertificate, normalizeFingerprint } from './certificate';
import type { TrustAnswer, TrustPrompt, TrustStore } from './types';

export interface PeerFacts {
  host: string;
  port: number;
  cert: PeerCertificate;
  /** The chain validated against the trusted CAs AND the certificate names the host. */
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
 * Decides whether a presented certificate may carry requests. In order:
 *
 *   system-trusted ──yes──> accept
 *        │ no
 *   pinned for host:port, expected by the workbook, or trusted once in this client ──yes──> accept
 *        │ no
 *   another fingerprint pinned for host:port ──yes──> refuse (certificate changed: possible MITM, never prompted)
 *        │ no
 *   prompt? ──none──> refuse
 *        │ ask (once per connection; concurrent connections share the question)
 *   trust-always ─> pin + accept   trust-once ─> remember in memory + accept   reject ─> refuse
 */
export class TlsTrust {
  private readonly expected: Set<string>;
  private readonly trustedOnce = new Set<string>();
  private readonly questions = new Map<string, Promise<TrustAnswer>>();

  constructor(private readonly options: TlsTrustOptions) {
    this.expected = new Set(
      (options.expectedFingerprints ?? []).map((text) => normalizeFingerprint(text, 'expected certificate fingerprint')),
    );
  }

  /** Resolves `true` when the user was asked (and accepted); throws AppFailure 'tls_untrusted' when refused. */
  async verify(peer: PeerFacts): Promise<boolean> {
    if (peer.systemTrusted) return false;
    const info = describeCertificate(peer.cert);
    const where = `${peer.host}:${peer.port}`;
    const key = `${where.toLowerCase()}|${info.fingerprint}`;
    const detail = peer.systemError ? `Not trusted by the system: ${peer.systemError}` : undefined;
    const pins = this.options.trust.findPins('tls', peer.host, peer.port).map((pin) => safeNormalize(pin.fingerprint));
    if (pins.includes(info.fingerprint) || this.expected.has(info.fingerprint) || this.trustedOnce.has(key)) return false;
    if (pins.length > 0) {
      throw untrusted(
        `The certificate of ${where} changed: it presents SHA-256 ${info.fingerprint}, which is not the pinned fingerprint.`,
        'If the certificate was renewed on purpose, remove the old pin under Trusted certificates and connect again; otherwise someone may be intercepting the connection.',
        detail,
      );
    }
    const prompt = this.options.prompt;
    if (!prompt) {
      throw untrusted(
        `The certificate of ${where} (SHA-256 ${info.fingerprint}) is not trusted.`,
        'Trust it in the preflight screen, or put its fingerprint in the workbook.',
        detail,
      );
    }
    const answer = await this.ask(key, () => prompt({ host: peer.host, port: peer.port, ...info }));
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
    throw untrusted(`The certificate of ${where} (SHA-256 ${info.fingerprint}) was rejected.`, 'Connect again to be asked once more.', detail);
  }

  private async ask(key: string, question: () => Promise<TrustAnswer>): Promise<TrustAnswer> {
    const pending = this.questions.get(key);
    if (pending) return pending;
    const asked = question()
      .catch((cause: unknown): TrustAnswer => {
        throw new AppFailure(
          appError('tls_untrusted', `Nobody answered whether to trust ${key.split('|')[0]}.`, {
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

function untrusted(title: string, hint: string, detail: string | undefined): AppFailure {
  return new AppFailure(appError('tls_untrusted', title, { hint, retryable: false, ...(detail ? { detail } : {}) }));
}
