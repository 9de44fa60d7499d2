import { describe, expect, it } from 'vitest';
import { dnsSafe, formatIpv4, formatSubnet, hostRange, isDnsLabel, normalizeFingerprint, normalizeSha256, parseCidr, parseIpv4 } from './formats';
import { editDistance, suggest } from './suggest';

describe('IPv4 and subnets', () => {
  it('parses strict dotted quads', () => {
    expect(parseIpv4('10.0.20.11')).toBe(0x0a00140b);
    expect(formatIpv4(0x0a00140b)).toBe('10.0.20.11');
    for (const bad of ['10.0.20', '10.0.20.256', '10.0.020.1', '10.0.20.1.5', 'a.b.c.d', '']) expect(parseIpv4(bad), bad).toBeNull();
  });

  it('parses prefixes and masks, noticing host bits', () => {
    const subnet = parseCidr('10.0.20.5/255.255.255.0')!;
    expect(formatSubnet(subnet)).toBe('10.0.20.0/24');
    expect(subnet.hostBitsSet).toBe(true);
    expect(formatIpv4(subnet.broadcast)).toBe('10.0.20.255');
    expect(parseCidr('10.0.20.0/33')).toBeNull();
    expect(parseCidr('10.0.20.0/255.0.255.0')).toBeNull();
    expect(parseCidr('10.0.20.0')).toBeNull();
  });

  it('knows /31 and /32 have no network or broadcast address', () => {
    const p2p = parseCidr('10.0.0.0/31')!;
    expect(hostRange(p2p)).toEqual({ first: p2p.network, last: p2p.network + 1 });
    const slash24 = parseCidr('10.0.0.0/24')!;
    expect(hostRange(slash24)).toEqual({ first: slash24.network + 1, last: slash24.network + 254 });
  });
});

describe('fingerprints, checksums and names', () => {
  const hex = 'ab'.repeat(32);

  it('normalizes fingerprints from browsers and openssl', () => {
    const canonical = hex.toUpperCase().match(/../g)!.join(':');
    expect(normalizeFingerprint(hex)).toBe(canonical);
    expect(normalizeFingerprint(`SHA256 Fingerprint=${canonical}`)).toBe(canonical);
    expect(normalizeFingerprint(canonical.toLowerCase())).toBe(canonical);
    expect(normalizeFingerprint('AB:CD')).toBeNull();
    // vCenter shows a SHA-1 thumbprint: 20 pairs, kept in the same colon form.
    expect(normalizeFingerprint('sha1:2c11edd713877db57418b81c42c2561f0db95bb9')).toBe('2C:11:ED:D7:13:87:7D:B5:74:18:B8:1C:42:C2:56:1F:0D:B9:5B:B9');
    expect(normalizeFingerprint('2c11edd713877db57418b81c42c2561f0db95b')).toBeNull();
    expect(normalizeSha256(hex.toUpperCase())).toBe(hex);
    expect(normalizeSha256('xyz')).toBeNull();
  });

  it('checks DNS labels and offers a safe spelling', () => {
    expect(isDnsLabel('web-01')).toBe(true);
    expect(isDnsLabel('web_01')).toBe(false);
    expect(isDnsLabel('-web')).toBe(false);
    expect(isDnsLabel('a'.repeat(64))).toBe(false);
    expect(dnsSafe('Web_01 (Prod)')).toBe('web-01-prod');
    expect(dnsSafe('Señal')).toBe('senal');
    expect(dnsSafe('数据库')).toBeNull();
  });
});

describe('suggest', () => {
  it('offers the close name, not a far or ambiguous one', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(suggest('mgnt', ['mgmt', 'app'])).toBe('mgmt');
    expect(suggest('MGMT', ['mgmt'])).toBe('mgmt');
    expect(suggest('database', ['mgmt', 'app'])).toBeNull();
    expect(suggest('pve3', ['pve1', 'pve2'])).toBeNull();
  });
});
