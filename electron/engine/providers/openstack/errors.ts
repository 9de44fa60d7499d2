import { AppFailure, appError, type AppError, type CellRef } from '../../../../shared/errors';
import { text, type TextRef } from '../../../../shared/i18n/engineText';
import { HttpFailure, toHttpFailure } from '../../net';

/*
 * Each OpenStack service wraps its errors its own way:
 *   Keystone  {"error": {"code": 401, "title": "Unauthorized", "message": "..."}}
 *   Nova      {"itemNotFound": {"code": 404, "message": "..."}}   (any one key: badRequest, forbidden, overLimit, ...)
 *   Neutron   {"NeutronError": {"type": "NetworkNotFound", "message": "...", "detail": ""}}
 *   Glance    an HTML or plain text page ("<html><head><title>409 Conflict</title>...")
 * The service's own sentence is what tells an engineer what to fix.
 */
export function serviceMessage(data: unknown): string | null {
  if (typeof data === 'string') return plainMessage(data);
  if (!data || typeof data !== 'object') return null;
  const record = data as Record<string, unknown>;
  const neutron = record.NeutronError as { message?: unknown; type?: unknown } | undefined;
  if (neutron && typeof neutron.message === 'string') return neutron.message;
  const keys = Object.keys(record);
  if (keys.length === 1) {
    const inner = record[keys[0]!] as { message?: unknown } | undefined;
    if (inner && typeof inner.message === 'string') return inner.message;
  }
  if (typeof record.message === 'string') return record.message;
  return null;
}

function plainMessage(text: string): string | null {
  const stripped = text.replace(/<head>[\s\S]*?<\/head>/i, ' ').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  return stripped ? stripped.slice(0, 500) : null;
}

/** What the request was, for messages: `Nova POST /servers on openstack1`. */
export interface OpenStackCall {
  endpoint: string;
  service: string;
  method: string;
  path: string;
  /** Which of several calls to the same path it was (Keystone's two logins), said after the path. */
  purpose?: TextRef;
}

/** A failed OpenStack call: the HTTP status and the service's own message. */
export class OpenStackFailure extends AppFailure {
  constructor(
    error: AppError,
    readonly status: number | undefined,
    readonly serviceText: string | null,
    options?: { cause?: unknown },
  ) {
    super(error, options);
    this.name = 'OpenStackFailure';
  }
}

const serviceTitles: Record<string, string> = { identity: 'Keystone', compute: 'Nova', network: 'Neutron', image: 'Glance' };

export const serviceTitle = (service: string): string => serviceTitles[service] ?? service;

/** Any error of a call as an OpenStackFailure naming the endpoint, the service and what it said. */
export function toOpenStackFailure(error: unknown, call: OpenStackCall, cell?: CellRef): AppFailure {
  if (error instanceof OpenStackFailure) return error;
  const failure = toHttpFailure(error);
  if (!(failure instanceof HttpFailure) || failure.status === undefined) return failure;
  const said = serviceMessage(failure.data);
  const head = {
    service: serviceTitle(call.service),
    endpoint: call.endpoint,
    status: failure.status,
    method: call.method,
    path: call.purpose ? text('openstack.call.pathFor', { path: call.path, purpose: call.purpose }) : call.path,
  };
  // The service's own sentence stays as it said it, with its own full stop.
  const title = said ? text('openstack.call.answeredSaid', { ...head, said }) : text('openstack.call.answered', head);
  const base = quotaError(failure.appError, said, call) ?? failure.appError;
  const hint = base.hintText ?? base.hint;
  return new OpenStackFailure(
    appError(base.code, title, {
      retryable: base.retryable,
      ...(hint ? { hint } : {}),
      ...(base.detail ? { detail: base.detail } : {}),
      ...(cell ? { cell } : {}),
    }),
    failure.status,
    said,
    { cause: error },
  );
}

export const isStatus = (error: unknown, status: number): boolean => error instanceof OpenStackFailure && error.status === status;

/** Nova answers 403 and Neutron 409 for a quota: not a permission problem, and no retry helps. */
export const isQuotaMessage = (text: string | null | undefined): boolean => !!text && /quota exceeded|over ?quota|exceeds? .*quota/i.test(text);
export const quotaHint = (endpoint: string): TextRef => text('openstack.quotaHint', { endpoint, command: 'openstack quota set' });

function quotaError(base: AppError, said: string | null, call: OpenStackCall): AppError | null {
  if (!isQuotaMessage(said)) return null;
  return appError('step_failed', base.title, {
    hint: quotaHint(call.endpoint),
    retryable: false,
  });
}
