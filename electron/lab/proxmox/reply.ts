import type { ServerResponse } from 'node:http';
import type { ParamErrors } from './schema/validate';

/**
 * An error answered the way pveproxy does: the message is the HTTP reason
 * phrase and `message` in the body; parameter errors carry `errors`.
 */
export class PveError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ParamErrors,
  ) {
    super(message);
    this.name = 'PveError';
  }
}

/**
 * An error pveproxy's HTTP layer answers itself (`$self->error(...)`): the
 * message is the reason phrase and the whole body, not JSON.
 */
export class HttpServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpServerError';
  }
}

export const paramError = (errors: ParamErrors) => new PveError(400, 'Parameter verification failed.', errors);
export const notImplemented = (method: string, path: string) => new PveError(501, `Method '${method} ${path}' not implemented`);
/** A 500 with PVE's message text (`VM is locked (clone)`). */
export const pveFail = (message: string) => new PveError(500, message);

export function sendJson(res: ServerResponse, status: number, body: unknown, reason?: string): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  if (reason) res.statusMessage = reasonPhrase(reason);
  res.setHeader('Content-Type', 'application/json;charset=UTF-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.setHeader('Cache-Control', 'max-age=0');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Server', 'pve-api-daemon/3.0');
  res.end(text);
}

/** `{data: ...}` plus PVE's result attributes (`total` for task logs). */
export function sendData(res: ServerResponse, data: unknown, extra: Record<string, unknown> = {}): void {
  sendJson(res, 200, { data: data ?? null, ...extra }, 'OK');
}

export function sendError(res: ServerResponse, error: PveError): void {
  const body: Record<string, unknown> = { data: null };
  if (error.errors) body.errors = error.errors;
  else body.message = error.message.endsWith('\n') ? error.message : `${error.message}\n`;
  sendJson(res, error.status, body, error.message);
}

/**
 * As `response()` in pve-http-server: the reason is the message's first line;
 * if that still holds a CR (a CRLF message), the answer becomes a bare
 * `400 Bad Request` (commit 936007a, against header injection). The
 * connection closes after any error (keep_alive = 0 from 400 up).
 */
export function sendHttpServerError(res: ServerResponse, error: HttpServerError): void {
  if (res.headersSent || res.destroyed) return;
  // Perl's m/^(.*)$/m stops at LF only: a CR stays in the line.
  const firstLine = error.message.split('\n')[0] as string;
  const unsafe = /[\r\n]/.test(firstLine);
  const status = unsafe ? 400 : error.status;
  const content = unsafe ? '' : error.message;
  res.statusCode = status;
  res.statusMessage = unsafe ? 'Bad Request' : firstLine;
  res.setHeader('Connection', 'close');
  res.setHeader('Cache-Control', 'max-age=0');
  res.setHeader('Pragma', 'no-cache');
  res.setHeader('Server', 'pve-api-daemon/3.0');
  res.setHeader('Content-Length', Buffer.byteLength(content));
  res.end(content);
}

/** Reason phrases are one line of visible ASCII; PVE puts the first line of the error there. */
function reasonPhrase(message: string): string {
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? 'Error';
  return firstLine.replace(/[^\x20-\x7e]/g, '?').slice(0, 500);
}
