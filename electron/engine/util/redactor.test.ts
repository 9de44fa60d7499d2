import { describe, expect, it } from 'vitest';
import { clipRedacted, redactDeep, Redactor, redactionMarker } from './redactor';

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

describe('Redactor: encoded forms', () => {
  const secret = 'S3cr"et/+ &%pass';
  const redactor = new Redactor();
  redactor.add(secret);

  it.each([
    ['URL-encoded', `?p=${encodeURIComponent(secret)}&x=1`],
    ['URL-encoded, lower-case hex', `?p=${encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())}`],
    ['form-encoded', new URLSearchParams({ p: secret }).toString()],
    ['JSON-escaped', JSON.stringify({ p: secret })],
    ['JSON inside JSON', JSON.stringify({ body: JSON.stringify({ p: secret }) })],
  ])('hides the secret %s', (_form, text) => {
    const redacted = redactor.redact(text);
    expect(redacted).toContain(redactionMarker);
    expect(redacted).not.toContain('S3cr');
  });

  it('hides base64 of user:password and of the secret at every alignment, standard and URL-safe', () => {
    for (const prefix of ['', 'a', 'ab', 'root@pam:', 'ops:']) {
      const encoded = Buffer.from(`${prefix}${secret} tail`).toString('base64');
      const redacted = redactor.redact(`Authorization: Basic ${encoded}`);
      expect(redacted).toContain(redactionMarker);
      expect(Buffer.from(redacted.split(' ').pop() ?? '', 'base64').toString('latin1')).not.toContain('cr"et');
      expect(redactor.redact(Buffer.from(`${prefix}${secret}`).toString('base64url'))).toContain(redactionMarker);
    }
  });

  it('still redacts a short secret in clear, and leaves base64 fragments too short to tell apart alone', () => {
    const short = new Redactor();
    short.add('ab1');
    expect(short.redact('x ab1 y')).toBe(`x ${redactionMarker} y`);
    expect(short.redact(Buffer.from('ab1').toString('base64'))).toBe(Buffer.from('ab1').toString('base64'));
  });

  it('learned values (tickets) are matched as they are, without encoded forms', () => {
    const learned = new Redactor({ encodedForms: false });
    learned.add('PVE:root@pam:ticket');
    expect(learned.redact(encodeURIComponent('PVE:root@pam:ticket'))).toBe(encodeURIComponent('PVE:root@pam:ticket'));
  });
});

describe('clipRedacted', () => {
  it('redacts before cutting, so a secret across the cut leaves no first half behind', () => {
    const redactor = new Redactor();
    redactor.add('0123456789secret');
    const text = `${'x'.repeat(95)}0123456789secret and more`;
    const clipped = clipRedacted(text, 100, redactor);
    expect(clipped).not.toContain('01234');
    expect(clipped).toMatch(/… \(\d+ characters\)$/);
  });
});

describe('redactDeep', () => {
  it('redacts every string in plain data and leaves other values as they are', () => {
    const redactor = new Redactor();
    redactor.add('hunter22');
    const buffer = Buffer.from('hunter22');
    expect(redactDeep({ a: ['x hunter22'], b: { c: 'hunter22', n: 3, z: null }, buffer }, redactor)).toEqual({
      a: [`x ${redactionMarker}`],
      b: { c: redactionMarker, n: 3, z: null },
      buffer,
    });
  });

  it('cuts what nests deeper than it looks with the marker, never handing it on unchecked', () => {
    const redactor = new Redactor();
    redactor.add('hunter22');
    let deep: unknown = { said: 'hunter22 was refused' };
    for (let level = 0; level < 40; level++) deep = { params: [deep] };
    const redacted = JSON.stringify(redactDeep(deep, redactor));
    expect(redacted).not.toContain('hunter22');
    expect(redacted).toContain(redactionMarker);
  });
});
