import { useEffect, useRef } from 'react';
import { languageNames, languages, useLanguageStore, useT, type Language } from '../i18n';
import { themeChoices, useThemeStore, type ThemeChoice } from './themeStore';

/** Language and theme, in a <details> disclosure: keyboard-operable without scripting, closes on Escape or a click elsewhere. */
export function SettingsMenu() {
  const t = useT();
  const { language, setLanguage } = useLanguageStore();
  const { theme, setTheme } = useThemeStore();
  const menu = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const handlePointerDown = (event: PointerEvent) => {
      if (menu.current?.open && !menu.current.contains(event.target as Node)) menu.current.open = false;
    };
    document.addEventListener('pointerdown', handlePointerDown);
    return () => document.removeEventListener('pointerdown', handlePointerDown);
  }, []);

  return (
    <details
      ref={menu}
      className="menu"
      data-testid="settings-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && menu.current?.open) {
          menu.current.open = false;
          menu.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="button">{t('settings.menu')}</summary>
      <div className="menu__panel">
        <label>
          {t('settings.language')}
          <select value={language} onChange={(event) => setLanguage(event.target.value as Language)} data-testid="language-select">
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.theme')}
          <select value={theme} onChange={(event) => setTheme(event.target.value as ThemeChoice)} data-testid="theme-select">
            {themeChoices.map((choice) => (
              <option key={choice} value={choice}>
                {t(`theme.${choice}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </details>
  );
}
