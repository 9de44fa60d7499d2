export const redactionMarker = '«redacted»';

/**
 * Replaces every known secret in text before it is logged, stored or sent.
 * Secrets are registered as they are read (workbook, UI), so the log of a
 * step that echoes a password still never contains it.
 */
export class Redactor {
  private secrets: string[] = [];
  private pattern: RegExp | null = null;

  add(secret: string | undefined | null): void {
    if (!secret || this.secrets.includes(secret)) return;
    this.secrets.push(secret);
    // Longest first, so a secret containing another is replaced whole.
    this.secrets.sort((a, b) => b.length - a.length);
    const escaped = this.secrets.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.pattern = new RegExp(escaped.join('|'), 'g');
  }

  redact(text: string): string {
    return this.pattern ? text.replace(this.pattern, redactionMarker) : text;
  }
}
