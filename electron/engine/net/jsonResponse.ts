import type { AxiosResponseHeaders, InternalAxiosRequestConfig, RawAxiosResponseHeaders } from 'axios';

/** A body that should have been JSON and is not (a proxy's HTML error page, a truncated answer). */
export class MalformedBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

/**
 * Replaces axios' lenient parsing, which hands back the raw string when JSON
 * does not parse and so lets a login page reach the provider as "data".
 * Only requests that expect JSON are parsed; streams and buffers pass through.
 */
export function parseJsonResponse(
  this: InternalAxiosRequestConfig,
  data: unknown,
  headers: AxiosResponseHeaders | RawAxiosResponseHeaders,
): unknown {
  if (this.responseType !== 'json' || typeof data !== 'string') return data;
  if (data.trim() === '') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    const contentType = String((headers as Record<string, unknown>)['content-type'] ?? 'no content type');
    return new MalformedBody(data.slice(0, 4000), contentType);
  }
}
