import { text } from '../../../../shared/i18n/engineText';
import { AppFailure, appError } from '../../../../shared/errors';
import { createHttpClient, type HttpClient, type HttpLog, type TrustPrompt, type TrustStore } from '../../net';
import { Redactor, redactionMarker } from '../../util/redactor';
import type { EndpointSession } from '../../net/endpointSessions';
import { encodeParams, type Params } from './apiPath';
import { ProxmoxFailure, toProxmoxFailure, type ProxmoxCall } from './proxmoxErrors';
import { openTicketSession, refusedLogin, type Ticket } from './ticketSession';
import type { ResolvedEndpoint } from './types';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One request as sent (credential-named values replaced), for tests and schema checks. */
export interface RecordedRequest {
  method: Method;
  /** Decoded path below `/api2/json`. */
  path: string;
  params: Record<string, string>;
}

export interface ProxmoxClientOptions {
  endpoint: ResolvedEndpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
  /** Per request; default 30 s. */
  timeoutMs?: number;
  /** Request/response lines (debug), secrets removed. */
  httpLog?: HttpLog;
  onRequest?: (request: RecordedRequest) => void;
  /**
   * The endpoint's ticket session, shared with the run's other clients of
   * it (see runTicketSession). Without one a password client logs in on its own.
   */
  session?: EndpointSession<Ticket>;
  /** For a client's own session: tickets last 2 h; renewed once older than this. Default 90 min. */
  renewAfterMs?: number;
  now?: () => number;
}

const sensitiveParam = /pass(word)?|secret|token|ticket/i;
const readMethods = new Set<Method>(['GET', 'DELETE']);

/**
 * A Proxmox API client: PVE's `{data}` envelope, ticket or token auth, CSRF
 * on writes, secrets redacted from everything it reports. The ticket comes
 * from an EndpointSession (see `net/endpointSessions.ts` for its states); a 401 on a
 * call tells the session its ticket expired and the call is sent once more.
 */
export class ProxmoxClient {
  readonly endpointName: string;
  readonly http: HttpClient;
  private readonly redactor = new Redactor();
  private ownSession: EndpointSession<Ticket> | null = null;
  private learnedTicket: Ticket | null = null;

