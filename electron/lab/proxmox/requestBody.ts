import type { IncomingMessage } from 'node:http';
import { PveError } from './reply';

/** pveproxy refuses large non-upload bodies; uploads never pass through here. */
export const maxBodyBytes = 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PveError(413, 'Request Entity Too Large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Request parameters as pveproxy collects them: the body of POST/PUT (JSON
 * or form-urlencoded), then the query string on top, for every method.
 */
export function collectParams(contentType: string | undefined, body: Buffer, query: URLSearchParams): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (body.length > 0) {
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/json') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw new PveError(400, 'malformed JSON string in request body');
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new PveError(400, 'request body is not a JSON object');
      }
      Object.assign(params, parsed);
    } else {
      for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params[key] = value;
    }
  }
  for (const [key, value] of query) params[key] = value;
  return params;
}
