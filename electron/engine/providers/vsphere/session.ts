import { EndpointSession, type EndpointSessions } from '../../net/endpointSessions';
import type { VimClient } from './soapClient';
import type { ResolvedVsphereEndpoint, VimCookie } from './types';

/** vCenter drops a session idle for 30 min (its default); a cheap call every 10 min keeps a long wait's session alive. */
export const keepAliveMs = 10 * 60_000;

/**
 * A session that logs in through `client`. States and the refused-login
 * rule are EndpointSession's; vCenter's part is the cookie and the keep-alive.
 */
export function openVimSession(client: VimClient): EndpointSession<VimCookie> {
  return new EndpointSession<VimCookie>(client.endpointName, { login: (signal) => client.login(signal) });
}

/**
 * The run's session of an endpoint, with a client of its own for the
 * logins and the keep-alive, logged out and closed with the run's sessions.
 */
export function runVimSession(sessions: EndpointSessions, endpoint: ResolvedVsphereEndpoint, open: (endpoint: ResolvedVsphereEndpoint) => VimClient): EndpointSession<VimCookie> {
  return sessions.get(`vsphere:${endpoint.name}`, () => {
    const loginClient = open(endpoint);
    const session = openVimSession(loginClient);
    const lifetime = new AbortController();
    const timer = setInterval(() => {
      if (session.stateName !== 'ready') return;
      // A failed keep-alive is not an error: the next call meets NotAuthenticated and logs in again.
      void session
        .current(lifetime.signal)
        .then((credential) => loginClient.keepAlive(credential, lifetime.signal))
        .catch(() => undefined);
    }, keepAliveMs);
    timer.unref();
    return {
      value: session,
      close: () => {
        clearInterval(timer);
        const ready = session.stateName === 'ready' ? session.current(lifetime.signal) : null;
        session.close();
        const done = (): void => {
          lifetime.abort();
          loginClient.close();
        };
        if (!ready) return done();
        // Sessions count against vCenter's limit: log out, but never hold the run's end for it.
        void ready.then((credential) => loginClient.logout(credential, AbortSignal.timeout(5000))).catch(() => undefined).finally(done);
      },
    };
  });
}