  constructor(private readonly options: ProxmoxClientOptions) {
    const { endpoint } = options;
    this.endpointName = endpoint.name;
    this.redactor.add(endpoint.auth.kind === 'password' ? endpoint.auth.password.reveal() : endpoint.auth.secret.reveal());
    this.http = createHttpClient({
      baseURL: `${endpoint.url.replace(/\/+$/, '')}/api2/json`,
      trust: options.trust,
      ...(options.prompt ? { prompt: options.prompt } : {}),
      expectedFingerprints: endpoint.fingerprints,
      timeoutMs: options.timeoutMs ?? 30_000,
      // GETs only (the net client never repeats writes); 502-504 and dropped connections.
      retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 4000, jitter: 0.2 },
      redactor: this.redactor,
      ...(options.httpLog ? { onLog: options.httpLog } : {}),
    });
  }

  get<T>(path: string, signal: AbortSignal, params?: Params): Promise<T> {
    return this.request<T>('GET', path, signal, params);
  }

  post<T>(path: string, signal: AbortSignal, params?: Params): Promise<T> {
    return this.request<T>('POST', path, signal, params);
  }

  put<T>(path: string, signal: AbortSignal, params?: Params): Promise<T> {
    return this.request<T>('PUT', path, signal, params);
  }

  delete<T>(path: string, signal: AbortSignal, params?: Params): Promise<T> {
    return this.request<T>('DELETE', path, signal, params);
  }

  /** Sends a call and answers the `data` of PVE's envelope; a 401 with a ticket logs in again once. */
  async request<T>(method: Method, path: string, signal: AbortSignal, params?: Params): Promise<T> {
    const form = encodeParams(params);
    this.learnSecrets(form);
    this.record(method, path, form);
    const call: ProxmoxCall = { endpoint: this.endpointName, method, path };
    for (let attempt = 1; ; attempt++) {
      const ticket = await this.currentTicket(signal);
      const headers = this.headersWith(ticket, method);
      try {
        const query = readMethods.has(method) && [...form.keys()].length > 0 ? `?${form}` : '';
        const response = await this.http.request({
          method,
          url: path + query,
          headers: { ...headers, ...(readMethods.has(method) ? {} : { 'Content-Type': 'application/x-www-form-urlencoded' }) },
          ...(readMethods.has(method) ? {} : { data: form.toString() }),
          signal,
        });
        return unwrap<T>(response.data, call);
      } catch (error) {
        const failure = toProxmoxFailure(error, call, (text) => this.redact(text));
        const expired = ticket !== null && failure instanceof ProxmoxFailure && failure.status === 401;
        if (!expired || attempt > 1) throw failure;
        this.learn(await (this.session as EndpointSession<Ticket>).expired(ticket, signal));
      }
    }
  }

  /** Headers that authenticate a call; writes with a ticket carry the CSRF token. */
  async authHeaders(method: Method, signal: AbortSignal): Promise<Record<string, string>> {
    return this.headersWith(await this.currentTicket(signal), method);
  }

  /** Where tickets come from: the shared session, else (made on first use) one of this client's own; none for a token. */
  private get session(): EndpointSession<Ticket> | null {
    if (this.options.session) return this.options.session;
    if (this.options.endpoint.auth.kind !== 'password') return null;
    this.ownSession ??= openTicketSession(this, this.options.endpoint, this.options);
    return this.ownSession;
  }

  private async currentTicket(signal: AbortSignal): Promise<Ticket | null> {
    const session = this.session;
    return session ? this.learn(await session.current(signal)) : null;
  }

  private headersWith(ticket: Ticket | null, method: Method): Record<string, string> {
    const { auth } = this.options.endpoint;
    if (auth.kind === 'token') return { Authorization: `PVEAPIToken=${auth.tokenId}=${auth.secret.reveal()}` };
    if (!ticket) throw new AppFailure(appError('internal', `Proxmox ${this.endpointName}: a password endpoint without a ticket session.`));
    const headers: Record<string, string> = { Cookie: `PVEAuthCookie=${ticket.ticket}` };
    if (method !== 'GET') headers.CSRFPreventionToken = ticket.csrf;
    return headers;
  }

  /** A shared session's ticket is a secret of this client too. */
  private learn(ticket: Ticket): Ticket {
    if (ticket !== this.learnedTicket) {
      this.redactor.add(ticket.ticket);
      this.redactor.add(ticket.csrf);
      this.learnedTicket = ticket;
    }
    return ticket;
  }

  /** Text with every secret this client knows replaced. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** Hides a value (a VM password sent in a form) from every message this client writes. */
  addSecret(value: string | null | undefined): void {
    this.redactor.add(value);
  }

  close(): void {
    this.ownSession?.close();
    this.http.close();
  }

  /** POST /access/ticket; a 401 is a LoginRefused (the password, or a ticket posted to renew it, was refused). */
  async requestTicket(username: string, password: string, signal: AbortSignal): Promise<Ticket> {
    const call: ProxmoxCall = { endpoint: this.endpointName, method: 'POST', path: '/access/ticket' };
    const form = encodeParams({ username, password });
    this.record('POST', call.path, form);
    let data: { ticket?: unknown; CSRFPreventionToken?: unknown };
    try {
      const response = await this.http.post('/access/ticket', form.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        signal,
      });
      data = unwrap(response.data, call);
    } catch (error) {
      const failure = toProxmoxFailure(error, call, (text) => this.redact(text));
      throw failure instanceof ProxmoxFailure && failure.status === 401 ? refusedLogin(this.options.endpoint, username, failure) : failure;
    }
    if (typeof data?.ticket !== 'string' || typeof data.CSRFPreventionToken !== 'string') {
      throw new AppFailure(appError('auth', text('pve.login.noTicket', { endpoint: this.endpointName, user: username }), { retryable: false }));
    }
    this.redactor.add(data.ticket);
    this.redactor.add(data.CSRFPreventionToken);
    return { ticket: data.ticket, csrf: data.CSRFPreventionToken };
  }

  private learnSecrets(form: URLSearchParams): void {
    for (const [key, value] of form) if (sensitiveParam.test(key)) this.redactor.add(value);
  }

  /** Tells `onRequest` about a request sent outside `request()` (the multipart upload). */
  record(method: Method, path: string, form: URLSearchParams): void {
    if (!this.options.onRequest) return;
    const params: Record<string, string> = {};
    for (const [key, value] of form) params[key] = sensitiveParam.test(key) ? redactionMarker : value;
    this.options.onRequest({ method, path: decodePath(path), params });
  }
}

function decodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function unwrap<T>(body: unknown, call: ProxmoxCall): T {
  if (body === null || typeof body !== 'object' || !('data' in body)) {
    throw new AppFailure(
      appError('network', text('pve.call.noEnvelope', { endpoint: call.endpoint, method: call.method, path: call.path, envelope: '{data}' }), {
        hint: text('pve.hint.notApi'),
        retryable: false,
      }),
    );
  }
  return (body as { data: T }).data;
}
