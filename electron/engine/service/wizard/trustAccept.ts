import type { ParsedRequestOf } from '../../../../shared/contract/channels';
import type { TrustEvent } from '../../../../shared/contract/wizardChannels';
import { fail } from '../../../../shared/errors';
import { say, text } from '../../../../shared/i18n/engineText';
import { replaceConfirmationMatches } from '../../../../shared/trustConfirmation';
import { normalizeFingerprint } from '../../net';
import type { RunStore } from '../../store';

const sshFingerprint = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

type PinRequest = Pick<ParsedRequestOf<'trust:accept'>, 'kind' | 'host' | 'port' | 'fingerprint'>;

/**
 * TLS fingerprints are stored as upper-case colon hex (the form TlsTrust
 * compares); SSH host keys in OpenSSH's `SHA256:base64` form, the form the
 * workbook uses.
 */
function canonicalFingerprint(request: PinRequest): string {
  if (request.kind === 'tls') return normalizeFingerprint(request.fingerprint, text('wait.fingerprintFor', { host: request.host, port: request.port }));
  const fingerprint = request.fingerprint.trim().replace(/^sha256:/i, 'SHA256:');
  if (!sshFingerprint.test(fingerprint)) {
    fail('invalid_request', text('service.trust.badSshFingerprint', { fingerprint: request.fingerprint.slice(0, 120) }), {
      hint: text('service.trust.badSshFingerprintHint', { example: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8' }),
    });
  }
  return fingerprint;
}

/**
 * Pins what the user accepted on the preflight screen: only for a host with
 * no pin yet (or the same one again). A different pin already there is a
 * 'conflict' (the store refuses it): a changed certificate goes through
 * `replaceTrust`, never through this one click.
 */
export function acceptTrust(store: RunStore, request: ParsedRequestOf<'trust:accept'>, now = Date.now()): void {
  store.addPin({ kind: request.kind, host: request.host, port: request.port, fingerprint: canonicalFingerprint(request), subject: request.subject }, now);
}

/**
 * The deliberate "replace pin": the user typed the host name or the last four
 * hex digits of the new fingerprint. Old pins go, the new one comes, the store's
 * trail records both, and every run executing now gets a log line saying so.
 */
export function replaceTrust(
  store: RunStore,
  request: ParsedRequestOf<'trust:replace'>,
  executingRuns: () => string[],
  now = Date.now(),
): TrustEvent {
  const fingerprint = canonicalFingerprint(request);
  if (!replaceConfirmationMatches(request.confirmation, request.host, fingerprint)) {
    fail('invalid_request', text('service.trust.confirmMismatch', { host: request.host }));
  }
  const event = store.replacePins({ kind: request.kind, host: request.host, port: request.port, fingerprint, subject: request.subject }, now);
  const textRef = text('service.trust.replaced', {
    platform: event.kind,
    host: event.host,
    port: event.port,
    removed: event.removed.length > 0 ? event.removed.join(', ') : text('service.trust.noneRemoved'),
    added: event.added ?? fingerprint,
  });
  const line = say('en', textRef);
  const runIds = executingRuns();
  if (runIds.length > 0) store.appendLogLines(runIds.map((runId) => ({ runId, stepId: null, level: 'warn' as const, at: now, text: line, textRef })));
  return event;
}
