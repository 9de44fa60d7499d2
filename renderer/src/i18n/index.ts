export type { MessageKey } from './en';
export { languageNames, languages, translate, type Language, type Translate } from './translate';
export { useLanguageStore, useLocale, useT } from './languageStore';
