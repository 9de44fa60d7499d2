import { AppFailure, appError, type AppError } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

/**
 * What a provider tells a session about its platform's login. `login`
 * throws a LoginRefused when the platform refuses the credentials (a wrong
 * password); any other failure (a timeout, a dropped connection) is worth
 * another try later.
 */
export interface SessionLogin<Credential> {
  login(signal: AbortSignal): Promise<Credential>;
  /** A fresh credential from a still valid one, without the password; when it fails the session logs in. */
  renew?(previous: Credential, signal: AbortSignal): Promise<Credential>;
  /** Renew a credential this old before using it again (a PVE ticket lasts 2 h). Default: never by age. */
  renewAfterMs?: number;
}

/** The platform refused the credentials: never sent again in this session. */
export class LoginRefused extends AppFailure {
  constructor(error: AppError) {
    super({ ...error, retryable: false });
    this.name = 'LoginRefused';
  }
}

/*
 * One login per endpoint, shared by every step of a run. Directory-backed
 * realms (AD, LDAP) lock an account after a few failures, so a refused
 * login is final for the session and every later use fails at once.
 *
 *   idle ──use──> logging-in ──ok──> ready ──aged or expired(stale)──> renewing ──ok──> ready
 *    ^              │    │                                             │    │
 *    └─other failure┘    └──refused──> refused <──────────refused──────┘    └─other failure──> idle
 *   any ──close()──> closed
 */
type SessionState<Credential> =
  | { kind: 'idle' }
  | { kind: 'logging-in'; pending: Promise<Credential> }
  | { kind: 'ready'; credential: Credential; obtainedAt: number }
  | { kind: 'renewing'; pending: Promise<Credential> }
  | { kind: 'refused'; error: AppError }
  | { kind: 'closed' };

export class EndpointSession<Credential> {
  private state: SessionState<Credential> = { kind: 'idle' };
  // Logins run on the session's own signal: one step giving up must not fail the others waiting for the same login.
  private readonly lifetime = new AbortController();
  private readonly now: () => number;

  constructor(
    readonly endpointName: string,
    private readonly platform: SessionLogin<Credential>,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  get stateName(): SessionState<Credential>['kind'] {
    return this.state.kind;
  }

  /** The credential to send now: logs in (or renews an aged one) when needed; concurrent callers share the login. */
  current(signal: AbortSignal): Promise<Credential> {
    const state = this.state;
    switch (state.kind) {
      case 'ready': {
        const renewAfter = this.platform.renewAfterMs;
        if (renewAfter === undefined || this.now() - state.obtainedAt < renewAfter) return Promise.resolve(state.credential);
        return this.follow(this.begin('renewing', (lifetime) => this.renewOrLogin(state.credential, lifetime)), signal);
      }
      case 'idle':
        return this.follow(this.begin('logging-in', (lifetime) => this.platform.login(lifetime)), signal);
      case 'logging-in':
      case 'renewing':
        return this.follow(state.pending, signal);
      default:
        return Promise.reject(this.failureOf(state));
    }
  }

  /**
   * The platform rejected `stale` (it expired early, the server restarted):
   * the first caller to say so logs in again; the others, and callers with a
   * credential already replaced, get the fresh one.
   */
  expired(stale: Credential, signal: AbortSignal): Promise<Credential> {
    const state = this.state;
    if (state.kind === 'ready' && state.credential === stale) {
      return this.follow(this.begin('renewing', (lifetime) => this.platform.login(lifetime)), signal);
    }
    return this.current(signal);
  }

  close(): void {
    if (this.state.kind === 'closed') return;
    this.state = { kind: 'closed' };
    this.lifetime.abort(new AppFailure(appError('cancelled', text('net.session.wasClosed', { name: this.endpointName }))));
  }

  private begin(kind: 'logging-in' | 'renewing', attempt: (signal: AbortSignal) => Promise<Credential>): Promise<Credential> {
    const pending = attempt(this.lifetime.signal).then(
      (credential) => {
        if (this.state.kind !== 'closed') this.state = { kind: 'ready', credential, obtainedAt: this.now() };
        return credential;
      },
      (error: unknown) => {
        if (this.state.kind === 'closed') throw error;
        if (error instanceof LoginRefused) {
          this.state = { kind: 'refused', error: error.appError };
          throw this.failureOf(this.state);
        }
        this.state = { kind: 'idle' };
        throw error;
      },
    );
    // Nobody may be waiting (every caller aborted): the outcome is in the state, not an unhandled rejection.
    pending.catch(() => undefined);
    this.state = { kind, pending };
    return pending;
  }

  private async renewOrLogin(previous: Credential, signal: AbortSignal): Promise<Credential> {
    if (this.platform.renew) {
      try {
        return await this.platform.renew(previous, signal);
      } catch (error) {
        if (signal.aborted) throw error;
      }
    }
    return this.platform.login(signal);
  }

  private failureOf(state: SessionState<Credential>): AppFailure {
    if (state.kind === 'refused') return new AppFailure(state.error);
    return new AppFailure(appError('cancelled', text('net.session.isClosed', { name: this.endpointName })));
  }

  /** Waits for a shared login, but only as long as the caller's own signal allows. */
  private follow(pending: Promise<Credential>, signal: AbortSignal): Promise<Credential> {
    const gaveUp = (): AppFailure =>
      signal.reason instanceof AppFailure ? signal.reason : new AppFailure(appError('cancelled', text('net.session.loginCancelled', { name: this.endpointName })));
    if (signal.aborted) return Promise.reject(gaveUp());
    return new Promise<Credential>((resolve, reject) => {
      const onAbort = (): void => reject(gaveUp());
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}

/**
 * The sessions of one run, by endpoint, for every provider. The runner owns
 * it and closes it when the run settles (each session closes its
 * connections with it); a step run after that (a retry) starts afresh.
 */
export class EndpointSessions {
  private readonly open = new Map<string, { value: unknown; close(): void }>();

  /** The run's session for `key` (a provider prefixes it: `proxmox:pve1`), made on first use. */
  get<T>(key: string, create: () => { value: T; close(): void }): T {
    let entry = this.open.get(key);
    if (!entry) {
      entry = create();
      this.open.set(key, entry);
    }
    return entry.value as T;
  }

  close(): void {
    const entries = [...this.open.values()];
    this.open.clear();
    for (const entry of entries) entry.close();
  }
}
