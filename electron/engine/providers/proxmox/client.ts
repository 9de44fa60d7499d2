import { AppFailure, appError, fail } from '../../../../shared/errors';
import { createHttpClient, type HttpClient, type HttpLog, type TrustPrompt, type TrustStore } from '../../net';
import { Redactor, redactionMarker } from '../../util/redactor';
import { encodeParams, type Params } from './apiPath';
import { ProxmoxFailure, toProxmoxFailure, type ProxmoxCall } from './proxmoxErrors';
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
  /** Tickets last 2 h; renewed once older than this. Default 90 min. */
  renewAfterMs?: number;
  now?: () => number;
}

interface Ticket {
  ticket: string;
  csrf: string;
  obtainedAt: number;
}

const sensitiveParam = /pass(word)?|secret|token|ticket/i;
const readMethods = new Set<Method>(['GET', 'DELETE']);

/*
 * Auth state (password endpoints; token endpoints send a fixed header):
 *
 *   none ──login──> valid ──age > renewAfter──> renewing ──> valid
 *     ^               │ 401 on a call (once)                   │ renewal refused
 *     └───────────────┴────────────────────────────────────────┘ (login again with the password)
 */
export class ProxmoxClient {
  readonly endpointName: string;
  readonly http: HttpClient;
  private readonly redactor = new Redactor();
  private ticket: Ticket | null = null;
  private pendingLogin: Promise<Ticket> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: ProxmoxClientOptions) {
    const { endpoint } = options;
    this.endpointName = endpoint.name;
    this.now = options.now ?? Date.now;
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
      const headers = await this.authHeaders(method, signal);
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
        const expired = failure instanceof ProxmoxFailure && failure.status === 401 && this.options.endpoint.auth.kind === 'password';
        if (expired && attempt === 1) {
          this.ticket = null;
          continue;
        }
        throw failure;
      }
    }
  }

  /** Headers that authenticate a call; writes with a ticket carry the CSRF token. */
  async authHeaders(method: Method, signal: AbortSignal): Promise<Record<string, string>> {
    const { auth } = this.options.endpoint;
    if (auth.kind === 'token') return { Authorization: `PVEAPIToken=${auth.tokenId}=${auth.secret.reveal()}` };
    const ticket = await this.currentTicket(signal);
    const headers: Record<string, string> = { Cookie: `PVEAuthCookie=${ticket.ticket}` };
    if (method !== 'GET') headers.CSRFPreventionToken = ticket.csrf;
    return headers;
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
    this.http.close();
  }

  private async currentTicket(signal: AbortSignal): Promise<Ticket> {
    const renewAfter = this.options.renewAfterMs ?? 90 * 60_000;
    if (this.ticket && this.now() - this.ticket.obtainedAt < renewAfter) return this.ticket;
    // One login at a time: parallel calls wait for the same ticket.
    if (!this.pendingLogin) {
      const previous = this.ticket;
      this.pendingLogin = this.login(previous, signal).finally(() => {
        this.pendingLogin = null;
      });
    }
    this.ticket = await this.pendingLogin;
    return this.ticket;
  }

  private async login(previous: Ticket | null, signal: AbortSignal): Promise<Ticket> {
    const { auth } = this.options.endpoint;
    if (auth.kind !== 'password') fail('internal', 'A token endpoint has no ticket to renew.');
    const username = auth.username.includes('@') ? auth.username : `${auth.username}@pam`;
    if (previous) {
      // PVE renews a ticket that is posted as the password; the stored password is the fallback.
      try {
        return await this.postTicket(username, previous.ticket, signal);
      } catch (error) {
        if (error instanceof AppFailure && error.appError.code === 'cancelled') throw error;
      }
    }
    return this.postTicket(username, auth.password.reveal(), signal);
  }

  private async postTicket(username: string, password: string, signal: AbortSignal): Promise<Ticket> {
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
      throw toProxmoxFailure(error, call, (text) => this.redact(text));
    }
    if (typeof data?.ticket !== 'string' || typeof data.CSRFPreventionToken !== 'string') {
      throw new AppFailure(appError('auth', `Proxmox ${this.endpointName}: the login as ${username} answered without a ticket.`, { retryable: false }));
    }
    this.redactor.add(data.ticket);
    this.redactor.add(data.CSRFPreventionToken);
    return { ticket: data.ticket, csrf: data.CSRFPreventionToken, obtainedAt: this.now() };
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
      appError('network', `Proxmox ${call.endpoint}: ${call.method} ${call.path} answered without PVE's {data} envelope.`, {
        hint: 'Is the endpoint URL the Proxmox API (https://host:8006), not a proxy or another service?',
        retryable: false,
      }),
    );
  }
  return (body as { data: T }).data;
}
