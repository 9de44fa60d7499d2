/*
 * Chinese typesetting in our catalogues: a space between a Han character and
 * a Latin word, a number or a placeholder (`虚拟机 {name}`, `共 3 个`), none
 * next to full-width punctuation. Placeholders filled with words in the
 * reader's language (a field's or kind's name, a wizard step) are exempt:
 * `{field}为必填项` reads `名称为必填项`. Returns each place that breaks it.
 */
const translatedPlaceholders = new Set(['field', 'kind', 'what', 'step', 'expected', 'actual', 'column']);
const hanChar = /\p{Script=Han}/u;
const han = '\\p{Script=Han}';
const latin = '[A-Za-z0-9]|\\{\\w+\\}';
const tight = new RegExp(`${han}(?=${latin})|(?:[A-Za-z0-9]|\\})(?=${han})`, 'gu');

function placeholderAt(text: string, index: number, after: boolean): string | null {
  const rest = after ? text.slice(index + 1) : text.slice(0, index + 1);
  const match = after ? /^\{(\w+)\}/.exec(rest) : /\{(\w+)\}$/.exec(rest);
  return match ? match[1]! : null;
}

export function chineseSpacingProblems(text: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(tight)) {
    const hanFirst = hanChar.test(match[0]);
    const placeholder = hanFirst ? placeholderAt(text, match.index, true) : placeholderAt(text, match.index + match[0].length - 1, false);
    if (placeholder && translatedPlaceholders.has(placeholder)) continue;
    problems.push(text.slice(Math.max(0, match.index - 6), match.index + match[0].length + 6));
  }
  return problems;
}

/**
 * A placeholder's value as it goes into `template` at `offset`: with a space
 * where it would touch a Han character with a Latin letter or a digit
 * (`{field}为` with `IP 地址` gives `IP 地址为`, `中的{field}` gives `中的 IP 地址`).
 * Other languages have no Han around their placeholders, so this is safe for all.
 */
export function spacedValue(template: string, offset: number, placeholderLength: number, value: string): string {
  const before = template[offset - 1] ?? '';
  const after = template[offset + placeholderLength] ?? '';
  const lead = hanChar.test(before) && /^[A-Za-z0-9]/.test(value) ? ' ' : '';
  const trail = hanChar.test(after) && /[A-Za-z0-9]$/.test(value) ? ' ' : '';
  return `${lead}${value}${trail}`;
}
