import { secretForms } from './secretForms';

export const redactionMarker = '«redacted»';

/** What the write path needs of a redactor: text in, text without known secrets out. */
export interface TextRedactor {
  redact(text: string): string;
}

export interface RedactorOptions {
  /**
   * Also hide the secret's encoded forms (URL, form, JSON-escaped, base64 at
   * every alignment). On for the plan's secrets; the net layer's learned
   * values (tickets, cookies) only ever travel as they are.
   */
  encodedForms?: boolean;
}

/**
 * Replaces every known secret in text before it is logged, stored or sent.
 * Secrets are registered as they are read (workbook, UI), so the log of a
 * step that echoes a password still never contains it.
 */
export class Redactor implements TextRedactor {
  private readonly secrets = new Set<string>();
  private readonly forms = new Set<string>();
  private pattern: RegExp | null = null;
  private readonly encodedForms: boolean;

  constructor(options: RedactorOptions = {}) {
    this.encodedForms = options.encodedForms ?? true;
  }

  add(secret: string | undefined | null): void {
    if (!secret || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    for (const form of this.encodedForms ? secretForms(secret) : [secret]) this.forms.add(form);
    // Longest first, so a secret containing another is replaced whole.
    const escaped = [...this.forms].sort((a, b) => b.length - a.length).map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = new RegExp(escaped.join('|'), 'g');
  }

  redact(text: string): string {
    return this.pattern ? text.replace(this.pattern, redactionMarker) : text;
  }
}

/** How deep redactDeep looks; a cycle or data nested deeper is cut there. */
const maxRedactionDepth = 32;

/**
 * A deep copy in which every string has passed the redactor (keys are names
 * the code chose, not data). What lies deeper than it looks is replaced by
 * the marker rather than handed on unchecked: a TextRef's parameters may nest
 * without limit, and a platform's words at the bottom may quote a secret.
 */
export function redactDeep<T>(value: T, redactor: TextRedactor, depth = 0): T {
  if (typeof value === 'string') return redactor.redact(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth > maxRedactionDepth) return redactionMarker as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redactor, depth + 1)) as T;
  // Only plain data: a Secret or a Buffer is left to its own serialisation.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, redactor, depth + 1);
  return out as T;
}

/** Cuts text to `max` characters after redacting it, so a secret cut in half never leaves its first part behind. */
export function clipRedacted(text: string, max: number, redactor: TextRedactor): string {
  const safe = redactor.redact(text);
  return safe.length > max ? `${safe.slice(0, max)}… (${safe.length} characters)` : safe;
}
