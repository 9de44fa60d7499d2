import { describe, expect, it } from 'vitest';
import { REDACTED, Secret } from './secret';

describe('Secret', () => {
  const secret = new Secret('HC!r0cks');

  it('never shows its value when serialized or printed', () => {
    expect(JSON.stringify({ password: secret })).toBe(`{"password":"${REDACTED}"}`);
    expect(`${secret}`).toBe(REDACTED);
    expect(String(secret)).toBe(REDACTED);
    expect('' + secret).toBe(REDACTED);
    const inspect = (secret as unknown as Record<symbol, () => string>)[Symbol.for('nodejs.util.inspect.custom')];
    expect(inspect?.call(secret)).toBe(REDACTED);
    expect(Object.keys(secret)).toEqual([]);
  });

  it('gives the value back only through reveal()', () => {
    expect(secret.reveal()).toBe('HC!r0cks');
    expect(secret.equals(new Secret('HC!r0cks'))).toBe(true);
    expect(secret.equals(new Secret('other'))).toBe(false);
    expect(new Secret('').isEmpty).toBe(true);
  });
});
