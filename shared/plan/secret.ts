/** What a secret turns into wherever it is printed, logged or serialized. */
export const REDACTED = '«redacted»';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/**
 * A password, token or passphrase read from the plan. The value lives in a
 * private field so that JSON.stringify, template strings, console.log and
 * util.inspect all see the redaction marker; only `reveal()` gives it back,
 * which makes every use of the clear value easy to find in review.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  get isEmpty(): boolean {
    return this.#value.length === 0;
  }

  /** Compares without revealing to the caller; used to detect shared passwords. */
  equals(other: Secret | null | undefined): boolean {
    return other instanceof Secret && other.#value === this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return REDACTED;
  }

  static isSecret(value: unknown): value is Secret {
    return value instanceof Secret;
  }
}
