/**
 * What the user must type to replace a pinned fingerprint: the host name, or
 * the last four hex digits of the new fingerprint (colons and case ignored).
 * Shared so the Connect screen enables its button by the very rule the
 * engine enforces.
 */
export function replaceConfirmationMatches(typed: string, host: string, fingerprint: string): boolean {
  const text = typed.trim().toLowerCase();
  if (text.length === 0) return false;
  if (text === host.trim().toLowerCase()) return true;
  const lastFour = fingerprint.replace(/[^0-9a-f]/gi, '').slice(-4).toLowerCase();
  return lastFour.length === 4 && text.replace(/:/g, '') === lastFour;
}

/** The last four hex digits of a fingerprint, as the confirmation prompt shows them. */
export function fingerprintTail(fingerprint: string): string {
  return fingerprint.replace(/[^0-9a-f]/gi, '').slice(-4).toUpperCase();
}
