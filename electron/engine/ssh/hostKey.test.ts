import { describe, expect, it } from 'vitest';
import { decideHostKey, hostKeyFingerprint, normalizeHostKeyFingerprint } from './hostKey';

const a = `SHA256:${'A'.repeat(43)}`;
const b = `SHA256:${'B'.repeat(43)}`;
const base = { host: 'h', port: 22 };

describe('decideHostKey', () => {
  it('accepts pins and expected keys, refuses a change or a mismatch, asks otherwise', () => {
    expect(decideHostKey({ ...base, presented: a, expected: [], pins: [a] })).toBe('accept');
    expect(decideHostKey({ ...base, presented: a, expected: [a], pins: [] })).toBe('accept');
    expect(decideHostKey({ ...base, presented: a, expected: [b], pins: [] })).toBe('refuse-mismatch');
    expect(decideHostKey({ ...base, presented: a, expected: [], pins: [b] })).toBe('refuse-changed');
    expect(decideHostKey({ ...base, presented: a, expected: [], pins: [] })).toBe('prompt');
  });

  it('lets the workbook win over a pin, as the Connect screen judges it', () => {
    expect(decideHostKey({ ...base, presented: a, expected: [b], pins: [a] })).toBe('refuse-mismatch');
    expect(decideHostKey({ ...base, presented: b, expected: [b], pins: [a] })).toBe('accept');
  });

  it('reads fingerprints as ssh-keygen prints them, with or without prefix and padding', () => {
    expect(normalizeHostKeyFingerprint(`sha256:${'A'.repeat(43)}=`)).toBe(a);
    expect(normalizeHostKeyFingerprint('A'.repeat(43))).toBe(a);
    expect(normalizeHostKeyFingerprint('aa:bb:cc')).toBeNull();
    expect(hostKeyFingerprint(Buffer.from('x'))).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
