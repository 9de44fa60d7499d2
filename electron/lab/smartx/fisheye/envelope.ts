import type { ServerResponse } from 'node:http';
import { sendJson } from '../http';

/*
 * Fisheye's v2 answers: `{ec: "EOK", error: {}, data}` on success; any other
 * `ec` is an error, with `error.msg` saying what and an HTTP 4xx/5xx.
 */

export type ErrorCode = 'EINVALID_ARGUMENT' | 'ENOTFOUND' | 'EUNAUTHORIZED' | 'EAUTHFAILED' | 'EUPLOAD_CHUNK' | 'EINTERNAL' | 'EBODY_TOO_LARGE';

export class FisheyeError extends Error {
  constructor(
    readonly status: number,
    readonly ec: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FisheyeError';
  }
}

export const invalid = (message: string) => new FisheyeError(400, 'EINVALID_ARGUMENT', message);
export const notFound = (what: string) => new FisheyeError(404, 'ENOTFOUND', `${what} not found`);
export const unauthorized = () => new FisheyeError(401, 'EUNAUTHORIZED', 'token is invalid or expired');

export function sendOk(res: ServerResponse, data: unknown): void {
  sendJson(res, 200, { ec: 'EOK', error: {}, data });
}

export function sendError(res: ServerResponse, error: FisheyeError): void {
  sendJson(res, error.status, { ec: error.ec, error: { msg: error.message }, data: null });
}
