import { Redactor, redactionMarker } from '../util/redactor';
import type { SecretRedactor } from './types';

/*
 * Two layers, because either alone leaks: names (a header or field that is a
 * credential by its name, whatever its value) and values (the Redactor knows
 * the secrets read from the workbook, wherever they appear). The Scrubber
 * also learns every value it hid by name, so a server that echoes a password
 * inside a message string, or a ticket that comes back in a later answer,
 * is hidden too.
 */

type Learn = (value: string) => void;

const sensitiveHeader = /^(cookie|set-cookie|authorization|proxy-authorization|csrfpreventiontoken|x-smartx-token|x-auth-token|x-subject-token|x-api-key)$|token|session|secret|password/i;
// Not a bare /pass/: `passthrough` or `bypass` are settings, not secrets.
const sensitiveField = /passw(or)?d|passphrase|^pass$|secret|token|ticket|cookie|authorization|credential|api[-_]?key|private[-_]?key|^otp$/i;
const maxBody = 2000;

export function isSensitiveHeader(name: string): boolean {
  return sensitiveHeader.test(name);
}

/** Cookie and credential header values: the whole value, and each cookie's or scheme's value part. */
function learnHeaderValue(value: string, learn: Learn): void {
  learn(value);
  for (const part of value.split(/[;,]/)) {
    const pair = part.trim();
    const cut = pair.indexOf('=');
    if (cut > 0) learn(pair.slice(cut + 1));
    const space = pair.indexOf(' ');
    if (space > 0) learn(pair.slice(space + 1));
    const last = pair.lastIndexOf('=');
    if (last > cut) learn(pair.slice(last + 1));
  }
}

export function redactHeaders(headers: Record<string, unknown> | undefined, learn?: Learn): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null || typeof value === 'function') continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    if (!isSensitiveHeader(name)) {
      out[name] = text;
      continue;
    }
    out[name] = redactionMarker;
    if (learn) (Array.isArray(value) ? value.map(String) : [text]).forEach((item) => learnHeaderValue(item, learn));
  }
  return out;
}

function redactParams(params: URLSearchParams, learn?: Learn): string {
  const parts: string[] = [];
  for (const [key, value] of params) {
    const sensitive = sensitiveField.test(key);
    if (sensitive) learn?.(value);
    parts.push(`${encodeURIComponent(key)}=${sensitive ? redactionMarker : encodeURIComponent(value)}`);
  }
  return parts.join('&');
}

/** A deep copy with the values of credential-named fields replaced. */
export function redactFields(value: unknown, learn?: Learn, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactFields(item, learn, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (!sensitiveField.test(key)) {
      out[key] = redactFields(item, learn, depth + 1);
      continue;
    }
    out[key] = redactionMarker;
    if (learn && (typeof item === 'string' || typeof item === 'number')) learn(String(item));
  }
  return out;
}

function redactText(text: string, learn?: Learn): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactFields(JSON.parse(trimmed), learn));
    } catch {
      // Not JSON after all: fall through to the form check and the value redactor.
    }
  }
  if (/^[^\s=&]+=[^\s&]*(&[^\s=&]+=[^\s&]*)*$/.test(trimmed)) return redactParams(new URLSearchParams(trimmed), learn);
  return text;
}

/** A request or response body as one safe, bounded line for a log or an error detail. */
export function describeBody(data: unknown, redactor?: SecretRedactor, learn?: Learn): string {
  let text: string;
  if (data === undefined || data === null || data === '') return '';
  if (Buffer.isBuffer(data) || data instanceof ArrayBuffer) text = `[${data.byteLength} bytes]`;
  else if (typeof (data as { pipe?: unknown }).pipe === 'function') text = '[stream]';
  else if (data instanceof URLSearchParams) text = redactParams(data, learn);
  else if (typeof data === 'string') text = redactText(data, learn);
  else if (typeof data === 'object') text = safeJson(redactFields(data, learn));
  else text = String(data);
  // Redacted before it is cut: half a secret is no longer recognised.
  if (redactor) text = redactor.redact(text);
  return text.length > maxBody ? `${text.slice(0, maxBody)}… (${text.length} characters)` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[unserialisable body]';
  }
}

/** A URL with credential-named query parameters (and any user:password@) removed. */
export function redactUrl(url: string, redactor?: SecretRedactor, learn?: Learn): string {
  let text = url;
  try {
    const parsed = new URL(url);
    if (parsed.password) learn?.(decodeURIComponent(parsed.password));
    const query = parsed.search ? `?${redactParams(parsed.searchParams, learn)}` : '';
    text = `${parsed.origin}${parsed.pathname}${query}`;
  } catch {
    // A relative or odd URL is logged as given, after the value redactor.
  }
  return redactor ? redactor.redact(text) : text;
}

/**
 * One client's redaction: the caller's Redactor plus every value it has hidden
 * by name so far. Values shorter than 6 characters are not learned (they would
 * blank out ordinary words such as `true`); the caller's Redactor, which knows
 * the plan's secrets, covers those.
 */
export class Scrubber implements SecretRedactor {
  private readonly learned = new Redactor({ encodedForms: false });
  private readonly known = new Set<string>();
  readonly learn: Learn = (value) => {
    // A bound keeps a long-lived client from growing its pattern without end (tickets renew every two hours).
    if (value.length < 6 || this.known.has(value) || this.known.size >= 500) return;
    this.known.add(value);
    this.learned.add(value);
  };

  constructor(private readonly outer?: SecretRedactor) {}

  redact(text: string): string {
    return this.learned.redact(this.outer ? this.outer.redact(text) : text);
  }

  headers(headers: Record<string, unknown> | undefined): string {
    return this.redact(JSON.stringify(redactHeaders(headers, this.learn)));
  }

  body(data: unknown): string {
    return describeBody(data, this, this.learn);
  }

  url(url: string): string {
    return redactUrl(url, this, this.learn);
  }

  /** Learns from an answer without formatting it (when nothing is logged). */
  learnFrom(headers: Record<string, unknown> | undefined, data: unknown): void {
    redactHeaders(headers, this.learn);
    if (data !== null && typeof data === 'object' && !Buffer.isBuffer(data)) redactFields(data, this.learn);
  }
}
