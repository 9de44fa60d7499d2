import { useId, useState, type FormEvent } from 'react';
import { useNavigationStore } from '../../../app/navigationStore';
import { planLangs, type PlanLang } from '../../../../../shared/plan/model';
import { isDesktop, useAppInfoStore } from '../../../features/appInfo/appInfoStore';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { languageNames, useLocale, useT } from '../../../i18n';
import { cleanTypedPath } from '../../../lib/paths';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { useTemplateStore } from './templateStore';

/** A new, empty planning workbook to fill in Excel: where (dialog or typed path) and in which language its headers are. */
export function TemplateWorkbook() {
  const t = useT();
  const id = useId();
  const locale = useLocale();
  const desktop = isDesktop(useAppInfoStore((state) => state.info));
  const { status, path: written, error, create } = useTemplateStore();
  const open = useWorkbookStore((state) => state.open);
  const navigate = useNavigationStore((state) => state.navigate);
  const [lang, setLang] = useState<PlanLang>(locale);
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const [pathMissing, setPathMissing] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const target = desktop ? null : cleanTypedPath(path);
    setPathMissing(target === '');
    if (target === '') return;
    await create({ path: target, lang, overwrite });
  }

  async function handleOpenWritten() {
    if (written && (await open(written))) navigate({ screen: 'validate' });
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-testid="template-workbook">
      <h2 id={`${id}-title`}>{t('template.title')}</h2>
      <p className="muted">{t('template.intro')}</p>
      <form className="template-form" onSubmit={(event) => void handleSubmit(event)} noValidate>
        <div className="field">
          <label htmlFor={`${id}-lang`}>{t('template.language')}</label>
          <select id={`${id}-lang`} value={lang} onChange={(event) => setLang(event.target.value as PlanLang)} data-testid="template-lang">
            {planLangs.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        </div>
        {!desktop && (
          <>
            <div className="field">
              <label htmlFor={`${id}-path`}>{t('template.pathLabel')}</label>
              <input
                id={`${id}-path`}
                value={path}
                onChange={(event) => setPath(event.target.value)}
                placeholder={t('template.pathPlaceholder')}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={pathMissing}
                aria-describedby={pathMissing ? `${id}-path-error` : undefined}
                data-testid="template-path"
              />
              {pathMissing && (
                <small id={`${id}-path-error`} className="field__error">
                  {t('start.pathMissing')}
                </small>
              )}
            </div>
            <label className="radio">
              <input type="checkbox" checked={overwrite} onChange={(event) => setOverwrite(event.target.checked)} data-testid="template-overwrite" />
              {t('template.overwrite')}
            </label>
          </>
        )}
        <div>
          <button type="submit" className="button" disabled={status === 'writing'} data-testid="template-create">
            {status === 'writing' ? t('template.writing') : desktop ? t('template.createAs') : t('template.create')}
          </button>
        </div>
      </form>
      {error && status === 'failed' && <ErrorNotice error={error} testId="template-error" />}
      {status === 'done' && written && (
        <p role="status" data-testid="template-written">
          {t('template.written')} <span className="path">{written}</span>{' '}
          <button type="button" className="button button--small" onClick={() => void handleOpenWritten()} data-testid="template-open">
            {t('template.openWritten')}
          </button>
        </p>
      )}
    </section>
  );
}
