import type { Certificate, EndpointPreflight } from '../../../shared/contract/wizardChannels';
import type { preflightStatuses } from '../../../shared/contract/wizardChannels';

export type PreflightStatus = (typeof preflightStatuses)[number];

const rank: Record<PreflightStatus, number> = { blocker: 3, warning: 2, ok: 1, skipped: 0 };

/** An endpoint is as bad as its worst check; one with only skipped checks is skipped. */
/** What counting needs of an endpoint's or a jump host's result. */
type Checked = { checks: readonly { status: PreflightStatus }[] };

export function endpointStatus(endpoint: Checked): PreflightStatus {
  let worst: PreflightStatus = 'skipped';
  for (const check of endpoint.checks) if (rank[check.status] > rank[worst]) worst = check.status;
  return worst;
}

export interface PreflightCounts {
  blockers: number;
  warnings: number;
  passed: number;
  /** Endpoints with at least one blocker. */
  blockedEndpoints: number;
}

/** Counts over endpoints and jump hosts alike: a jump host's blocker stops a real deployment as an endpoint's does. */
export function preflightCounts(endpoints: readonly Checked[]): PreflightCounts {
  const counts: PreflightCounts = { blockers: 0, warnings: 0, passed: 0, blockedEndpoints: 0 };
  for (const endpoint of endpoints) {
    let blocked = false;
    for (const check of endpoint.checks) {
      if (check.status === 'blocker') {
        counts.blockers++;
        blocked = true;
      } else if (check.status === 'warning') counts.warnings++;
      else if (check.status === 'ok') counts.passed++;
    }
    if (blocked) counts.blockedEndpoints++;
  }
  return counts;
}

/** The certificate the user is asked about: shown, and not yet trusted. */
export function certificateToTrust(endpoint: Pick<EndpointPreflight, 'certificate'>): Certificate | null {
  return endpoint.certificate && !endpoint.certificate.trusted ? endpoint.certificate : null;
}

/** `AB:CD:…` in groups of eight bytes per line, so a fingerprint can be compared by eye. */
export function fingerprintLines(fingerprint: string, bytesPerLine = 8): string[] {
  // OpenSSH's `SHA256:base64` is compared as one word, case and all.
  if (/^SHA256:/.test(fingerprint)) return [fingerprint];
  const bytes = fingerprint.toUpperCase().split(':').filter(Boolean);
  if (bytes.length < 2) return [fingerprint];
  const lines: string[] = [];
  for (let at = 0; at < bytes.length; at += bytesPerLine) lines.push(bytes.slice(at, at + bytesPerLine).join(':'));
  return lines;
}

/** Replaces the entries of `fresh` endpoints or jump hosts (by name) and keeps the order of `current`. */
export function mergeByName<T extends { name: string }>(current: readonly T[], fresh: readonly T[]): T[] {
  const byName = new Map(fresh.map((endpoint) => [endpoint.name, endpoint]));
  const merged = current.map((endpoint) => byName.get(endpoint.name) ?? endpoint);
  for (const endpoint of fresh) if (!current.some((entry) => entry.name === endpoint.name)) merged.push(endpoint);
  return merged;
}
