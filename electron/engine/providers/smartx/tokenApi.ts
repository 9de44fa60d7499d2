import { createHttpClient, type HttpClient, type HttpLog, type TrustPrompt, type TrustStore } from '../../net';
import { HttpFailure } from '../../net/httpErrors';
import { EndpointSession, type EndpointSessions } from '../../net/endpointSessions';
import { Redactor } from '../../util/redactor';
import type { ResolvedSmartxEndpoint } from './types';

/** One request as the platform client builds it; `data` is a factory because a request sent again after a 401 needs a fresh body (a stream is read once). */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  data?: () => { body: unknown; headers?: Record<string, string> };
  timeoutMs?: number;
}

export interface TokenApiOptions {
  endpoint: ResolvedSmartxEndpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
  /** The run's shared login of the endpoint; without one the client logs in on its own. */
  session?: EndpointSession<string>;
  timeoutMs?: number;
  httpLog?: HttpLog;
}

/**
 * What SMTX OS and CloudTower share: a token from a login, sent in a header
 * on every call; a 401 means it expired (SMTX OS drops tokens after idle
 * time, a CloudTower restart invalidates them), so the session logs in once
 * more with the workbook's credentials and the call is sent again, once.
 */
export abstract class TokenApi {
  readonly endpointName: string;
  readonly http: HttpClient;
  protected readonly redactor = new Redactor();
  private ownSession: EndpointSession<string> | null = null;

  constructor(protected readonly options: TokenApiOptions) {
    this.endpointName = options.endpoint.name;
    this.redactor.add(options.endpoint.password.reveal());
    this.http = createHttpClient({
      baseURL: options.endpoint.url,
      trust: options.trust,
      ...(options.prompt ? { prompt: options.prompt } : {}),
      expectedFingerprints: options.endpoint.fingerprints,
      timeoutMs: options.timeoutMs ?? 30_000,
      retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 4000, jitter: 0.2 },
      redactor: this.redactor,
      ...(options.httpLog ? { onLog: options.httpLog } : {}),
    });
  }

  /** POSTs the credentials and answers the token; a refusal is a LoginRefused. */
  abstract login(signal: AbortSignal): Promise<string>;
  protected abstract authHeaders(token: string): Record<string, string>;

  /** Hides a value (a password sent in a body) from every message this client writes. */
  addSecret(value: string | null | undefined): void {
    this.redactor.add(value);
  }

  redact(text: string): string {
    return this.redactor.redact(text);
  }

  protected get session(): EndpointSession<string> {
    if (this.options.session) return this.options.session;
    this.ownSession ??= new EndpointSession<string>(this.endpointName, { login: (signal) => this.login(signal) });
    return this.ownSession;
  }

  /** Sends with the current token; one 401 renews it and sends again. Answers the raw body. */
  protected async send(request: ApiRequest, signal: AbortSignal, withToken = true): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const token = withToken ? await this.session.current(signal) : null;
      if (token) this.redactor.add(token);
      const payload = request.data?.();
      try {
        const response = await this.http.request({
          method: request.method,
          url: request.url,
          headers: { ...(token ? this.authHeaders(token) : {}), ...payload?.headers },
          ...(payload ? { data: payload.body } : {}),
          ...(request.timeoutMs !== undefined ? { timeout: request.timeoutMs } : {}),
          signal,
        });
        return response.data;
      } catch (error) {
        const expired = token !== null && error instanceof HttpFailure && error.status === 401;
        if (!expired || attempt > 1) throw error;
        this.redactor.add(await this.session.expired(token, signal));
      }
    }
  }

  close(): void {
    this.ownSession?.close();
    this.http.close();
  }
}

/** The run's session of an endpoint with a client of its own for the logins, closed with the run's sessions. */
export function runTokenSession<C extends TokenApi>(sessions: EndpointSessions, key: string, open: () => C): EndpointSession<string> {
  return sessions.get(key, () => {
    const loginClient = open();
    const session = new EndpointSession<string>(loginClient.endpointName, { login: (signal) => loginClient.login(signal) });
    return {
      value: session,
      close: () => {
        session.close();
        loginClient.close();
      },
    };
  });
}
