import { fail } from '../../../shared/errors';
import { text } from '../../../shared/i18n/engineText';

// Characters that never need quoting in a POSIX shell word.
const plainWord = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word for a POSIX shell: single quotes around everything, each `'`
 * written as `'\''`. Inside single quotes nothing is special (no `$`, no
 * backquote, no glob, no newline), so any plan value arrives as one literal
 * argument. NUL cannot be passed in an argument at all and is refused.
 */
export function quoteWord(word: string): string {
  if (word.includes('\0')) fail('invalid_request', text('ssh.quote.nul'));
  if (plainWord.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** A command line from an argument array: every argument quoted as one word. */
export function shellQuote(argv: readonly string[]): string {
  if (argv.length === 0) fail('invalid_request', text('ssh.quote.empty'));
  return argv.map(quoteWord).join(' ');
}
