import { isIP } from 'node:net';
import { AppFailure, appError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

/*
 * RACKPILOT_NETWORK_SCOPE=loopback confines every connection the engine opens
 * (API calls, certificate fetches, preflight probes) to 127.0.0.0/8 and ::1.
 * The test suites set it, so no test can reach a real network whatever a
 * workbook names (the sample plan's addresses are private-range ones).
 *
 * It is applied to every hop of a jump chain AND to the far end of a tunnel
 * (TunnelPool.acquire, and the service identity an HTTP client or a TLS
 * handshake dials through a tunnel), not only to the socket this process
 * opens: a bastion on loopback is allowed, and it would otherwise carry the
 * traffic on to whatever real private address the sample workbook names
 * (`192.168.202.1:5000` through `127.0.0.1:22` is still a connection to the
 * customer's network, made by the bastion for us).
 */

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1';
  return false;
}

export function isConfinedToLoopback(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RACKPILOT_NETWORK_SCOPE === 'loopback';
}

export function isTargetAllowed(host: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return !isConfinedToLoopback(env) || isLoopback(host);
}

export function assertTargetAllowed(host: string, port: number, env: NodeJS.ProcessEnv = process.env): void {
  if (isTargetAllowed(host, env)) return;
  throw new AppFailure(
    appError('network', text('net.scope.blocked', { host, port }), {
      hint: text('net.scope.blockedHint'),
      retryable: false,
    }),
  );
}
