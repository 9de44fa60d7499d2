import { useEffect, useId, useState } from 'react';
import { useSettingsStore } from '../../../features/settings/settingsStore';
import { useT } from '../../../i18n';
import { maxConcurrency, minConcurrency, useReviewStore } from './reviewStore';

/** Steps at the same time for this run; starts at the settings' default. Applied on a valid whole number. */
export function ConcurrencyField() {
  const t = useT();
  const id = useId();
  const chosen = useReviewStore((state) => state.concurrency);
  const setConcurrency = useReviewStore((state) => state.setConcurrency);
  const fallback = useSettingsStore((state) => state.settings.concurrency);
  const value = chosen ?? fallback;
  const [text, setText] = useState(String(value));
  const [invalid, setInvalid] = useState(false);

  useEffect(() => setText(String(value)), [value]);

  function commit(next: string) {
    const number = Number(next);
    const ok = /^\s*\d+\s*$/.test(next) && number >= minConcurrency && number <= maxConcurrency;
    setInvalid(!ok);
    if (ok && number !== value) setConcurrency(number);
  }

  return (
    <div className="field concurrency">
      <label htmlFor={`${id}-concurrency`}>{t('review.concurrency')}</label>
      <input
        id={`${id}-concurrency`}
        type="number"
        min={minConcurrency}
        max={maxConcurrency}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={(event) => commit(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(event.currentTarget.value);
        }}
        aria-invalid={invalid}
        aria-describedby={`${id}-help`}
        data-testid="concurrency"
      />
      <small id={`${id}-help`} className={invalid ? 'field__error' : 'muted'}>
        {t('review.concurrencyHelp', { min: minConcurrency, max: maxConcurrency })}
      </small>
    </div>
  );
}
