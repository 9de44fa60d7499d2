import { describe, expect, it } from 'vitest';
import { Redactor, redactionMarker } from './redactor';

describe('Redactor', () => {
  it('leaves text alone when it knows no secret', () => {
    expect(new Redactor().redact('password=hunter2')).toBe('password=hunter2');
  });

  it('replaces every occurrence of every secret, including regex metacharacters', () => {
    const redactor = new Redactor();
    redactor.add('p@ss.w*rd');
    redactor.add('token(1)');
    expect(redactor.redact('login p@ss.w*rd then token(1) and p@ss.w*rd')).toBe(
      `login ${redactionMarker} then ${redactionMarker} and ${redactionMarker}`,
    );
    expect(redactor.redact('p@ssXw*rd')).toBe('p@ssXw*rd');
  });

  it('replaces a longer secret whole when it contains a shorter one', () => {
    const redactor = new Redactor();
    redactor.add('abc');
    redactor.add('abcdef');
    expect(redactor.redact('x abcdef y abc')).toBe(`x ${redactionMarker} y ${redactionMarker}`);
  });
});
