import type { ParsedRequestOf } from '../../../../shared/contract/channels';
import { fail } from '../../../../shared/errors';
import { normalizeFingerprint } from '../../net';
import type { RunStore } from '../../store';

const sshFingerprint = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

/**
 * Pins what the user accepted on the preflight screen. TLS fingerprints
 * are stored as upper-case colon hex (the form TlsTrust compares); SSH host
 * keys in OpenSSH's `SHA256:base64` form, the form the workbook uses.
 */
export function acceptTrust(store: RunStore, request: ParsedRequestOf<'trust:accept'>, now = Date.now()): void {
  let fingerprint: string;
  if (request.kind === 'tls') {
    fingerprint = normalizeFingerprint(request.fingerprint, `certificate fingerprint for ${request.host}:${request.port}`);
  } else {
    fingerprint = request.fingerprint.trim().replace(/^sha256:/i, 'SHA256:');
    if (!sshFingerprint.test(fingerprint)) {
      fail('invalid_request', `The SSH host key fingerprint "${request.fingerprint.slice(0, 120)}" is not in the SHA256:base64 form.`, {
        hint: 'Copy it as ssh-keygen -lf shows it, e.g. SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8.',
      });
    }
  }
  store.addPin({ kind: request.kind, host: request.host, port: request.port, fingerprint, subject: request.subject }, now);
}
