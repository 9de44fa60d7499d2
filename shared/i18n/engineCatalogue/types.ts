import type { Lang } from '../../plan/findingCodes';

/**
 * One part of the engine's catalogue: English first, then every other
 * language with exactly the same keys (a missing or extra key is a type
 * error, and the parity test checks placeholders).
 */
export type TextTable<K extends string> = Readonly<Record<Lang, Readonly<Record<K, string>>>>;

export function defineTexts<K extends string>(en: Readonly<Record<K, string>>, zh: Readonly<Record<NoInfer<K>, string>>, es: Readonly<Record<NoInfer<K>, string>>): TextTable<K> {
  return { en, zh, es };
}
