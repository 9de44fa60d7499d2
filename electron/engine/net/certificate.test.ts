import { describe, expect, it } from 'vitest';
import { formatName, normalizeFingerprint } from './certificate';

const canonical = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

describe('normalizeFingerprint', () => {
  it('accepts the spellings people paste from browsers, openssl and Proxmox', () => {
    const bare = canonical.replace(/:/g, '');
    for (const text of [canonical, bare.toLowerCase(), `sha256:${bare}`, `SHA256 Fingerprint=${canonical}`, canonical.replace(/:/g, ' ')]) {
      expect(normalizeFingerprint(text)).toBe(canonical);
    }
  });

  it('refuses a SHA-1 fingerprint or garbage, naming where it came from', () => {
    expect(() => normalizeFingerprint('AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01', 'fingerprint of pve1')).toThrow(
      'The fingerprint of pve1 "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01" is not a SHA-256 fingerprint (64 hex digits).',
    );
    expect(() => normalizeFingerprint('zz'.repeat(32))).toThrow(/not a SHA-256 fingerprint/);
  });
});

describe('formatName', () => {
  it('puts the common name first and keeps repeated parts', () => {
    const name = { C: 'DE', O: 'PVE Cluster Manager CA', CN: 'pve1.lab', OU: ['ops', 'infra'] } as unknown as Parameters<typeof formatName>[0];
    expect(formatName(name)).toBe('CN=pve1.lab, OU=ops, OU=infra, O=PVE Cluster Manager CA, C=DE');
  });
});
