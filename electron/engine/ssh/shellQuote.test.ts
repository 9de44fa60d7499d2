import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../shared/errors';
import { quoteWord, shellQuote } from './shellQuote';

/** What /bin/sh hands a program for the quoted command line. */
function argvSeenBy(commandLine: string): string[] {
  const printed = execFileSync('/bin/sh', ['-c', `for a in ${commandLine}; do printf '%s\\0' "$a"; done`], { encoding: 'utf8', cwd: '/' });
  return printed.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  const hostile = [
    "it's",
    '"double"',
    'line one\nline two',
    '$(touch /tmp/rp-pwned)',
    '`id`',
    '${HOME}',
    '*',
    '/etc/*.conf',
    '?[a-z]',
    '',
    ' leading and trailing ',
    '; rm -rf / #',
    'a|b&c>d<e',
    '~root',
    '-n',
    '数据中心 café ñ',
    "'",
    "''",
    '\\',
    '\t',
  ];

  it('passes every argument through sh as exactly itself', () => {
    expect(argvSeenBy(shellQuote(hostile))).toEqual(hostile);
  });

  it('leaves plain words readable and quotes the rest', () => {
    expect(shellQuote(['ls', '-la', '/var/log'])).toBe('ls -la /var/log');
    expect(quoteWord('')).toBe("''");
    expect(quoteWord("it's")).toBe(`'it'\\''s'`);
    expect(quoteWord('a b')).toBe("'a b'");
  });

  it('refuses NUL and empty commands', () => {
    expect(() => quoteWord('a\0b')).toThrow(AppFailure);
    expect(() => shellQuote([])).toThrow(AppFailure);
  });
});
