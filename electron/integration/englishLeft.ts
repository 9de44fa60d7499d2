import type { AppError } from '../../shared/errors';
import { say, type TextParam, type TextRef } from '../../shared/i18n/engineText';

/** Three English words in a row: a sentence (or most of one) of ours, not a name, an id or a unit. */
const englishRun = /[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}/g;

/**
 * The English runs left in `said` once the platform's own words (`verbatim`:
 * what PVE or vCenter answered, which stays as it said it) are taken out.
 * Empty when every word of Rackpilot's own is in the reader's language.
 */
export function englishLeft(said: string, verbatim: readonly string[] = []): string[] {
  let rest = said;
  for (const words of [...verbatim].sort((a, b) => b.length - a.length)) if (words) rest = rest.split(words).join(' ¶ ');
  return rest.match(englishRun) ?? [];
}

/** An error's title and hint as a Chinese reader gets them; it fails loudly when the error has no catalogue text. */
export function chineseOf(error: AppError | null | undefined): { title: string; hint: string | null } {
  if (!error?.text) throw new Error(`no catalogue text on ${JSON.stringify(error)}`);
  if (error.hint !== undefined && !error.hintText) throw new Error(`a hint without catalogue text: ${error.hint}`);
  return { title: say('zh', error.text), hint: error.hintText ? say('zh', error.hintText) : null };
}

/** A log line's Chinese; its English when it has no catalogue text, so that a line left in English is seen. */
export function chineseLine(line: { text: string; ref?: TextRef }): string {
  return line.ref ? say('zh', line.ref) : line.text;
}

/** Every value of a parameter called `name` in a text and the texts inside it: where the platform's words were put. */
export function paramsNamed(param: TextParam | undefined, name: string): string[] {
  if (param === undefined || typeof param === 'string' || typeof param === 'number') return [];
  if (Array.isArray(param)) return (param as readonly TextParam[]).flatMap((item) => paramsNamed(item, name));
  const ref = param as TextRef;
  return Object.entries(ref.params ?? {}).flatMap(([key, value]) => (key === name && typeof value === 'string' ? [value] : paramsNamed(value, name)));
}
