import { AxiosError, isCancel, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { AppFailure, appError, type AppError } from '../../../shared/errors';
import { text, type EngineTextKey } from '../../../shared/i18n/engineText';

import { MalformedBody } from './jsonResponse';
import { describeBody } from './redaction';
import type { SecretRedactor } from './types';

/** An HTTP call that failed; providers read `status` and `data` for platform-specific meaning (Proxmox locks, ...). */
export class HttpFailure extends AppFailure {
  constructor(
    error: AppError,
    readonly request: { method: string; url: string },
    readonly status?: number,
    readonly data?: unknown,
    options?: { cause?: unknown },
  ) {
    super(error, options);
    this.name = 'HttpFailure';
  }
}

const socketWords: Record<string, EngineTextKey> = {
  ECONNREFUSED: 'error.net.refused',
  ENOTFOUND: 'error.net.notFound',
  EAI_AGAIN: 'error.net.unresolved',
  ETIMEDOUT: 'error.net.connectTimeout',
  ECONNRESET: 'error.net.reset',
  EPIPE: 'error.net.pipe',
  EHOSTUNREACH: 'error.net.noHost',
  ENETUNREACH: 'error.net.noNetwork',
  ECONNABORTED: 'error.net.aborted',
};

function codeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code in socketWords) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
}

/** A failure below HTTP: `where` is host:port, `doing` what we were trying ("GET /api2/json/version"). */
export function socketFailure(error: unknown, where: string, doing: string): AppFailure {
  const code = codeOf(error);
  const message = error instanceof Error ? error.message : String(error);
  const words = code ? socketWords[code] : undefined;
  if (words) {
    return new AppFailure(appError('network', text(words, { where, doing }), { detail: message, retryable: true }), { cause: error });
  }
  if (code?.startsWith('ERR_SSL') || code === 'EPROTO' || /ssl|tls/i.test(message)) {
    return new AppFailure(
      appError('network', text('error.net.tls', { where, doing }), {
        hint: text('error.net.tlsHint'),
        detail: message,
        retryable: false,
      }),
      { cause: error },
    );
  }
  return new AppFailure(appError('network', text('error.net.failed', { where, doing }), { detail: message, retryable: true }), { cause: error });
}

export function describeRequest(config: InternalAxiosRequestConfig | undefined): { where: string; method: string; path: string; url: string } {
  const method = (config?.method ?? 'get').toUpperCase();
  try {
    const url = new URL(config?.url ?? '', config?.baseURL);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return { where: `${url.hostname}:${port}`, method, path: url.pathname, url: `${url.origin}${url.pathname}` };
  } catch {
    return { where: String(config?.baseURL ?? 'the endpoint'), method, path: String(config?.url ?? ''), url: String(config?.url ?? '') };
  }
}

function statusFailure(response: AxiosResponse, request: ReturnType<typeof describeRequest>, redactor?: SecretRedactor): AppError {
  const status = response.status;
  const said = `${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const redact = (text: string): string => (redactor ? redactor.redact(text) : text);
  const head = { where: request.where, status: redact(said), method: request.method, path: request.path };
  const answered = text('error.http.answered', head);
  const detail = describeBody(bodyOf(response.data), redactor);
  const extra = detail ? { detail } : {};
  if (status === 401) return appError('auth', text('error.http.refused', head), { ...extra, hint: text('error.http.refusedHint'), retryable: false });
  if (status === 403) return appError('auth', text('error.http.forbidden', head), { ...extra, hint: text('error.http.forbiddenHint'), retryable: false });
  if (status === 404) return appError('not_found', answered, extra);
  if (status === 408) return appError('timeout', answered, { ...extra, retryable: true });
  if (status === 409 || status === 423) return appError('conflict', answered, { ...extra, retryable: true });
  if (status === 429 || status === 502 || status === 503 || status === 504) return appError('network', answered, { ...extra, retryable: true });
  return appError('step_failed', answered, { ...extra, retryable: false });
}

const bodyOf = (data: unknown): unknown => (data instanceof MalformedBody ? data.text : data);

/** A 2xx answer whose body is not the JSON the request expected. */
export function malformedFailure(response: AxiosResponse, body: MalformedBody, redactor?: SecretRedactor): HttpFailure {
  const request = describeRequest(response.config);
  const excerpt = describeBody(body.text.replace(/\s+/g, ' '), redactor).slice(0, 200);
  return new HttpFailure(
    appError('network', text('error.http.notJson', { where: request.where, method: request.method, path: request.path, type: body.contentType }), {
      hint: text('error.http.notJsonHint'),
      detail: excerpt,
      retryable: false,
    }),
    { method: request.method, url: request.url },
    response.status,
    body.text,
  );
}

/** Any error out of axios as an AppFailure that names the endpoint and what happened; secrets redacted. */
export function toHttpFailure(error: unknown, redactor?: SecretRedactor): AppFailure {
  if (error instanceof AppFailure) return error;
  for (let cause = (error as { cause?: unknown })?.cause, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof AppFailure) return cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  const config = error instanceof AxiosError ? error.config : undefined;
  const request = describeRequest(config);
  const doing = `${request.method} ${request.path}`;
  const requestRef = { method: request.method, url: request.url };
  if (isCancel(error) || (error as { code?: string })?.code === 'ERR_CANCELED') {
    return new HttpFailure(appError('cancelled', text('error.http.cancelled', { doing, where: request.where })), requestRef);
  }
  if (error instanceof AxiosError && error.response) {
    return new HttpFailure(statusFailure(error.response, request, redactor), requestRef, error.response.status, bodyOf(error.response.data));
  }
  if (error instanceof AxiosError && error.code === 'ECONNABORTED' && /timeout/i.test(error.message)) {
    return new HttpFailure(
      appError('timeout', text('error.http.timeout', { where: request.where, doing, ms: config?.timeout ?? '?' }), { retryable: true }),
      requestRef,
    );
  }
  const failure = socketFailure(error, request.where, doing);
  return new HttpFailure(failure.appError, requestRef);
}

/** Transient failures worth repeating for an idempotent request. */
export function isTransient(failure: AppFailure): boolean {
  if (failure instanceof HttpFailure && failure.status !== undefined) return [502, 503, 504].includes(failure.status);
  return failure.appError.retryable && (failure.appError.code === 'network' || failure.appError.code === 'timeout');
}
