import type { TrustPin } from '../../../shared/contract/channels';
import type { LogLevel } from '../../../shared/runModel';
import type { RetryPolicy } from '../runner/types';
import type { NewPin } from '../store/types';

/** The part of the engine's store the HTTP client needs; `RunStore` implements it. */
export interface TrustStore {
  findPins(kind: 'tls', host: string, port: number): Pick<TrustPin, 'fingerprint'>[];
  addPin(pin: NewPin, now: number): unknown;
}

/** What the user is shown when a certificate is not trusted yet. */
export interface TrustRequest {
  host: string;
  port: number;
  subject: string;
  issuer: string;
  /** SHA-256 of the leaf certificate, colon-separated upper-case hex. */
  fingerprint: string;
  /** SHA-1 of it, as vCenter shows its thumbprint: shown to compare, never pinned. */
  sha1Fingerprint: string;
  validFrom: string;
  validTo: string;
  /** A CA the system trusts signed it for this host: shown to the user, never trusted on its own. */
  caValid: boolean;
}

/**
 * 'trust-once' trusts the certificate for the lifetime of this client only
 * (nothing is stored); 'trust-always' pins it in the store.
 */
export type TrustAnswer = 'trust-once' | 'trust-always' | 'reject';

/** Arrives from the shell (a dialog in the UI, a question on the CLI). */
export type TrustPrompt = (request: TrustRequest) => Promise<TrustAnswer>;

export interface CertificateInfo {
  subject: string;
  issuer: string;
  fingerprint: string;
  sha1Fingerprint: string;
  validFrom: string;
  validTo: string;
  /** The chain validates against the system CAs (plus any extra CAs given) and names the host. */
  trustedBySystem: boolean;
  /** Why it does not, in OpenSSL's words, when it does not. */
  systemError: string | null;
}

export interface SecretRedactor {
  redact(text: string): string;
}

export type HttpLog = (level: LogLevel, text: string) => void;

/** A TCP address: a host name or IP literal (no brackets) and a port. */
export interface HostPort {
  host: string;
  port: number;
}

export interface HttpClientOptions {
  /**
   * The service as its own URL names it: its host:port is the identity of
   * every request (the trust decision and the pins, SNI, the Host header,
   * the names in logs and errors), whatever `dialTo` says.
   */
  baseURL: string;
  /**
   * Where connections are really opened when that is not baseURL's host:port:
   * a tunnel's local end (`127.0.0.1:41234`) that carries them to the service.
   * Only the socket goes there; nothing is keyed to it.
   */
  dialTo?: HostPort;
  trust: TrustStore;
  prompt?: TrustPrompt;
  /** Fingerprints known in advance (the workbook's endpoint sheet): SHA-256, or a SHA-1 thumbprint; any form of hex, with or without colons. */
  expectedFingerprints?: string[];
  /** Extra CA certificates (PEM) trusted next to the system ones. */
  ca?: string[];
  /** Per request, and for connect + TLS handshake (a trust prompt's wait is not counted). */
  timeoutMs: number;
  /** Applies to GET and HEAD only; other methods are never repeated by the client. */
  retry?: RetryPolicy;
  redactor?: SecretRedactor;
  /** Request/response lines with secrets removed. */
  onLog?: HttpLog;
  /** Defaults to `Date.now`; the time stamped on pins. */
  now?: () => number;
}
