import { AxiosError } from 'axios';
import { AppFailure, appError, type AppError } from '../../../../shared/errors';
import { text, type EngineTextKey } from '../../../../shared/i18n/engineText';
import { HttpFailure } from '../../net';

/** One API call, for messages: `pve-lab`, `POST`, `/nodes/pve1/qemu/9000/clone`. */
export interface ProxmoxCall {
  endpoint: string;
  method: string;
  path: string;
}

// PVE's words for "someone else holds this VM's config right now"; the holder lets go, so these are worth a retry.
const lockPatterns = [/VM is locked \([\w-]+\)/i, /can't lock file '[^']*' - got timeout/i, /\bis locked\b/i];
const notFoundPatterns = [/does not exist/i, /no such (vm|node|storage|volume|task)/i, /not found/i];
// pveproxy's own codes when it cannot reach the node it proxies to (a node down).
const unreachableStatuses = new Set([595, 596, 597, 599, 502, 503, 504]);

export const isLockMessage = (text: string): boolean => lockPatterns.some((pattern) => pattern.test(text));

/** A Proxmox API error with what PVE said, so callers can tell locks and missing objects apart. */
export class ProxmoxFailure extends AppFailure {
  constructor(
    error: AppError,
    readonly call: ProxmoxCall,
    readonly status: number | undefined,
    /** PVE's message (reason phrase or `message`), one line. */
    readonly pveMessage: string,
    /** The `errors` map of a `400 Parameter verification failed.` */
    readonly paramErrors: Record<string, string> | null,
  ) {
    // No `cause`: the HTTP error beneath carries the request's headers (ticket, token), which must not travel further.
    super(error);
    this.name = 'ProxmoxFailure';
  }

  get isLock(): boolean {
    return isLockMessage(this.pveMessage);
  }

  get isNotFound(): boolean {
    return this.status === 404 || (this.status === 500 && notFoundPatterns.some((pattern) => pattern.test(this.pveMessage)));
  }

  get isUnreachable(): boolean {
    return this.status !== undefined && unreachableStatuses.has(this.status);
  }
}

export const isLockFailure = (error: unknown): boolean => error instanceof ProxmoxFailure && error.isLock;
export const isNotFoundFailure = (error: unknown): boolean => error instanceof ProxmoxFailure && error.isNotFound;

/** Redacted before it is cut: half a secret is no longer recognised by the redactor. */
function oneLine(text: string, redact: (text: string) => string): string {
  return redact(text.replace(/\s+/g, ' ').trim()).slice(0, 500);
}

function statusTextOf(failure: HttpFailure): string {
  const cause = failure.cause;
  return cause instanceof AxiosError ? String(cause.response?.statusText ?? '') : '';
}

function describeErrors(errors: Record<string, string>, redact: (text: string) => string): string {
  return Object.entries(errors)
    .map(([name, message]) => `${name}: ${oneLine(String(message), redact)}`)
    .join('; ');
}

/**
 * Any failure of a call as an AppFailure whose title names the endpoint, the
 * call and what PVE said. Failures below HTTP (refused, TLS, timeout,
 * cancelled) keep the net layer's error, which already names host and call.
 */
export function toProxmoxFailure(cause: unknown, call: ProxmoxCall, redact: (text: string) => string): AppFailure {
  if (cause instanceof ProxmoxFailure) return cause;
  if (!(cause instanceof HttpFailure) || cause.status === undefined) {
    return cause instanceof AppFailure ? cause : new AppFailure(appError('internal', `${call.method} ${call.path} on ${call.endpoint} failed unexpectedly.`, { detail: redact(String(cause)) }), { cause });
  }
  const status = cause.status;
  const body = (cause.data ?? {}) as { message?: unknown; errors?: unknown };
  const paramErrors = body.errors && typeof body.errors === 'object' ? (body.errors as Record<string, string>) : null;
  const message = oneLine(typeof body.message === 'string' && body.message.trim() ? body.message : statusTextOf(cause) || `HTTP ${status}`, redact);
  const said = (key: EngineTextKey, extra: Record<string, string> = {}) => text(key, { endpoint: call.endpoint, method: call.method, path: call.path, message, ...extra });
  const make = (error: AppError) => new ProxmoxFailure(error, call, status, message, paramErrors);
  if (status === 401) {
    return make(appError('auth', said('pve.call.refused'), { hint: text('pve.hint.checkCredentials'), retryable: false }));
  }
  if (status === 403) {
    return make(appError('auth', said('pve.call.refused'), { hint: text('pve.hint.checkRoles'), retryable: false }));
  }
  if (status === 400 && paramErrors) {
    const detail = describeErrors(paramErrors, redact);
    return make(appError('step_failed', detail ? said('pve.call.refusedParams', { detail }) : said('pve.call.refusedSaid'), { detail, retryable: false }));
  }
  if (status === 501) return make(appError('unsupported', said('pve.call.unsupported'), { retryable: false }));
  if (unreachableStatuses.has(status)) {
    return make(appError('network', said('pve.call.unreachable'), { retryable: true }));
  }
  if (isLockMessage(message)) {
    return make(appError('conflict', said('pve.call.failed'), { hint: text('pve.hint.locked'), retryable: true }));
  }
  if (status === 404 || notFoundPatterns.some((pattern) => pattern.test(message))) return make(appError('not_found', said('pve.call.failed'), { retryable: false }));
  return make(appError('step_failed', said('pve.call.failed'), { retryable: /got timeout/i.test(message) }));
}
