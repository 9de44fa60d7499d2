import { Agent as HttpAgent } from 'node:http';
import { assertTargetAllowed } from './networkScope';
import axios, { type AxiosError, type AxiosInstance, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { fail } from '../../../shared/errors';
import { text as catalogueText } from '../../../shared/i18n/engineText';
import { retryDelayMs, sleep } from './backoff';
import { describeRequest, isTransient, malformedFailure, toHttpFailure } from './httpErrors';
import { MalformedBody, parseJsonResponse } from './jsonResponse';
import { DialledHttpAgent } from './dialledAgent';
import { PinnedAgent } from './pinnedAgent';
import { Scrubber } from './redaction';
import { caBundle } from './tlsConnect';
import { TlsTrust } from './tlsTrust';
import type { HttpClientOptions } from './types';

/** An axios instance whose errors are all `HttpFailure`/`AppFailure`; `close()` drops its pooled connections. */
export type HttpClient = AxiosInstance & { close(): void };

type TrackedConfig = InternalAxiosRequestConfig & { rackpilotAttempt?: number };

const idempotent = new Set(['GET', 'HEAD']);

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = parseBaseUrl(options.baseURL);
  if (!(options.timeoutMs > 0)) fail('invalid_request', catalogueText('net.http.badTimeout', { host: base.host }));
  const { onLog, retry } = options;
  const scrubber = new Scrubber(options.redactor);
  const tlsTrust = new TlsTrust({
    trust: options.trust,
    ...(options.prompt ? { prompt: options.prompt } : {}),
    ...(options.expectedFingerprints ? { expectedFingerprints: options.expectedFingerprints } : {}),
    now: options.now ?? Date.now,
  });
  const ca = caBundle(options.ca);
  const { dialTo } = options;
  const httpsAgent = new PinnedAgent(tlsTrust, options.timeoutMs, { keepAlive: true, ...(ca ? { ca } : {}) }, dialTo);
  const httpAgent = dialTo ? new DialledHttpAgent(dialTo, { keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const instance = axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    httpsAgent,
    httpAgent,
    // No environment proxy (deterministic on site), no redirects (they could carry credentials to another host).
    proxy: false,
    maxRedirects: 0,
    maxBodyLength: Infinity,
    responseType: 'json',
    transformResponse: [parseJsonResponse],
  });
  const startedAt = new WeakMap<object, number>();

  instance.interceptors.request.use((config) => {
    const target = new URL(instance.getUri(config));
    assertTargetAllowed(target.hostname, Number(target.port) || (target.protocol === 'https:' ? 443 : 80));
    if (dialTo) assertTargetAllowed(dialTo.host, dialTo.port);
    startedAt.set(config, performance.now());
    // Always formatted: redacting teaches the scrubber this request's secrets, which errors must hide too.
    const url = scrubber.url(instance.getUri(config));
    const headers = scrubber.headers(plainHeaders(config.headers));
    const body = scrubber.body(config.data);
    onLog?.('debug', `→ ${config.method?.toUpperCase()} ${url} ${headers}${body ? ` ${body}` : ''}`);
    return config;
  });

  instance.interceptors.response.use(
    (response: AxiosResponse) => {
      log(response.config, `← ${response.status} ${response.statusText ?? ''}`.trim(), response);
      if (response.data instanceof MalformedBody) throw malformedFailure(response, response.data, scrubber);
      return response;
    },
    async (error: AxiosError) => {
      if (error?.response) scrubber.learnFrom(plainHeaders(error.response.headers), error.response.data);
      const failure = toHttpFailure(error, scrubber);
      const config = error?.config as TrackedConfig | undefined;
      if (config) log(config, `✕ ${failure.appError.code}: ${failure.appError.title}`, error.response);
      const method = (config?.method ?? 'get').toUpperCase();
      const attempt = config?.rackpilotAttempt ?? 1;
      if (!config || !retry || !idempotent.has(method) || !isTransient(failure) || attempt >= retry.maxAttempts) throw failure;
      const signal = config.signal as AbortSignal | undefined;
      const delay = retryDelayMs(retry, attempt);
      onLog?.('warn', `${failure.appError.title} Retrying in ${delay} ms (attempt ${attempt + 1} of ${retry.maxAttempts}).`);
      await sleep(delay, signal, `${method} ${describeRequest(config).path}`);
      return instance.request({ ...config, rackpilotAttempt: attempt + 1 } as TrackedConfig);
    },
  );

  function log(config: InternalAxiosRequestConfig, head: string, response?: AxiosResponse): void {
    if (!onLog) {
      if (response) scrubber.learnFrom(plainHeaders(response.headers), response.data);
      return;
    }
    const started = startedAt.get(config);
    const ms = started === undefined ? '' : ` (${Math.round(performance.now() - started)} ms)`;
    const request = `${config.method?.toUpperCase()} ${scrubber.url(instance.getUri(config))}`;
    const headers = response ? ` ${scrubber.headers(plainHeaders(response.headers))}` : '';
    const rawBody = response?.data instanceof MalformedBody ? response.data.text : response?.data;
    const body = response ? scrubber.body(rawBody) : '';
    onLog('debug', `${head} ${request}${ms}${headers}${body ? ` ${body}` : ''}`);
  }

  return Object.assign(instance, {
    close(): void {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  });
}

function plainHeaders(headers: unknown): Record<string, unknown> {
  const plain = typeof (headers as { toJSON?: unknown })?.toJSON === 'function' ? (headers as { toJSON(): object }).toJSON() : headers;
  return (plain ?? {}) as Record<string, unknown>;
}

function parseBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail('invalid_request', catalogueText('net.url.invalid', { url: text }), { hint: catalogueText('net.url.invalidHint') });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('invalid_request', catalogueText('net.url.scheme', { url: text }));
  }
  return url;
}
