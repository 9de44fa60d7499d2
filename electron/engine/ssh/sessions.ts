import { EndpointSession } from '../net/endpointSessions';
import { chainKey, chainLabel, connectChain, resolveConnectSettings, type ResolvedConnectSettings, type SshConnection } from './connection';
import type { SshChain, SshConnectOptions } from './types';

/*
 * One SSH login per host chain, shared by the steps that use it. The login
 * states are EndpointSession's (a refused login or a refused host key is
 * final for the run, so an account is never locked by retries); on top of
 * them a dropped link is noticed on the next use and dialled again.
 *
 *   idle ──connection()──> connecting ──ok──> connected ──link dropped, next use──> connecting
 *                              └──auth or host key refused──> refused (every later use fails at once)
 *   any ──close()──> closed (the live connection is ended)
 */
export class SshSession {
  private readonly login: EndpointSession<SshConnection>;
  private live: SshConnection | null = null;

  constructor(
    readonly chain: SshChain,
    settings: ResolvedConnectSettings,
  ) {
    this.login = new EndpointSession(chainLabel(chain), {
      login: async (signal) => {
        const connection = await connectChain(chain, settings, signal);
        this.live = connection;
        return connection;
      },
    });
  }

  get label(): string {
    return this.login.endpointName;
  }

  /** The logged-in connection, dialled (again) when there is none or its link dropped. */
  async connection(signal: AbortSignal): Promise<SshConnection> {
    const current = await this.login.current(signal);
    return current.closed ? this.login.expired(current, signal) : current;
  }

  close(): void {
    this.login.close();
    this.live?.close();
    this.live = null;
  }
}

/** The SSH sessions of one run, by chain. The runner closes it when the run settles. */
export class SshSessions {
  private readonly open = new Map<string, SshSession>();
  private readonly settings: ResolvedConnectSettings;

  constructor(options: SshConnectOptions) {
    this.settings = resolveConnectSettings(options);
  }

  /** The run's session for `chain` (bastions first, target last), made on first use. */
  get(chain: SshChain): SshSession {
    const key = chainKey(chain);
    let session = this.open.get(key);
    if (!session) {
      session = new SshSession(chain, this.settings);
      this.open.set(key, session);
    }
    return session;
  }

  close(): void {
    const sessions = [...this.open.values()];
    this.open.clear();
    for (const session of sessions) session.close();
  }
}
