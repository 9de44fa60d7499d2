import { describe, expect, it } from 'vitest';
import { assertTargetAllowed, isTargetAllowed } from './networkScope';

const confined = { RACKPILOT_NETWORK_SCOPE: 'loopback' };

describe('network scope', () => {
  it('lets everything through when not confined', () => {
    expect(isTargetAllowed('10.20.0.21', {})).toBe(true);
  });

  it('confined to loopback: only 127/8, ::1 and localhost', () => {
    for (const host of ['127.0.0.1', '127.10.0.3', '::1', '[::1]', 'localhost']) expect(isTargetAllowed(host, confined)).toBe(true);
    for (const host of ['10.20.0.21', '192.168.1.1', '8.8.8.8', 'pve.example.com', '::ffff:10.0.0.1']) expect(isTargetAllowed(host, confined)).toBe(false);
    expect(() => assertTargetAllowed('10.10.10.2', 8006, confined)).toThrow(/10\.10\.10\.2:8006 are blocked/);
  });
});
