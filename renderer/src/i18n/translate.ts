import { spacedValue } from '../../../shared/i18n/chineseSpacing';
import { en, type Catalog, type MessageKey } from './en';
import { es } from './es';
import { zh } from './zh';
import { pickLanguage as pickSharedLanguage } from '../../../shared/i18n/pickLanguage';

export const languages = ['en', 'zh', 'es'] as const;
export type Language = (typeof languages)[number];

export const catalogs: Record<Language, Catalog> = { en, zh, es };

/** Each language's name in that language, for the switcher (not translated on purpose). */
export const languageNames: Record<Language, string> = { en: 'English', zh: '中文', es: 'Español' };

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** `{name}` placeholders; an unknown placeholder stays visible so a missing argument is noticed. */
export function translate(catalog: Catalog, key: MessageKey, params?: MessageParams): string {
  const message = catalog[key] ?? en[key] ?? key;
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) =>
    Object.hasOwn(params, name) ? spacedValue(message, offset, whole.length, String(params[name])) : whole,
  );
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The best of our languages for a list like navigator.languages: `zh-CN` -> zh, `es-MX` -> es (the desktop shell's boxes pick theirs the same way). */
export const pickLanguage: (preferred: readonly string[]) => Language = pickSharedLanguage;
