import { create } from 'zustand';
import { catalogs, isLanguage, pickLanguage, translate, type Language, type Translate } from './translate';

const storageKey = 'rackpilot.language';

/** The choice saved in this browser profile, if any (the engine's settings decide otherwise). */
export function savedLanguage(): Language | null {
  try {
    const saved = localStorage.getItem(storageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be unavailable (private mode, sandbox); the browser's preference will do.
  }
  return null;
}

function initialLanguage(): Language {
  const saved = savedLanguage();
  if (saved) return saved;
  return pickLanguage(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
}

interface LanguageState {
  language: Language;
  t: Translate;
  setLanguage(language: Language): void;
}

const translatorFor = (language: Language): Translate => (key, params) => translate(catalogs[language], key, params);

export const useLanguageStore = create<LanguageState>()((set) => {
  const language = initialLanguage();
  return {
    language,
    t: translatorFor(language),
    setLanguage(next) {
      try {
        localStorage.setItem(storageKey, next);
      } catch {
        // Not remembered across launches; still switched for this session.
      }
      document.documentElement.lang = next;
      set({ language: next, t: translatorFor(next) });
    },
  };
});

/** The translator for the current language; components re-render when it changes. */
export const useT = (): Translate => useLanguageStore((state) => state.t);
export const useLocale = (): Language => useLanguageStore((state) => state.language);
