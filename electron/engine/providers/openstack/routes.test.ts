import { describe, expect, it } from 'vitest';
import { clientTarget } from './routes';

describe('clientTarget (which client a routed request uses)', () => {
  it('keeps a direct request on its own origin with nothing to dial instead', () => {
    expect(clientTarget('https://keystone.example:5000/v3/auth/tokens', 'https://keystone.example:5000/v3/auth/tokens')).toEqual({ origin: 'https://keystone.example:5000' });
  });

  it("names the catalog's origin and dials the tunnel end for a request sent through a tunnel", () => {
    expect(clientTarget('https://10.0.0.5:8774/v2.1/servers', 'https://127.0.0.1:41234/v2.1/servers')).toEqual({
      origin: 'https://10.0.0.5:8774',
      dialTo: { host: '127.0.0.1', port: 41234 },
    });
  });

  it("fills the scheme's default port of the service and reads bracketed IPv6 tunnel ends", () => {
    expect(clientTarget('https://head.example/v3', 'https://[::1]:4000/v3')).toEqual({ origin: 'https://head.example', dialTo: { host: '::1', port: 4000 } });
    expect(clientTarget('http://[fd00::1]:9696/v2.0', 'http://127.0.0.1:5001/v2.0')).toEqual({ origin: 'http://[fd00::1]:9696', dialTo: { host: '127.0.0.1', port: 5001 } });
  });
});
