export type { MessageKey } from './en';
export { languageNames, languages, translate, type Language, type Translate } from './translate';
export { savedLanguage, useLanguageStore, useLocale, useT } from './languageStore';
export { useEngineWords, useRunName, useStepTitle, type EngineWords } from './engineText';
