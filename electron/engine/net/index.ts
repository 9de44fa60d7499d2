export { createHttpClient, type HttpClient } from './httpClient';
export { fetchCertificate } from './fetchCertificate';
export { HttpFailure, isTransient, socketFailure, toHttpFailure } from './httpErrors';
export { fingerprintOf, normalizeExpectedFingerprint, normalizeFingerprint, sha1FingerprintOf } from './certificate';
export { decideTrust, type TrustQuestion } from './trustDecision';
export { describeBody, redactFields, redactHeaders, redactUrl } from './redaction';
export { retryDelayMs, sleep } from './backoff';
export type {
  CertificateInfo,
  HostPort,
  HttpClientOptions,
  HttpLog,
  SecretRedactor,
  TrustAnswer,
  TrustPrompt,
  TrustRequest,
  TrustStore,
} from './types';
