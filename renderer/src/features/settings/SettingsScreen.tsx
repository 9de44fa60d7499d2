import { useEffect, useId, useState } from 'react';
import { themeChoices, type ThemeChoice } from '../../app/themeStore';
import { languageNames, languages, useT, type Language } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useAppInfoStore } from '../appInfo/appInfoStore';
import { defaultConcurrency, useSettingsStore } from './settingsStore';
import { RememberedPasswords } from './RememberedPasswords';
import { TrustedFingerprints } from './TrustedFingerprints';
import { TrustHistory } from './TrustHistory';
import './settings.css';

export function SettingsScreen() {
  const t = useT();
  const id = useId();
  const { settings, status, error, update } = useSettingsStore();
  const info = useAppInfoStore((state) => state.info);
  const [concurrency, setConcurrency] = useState(String(settings.concurrency));
  const [invalid, setInvalid] = useState(false);

  useEffect(() => setConcurrency(String(settings.concurrency)), [settings.concurrency]);

  function commitConcurrency(text: string) {
    const value = Number(text);
    const ok = /^\s*\d+\s*$/.test(text) && value >= 1 && value <= 64;
    setInvalid(!ok);
    if (ok && value !== settings.concurrency) void update({ concurrency: value });
  }

  return (
    <div className="settings" data-testid="settings-screen">
      <section className="panel" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t('settings.title')}</h1>
        {status === 'local' && <p className="muted" data-testid="settings-local">{t('settings.localOnly')}</p>}
        {error && status !== 'local' && <ErrorNotice error={error} testId="settings-error" />}
        <div className="settings__fields">
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('settings.language')}</label>
            <select id={`${id}-language`} value={settings.language} onChange={(event) => void update({ language: event.target.value as Language })} data-testid="language-select">
              {languages.map((code) => (
                <option key={code} value={code} lang={code}>
                  {languageNames[code]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-theme`}>{t('settings.theme')}</label>
            <select id={`${id}-theme`} value={settings.theme} onChange={(event) => void update({ theme: event.target.value as ThemeChoice })} data-testid="theme-select">
              {themeChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`theme.${choice}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-concurrency`}>{t('settings.concurrency')}</label>
            <input
              id={`${id}-concurrency`}
              type="number"
              min={1}
              max={64}
              value={concurrency}
              onChange={(event) => setConcurrency(event.target.value)}
              onBlur={(event) => commitConcurrency(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') commitConcurrency(event.currentTarget.value);
              }}
              aria-invalid={invalid}
              aria-describedby={`${id}-concurrency-help`}
              data-testid="concurrency-default"
            />
            <small id={`${id}-concurrency-help`} className={invalid ? 'field__error' : 'muted'}>
              {t('settings.concurrencyHelp', { min: 1, max: 64, default: defaultConcurrency })}
            </small>
          </div>
        </div>
      </section>
      <section className="panel" aria-labelledby={`${id}-about`}>
        <h2 id={`${id}-about`}>{t('settings.aboutTitle')}</h2>
        <dl className="settings__about">
          <dt>{t('settings.dataDir')}</dt>
          <dd className="path" data-testid="data-dir">
            {info?.dataDir ?? '–'}
          </dd>
          <dt>{t('settings.version')}</dt>
          <dd data-testid="app-version">{info?.version ?? '–'}</dd>
          <dt>{t('settings.host')}</dt>
          <dd>{info ? t(info.host === 'electron' ? 'settings.hostDesktop' : 'settings.hostWeb') : '–'}</dd>
        </dl>
      </section>
      <TrustedFingerprints />
      <TrustHistory />
      <RememberedPasswords />
    </div>
  );
}
