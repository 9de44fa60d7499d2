import { describe, expect, it } from 'vitest';
import type { EndpointPreflight } from '../../../shared/contract/wizardChannels';
import { certificateToTrust, endpointStatus, fingerprintLines, mergeByName, preflightCounts } from './preflight';

const check = (id: EndpointPreflight['checks'][number]['id'], status: EndpointPreflight['checks'][number]['status']) => ({ id, status, message: `${id} ${status}`, detail: null });
const certificate = { host: '127.0.0.1', port: 8006, subject: 'CN=pve', issuer: 'CN=pve', fingerprint: 'AA:BB', validFrom: '2025-01-01', validTo: '2035-01-01', trusted: false, trust: { status: 'unknown' as const }, caValid: false };
const endpoint = (name: string, checks: EndpointPreflight['checks'], extra: Partial<EndpointPreflight> = {}): EndpointPreflight => ({
  name,
  kind: 'proxmox',
  url: `https://${name}:8006`,
  checks,
  certificate: null,
  version: null,
  nodes: [],
  ...extra,
});

describe('preflight summaries', () => {
  it('rates an endpoint by its worst check', () => {
    expect(endpointStatus(endpoint('a', [check('reachable', 'ok'), check('tls', 'blocker'), check('login', 'skipped')]))).toBe('blocker');
    expect(endpointStatus(endpoint('a', [check('reachable', 'ok'), check('capacity', 'warning')]))).toBe('warning');
    expect(endpointStatus(endpoint('a', [check('login', 'skipped')]))).toBe('skipped');
    expect(endpointStatus(endpoint('a', []))).toBe('skipped');
  });

  it('counts blockers, warnings and passed checks over every endpoint', () => {
    const counts = preflightCounts([
      endpoint('a', [check('reachable', 'ok'), check('tls', 'blocker'), check('login', 'blocker')]),
      endpoint('b', [check('reachable', 'ok'), check('capacity', 'warning'), check('ips', 'skipped')]),
    ]);
    expect(counts).toEqual({ blockers: 2, warnings: 1, passed: 2, blockedEndpoints: 1 });
  });

  it('asks about a certificate only while it is not trusted', () => {
    expect(certificateToTrust(endpoint('a', [], { certificate }))).toBe(certificate);
    expect(certificateToTrust(endpoint('a', [], { certificate: { ...certificate, trusted: true, trust: { status: 'trusted' as const, by: 'pinned' as const } } }))).toBeNull();
    expect(certificateToTrust(endpoint('a', []))).toBeNull();
  });

  it('splits a fingerprint into lines of eight bytes', () => {
    const fingerprint = Array.from({ length: 32 }, (_, index) => index.toString(16).padStart(2, '0')).join(':');
    const lines = fingerprintLines(fingerprint);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('00:01:02:03:04:05:06:07');
    expect(lines.join(':')).toBe(fingerprint.toUpperCase());
    expect(fingerprintLines('not-hex')).toEqual(['not-hex']);
  });

  it('replaces re-checked endpoints in place and appends new ones', () => {
    const a = endpoint('a', [check('reachable', 'blocker')]);
    const b = endpoint('b', []);
    const freshA = endpoint('a', [check('reachable', 'ok')]);
    const c = endpoint('c', []);
    expect(mergeByName([a, b], [freshA, c])).toEqual([freshA, b, c]);
  });
});
