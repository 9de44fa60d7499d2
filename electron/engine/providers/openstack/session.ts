import type { AxiosResponse, ResponseType } from 'axios';
import { createHttpClient, type HttpClient, type HttpLog, type TrustPrompt, type TrustStore } from '../../net';
import { EndpointSession } from '../../net/endpointSessions';
import { TunnelPool, type HostKeyStore } from '../../ssh';
import { Redactor } from '../../util/redactor';
import { serviceUrl } from './catalog';
import { toOpenStackFailure, isStatus } from './errors';
import { keystoneLogin, needsRenewal, type KeystoneToken } from './keystone';
import { computeRange, negotiateMicroversion } from './microversion';
import { clientTarget, ServiceRoutes } from './routes';
import type { ResolvedOpenStackEndpoint, ServiceType } from './types';

export interface OpenStackSessionOptions {
  endpoint: ResolvedOpenStackEndpoint;
  trust: TrustStore;
  prompt?: TrustPrompt;
  /** SSH host-key pins, for the bastion's tunnels. */
  hostKeys?: HostKeyStore;
  /** A pool the caller owns (tests); otherwise the session makes and closes its own. */
  tunnels?: TunnelPool;
  timeoutMs?: number;
  httpLog?: HttpLog;
  /** Every request as sent: the URL asked for and the one it went to (a tunnel's local end). */
  onRequest?: (request: { service: ServiceType; method: string; url: string; sentTo: string }) => void;
  now?: () => number;
}

export interface CallOptions {
  data?: unknown;
  params?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  responseType?: ResponseType;
  timeoutMs?: number;
  /** Statuses that are answers, not failures (a 404 that means "gone"). */
  accept?: number[];
}

/*
 * One OpenStack endpoint for a run: the Keystone token (an EndpointSession:
 * a refused login is final, a token close to its expiry is renewed with the
 * password before it is sent), the catalog's service URLs, the tunnels when
 * the endpoint is behind a bastion, and one HTTP client per origin.
 *
 *   no token ──first call──> logging in ──ok──> token ──< 10 min left or a 401──> logging in again
 *                                └──refused──> refused (every call fails at once)
 */
export class OpenStackSession {
  readonly routes: ServiceRoutes;
  readonly redactor = new Redactor();
  private readonly login: EndpointSession<KeystoneToken>;
  private readonly clients = new Map<string, HttpClient>();
  private readonly ownPool: TunnelPool | null;
  private computeVersion: Promise<string> | null = null;
  private readonly now: () => number;

  constructor(private readonly options: OpenStackSessionOptions) {
    const { endpoint } = options;
    this.now = options.now ?? Date.now;
    this.redactor.add(endpoint.password.reveal());
    this.ownPool = endpoint.jumpChain.length > 0 && !options.tunnels ? new TunnelPool({ store: options.hostKeys ?? noPins, redactor: this.redactor }) : null;
    this.routes = new ServiceRoutes(endpoint.jumpChain, options.tunnels ?? this.ownPool);
    this.login = new EndpointSession(endpoint.name, { login: (signal) => keystoneLogin((path, body, s) => this.post(path, body, s), endpoint, signal) }, { now: this.now });
  }

  get endpoint(): ResolvedOpenStackEndpoint {
    return this.options.endpoint;
  }

  /** A valid token: logged in on first use, renewed when it is close to its expiry. */
  async token(signal: AbortSignal): Promise<KeystoneToken> {
    const token = await this.login.current(signal);
    return needsRenewal(token, this.now()) ? this.login.expired(token, signal) : token;
  }

  /** Nova's microversion for this run, asked once. */
  microversion(signal: AbortSignal): Promise<string> {
    this.computeVersion ??= this.call<{ version?: { min_version?: string; version?: string } }>('compute', 'GET', '/', signal, { headers: {} }).then((root) =>
      negotiateMicroversion(root.version, computeRange, this.endpoint.name),
    );
    this.computeVersion.catch(() => (this.computeVersion = null));
    return this.computeVersion;
  }

  /** One call to a service of the catalog; a 401 tells the session its token died and the call goes once more. */
  async call<T>(service: ServiceType, method: string, path: string, signal: AbortSignal, options: CallOptions = {}): Promise<T> {
    return (await this.send<T>(service, method, path, signal, options)).data;
  }

  async send<T>(service: ServiceType, method: string, path: string, signal: AbortSignal, options: CallOptions = {}): Promise<AxiosResponse<T>> {
    const versioned: Record<string, string> = service === 'compute' && path !== '/' ? { 'OpenStack-API-Version': `compute ${await this.microversion(signal)}` } : {};
    for (let attempt = 1; ; attempt++) {
      const token = await this.token(signal);
      const url = `${serviceUrl(token.services, service, this.endpoint)}${path === '/' ? '/' : path}`;
      try {
        return await this.request<T>(service, method, url, signal, { ...options, headers: { 'X-Auth-Token': token.value, ...versioned, ...options.headers } });
      } catch (error) {
        const failure = toOpenStackFailure(error, { endpoint: this.endpoint.name, service, method, path });
        if (!isStatus(failure, 401) || attempt > 1) throw failure;
        await this.login.expired(token, signal);
      }
    }
  }

  close(): void {
    this.login.close();
    this.routes.close();
    this.ownPool?.close();
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private async post(path: string, body: object, signal: AbortSignal): Promise<AxiosResponse> {
    return this.request('identity', 'POST', `${this.endpoint.authUrl}${path}`, signal, { data: body });
  }

  private async request<T>(service: ServiceType, method: string, url: string, signal: AbortSignal, options: CallOptions): Promise<AxiosResponse<T>> {
    const sentTo = new URL(await this.routes.resolve(url, signal));
    this.options.onRequest?.({ service, method, url, sentTo: sentTo.toString() });
    const accept = options.accept ?? [];
    return this.clientFor(clientTarget(url, sentTo.toString())).request<T>({
      method,
      url: `${sentTo.pathname}${sentTo.search}`,
      signal,
      ...(options.data !== undefined ? { data: options.data } : {}),
      ...(options.params ? { params: options.params } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.responseType ? { responseType: options.responseType } : {}),
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
      validateStatus: (status) => (status >= 200 && status < 300) || accept.includes(status),
    });
  }

  private clientFor({ origin, dialTo }: ReturnType<typeof clientTarget>): HttpClient {
    const key = dialTo ? `${origin} via ${dialTo.host}:${dialTo.port}` : origin;
    let client = this.clients.get(key);
    if (!client) {
      client = createHttpClient({
        baseURL: origin,
        ...(dialTo ? { dialTo } : {}),
        trust: this.options.trust,
        ...(this.options.prompt ? { prompt: this.options.prompt } : {}),
        expectedFingerprints: this.endpoint.fingerprints,
        timeoutMs: this.options.timeoutMs ?? 60_000,
        // GETs only (writes are never repeated by the client): 502-504 and dropped connections, e.g. a tunnel that reconnects.
        retry: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 4000, jitter: 0.2 },
        redactor: this.redactor,
        ...(this.options.httpLog ? { onLog: this.options.httpLog } : {}),
      });
      this.clients.set(key, client);
    }
    return client;
  }
}

/** Without a store the bastion's key must be in the workbook (Host key column); nothing is pinned. */
const noPins: HostKeyStore = { findPins: () => [], addPin: () => undefined };
