import { useMemo, useRef, useState } from 'react';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useLocale, useT } from '../../../i18n';
import { formatCount } from '../../../../../shared/format';
import { copyText, downloadText } from '../../../lib/download';
import { allFindings, countBySeverity, filterFindings, findingsCsv, findingsText, sortFindings, type FindingFilter } from '../../../lib/findings';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { StepFooter } from '../../StepFooter';
import { ChangedBanner } from './ChangedBanner';
import { FindingsFilters } from './FindingsFilters';
import { FindingsTable } from './FindingsTable';
import { PlanContents } from './PlanContents';
import './validate.css';

/** Step 2: what the validator found, cell by cell, and a way to read the workbook again once fixed. */
export function ValidateStep() {
  const t = useT();
  const locale = useLocale();
  const { displayName, status, result, error, uploaded, reimport, uploadFile, pickError } = useWorkbookStore();
  const [filter, setFilter] = useState<FindingFilter>(allFindings);
  const [copied, setCopied] = useState<boolean | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const findings = useMemo(() => sortFindings(result?.findings ?? []), [result]);
  const shown = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  const counts = useMemo(() => countBySeverity(findings), [findings]);
  const importing = status === 'importing';
  const name = displayName ?? '';

  const headers = { severity: t('findings.severity'), code: t('findings.code'), place: t('findings.cell'), message: t('findings.message'), hint: t('findings.hint') };

  async function handleCopy() {
    setCopied(await copyText(findingsText(shown)));
  }

  return (
    <>
      <section className="panel" aria-labelledby="validate-title" data-testid="validate-screen" data-status={status}>
        <div className="step-heading">
          <h1 id="validate-title">{t('validate.title', { name })}</h1>
          <div className="actions actions--tight">
            {uploaded ? (
              <>
                <button type="button" className="button" disabled={importing} onClick={() => fileInput.current?.click()} data-testid="reupload">
                  {t('validate.uploadAgain')}
                </button>
                <input ref={fileInput} type="file" accept=".xlsx,.xlsm" hidden onChange={(event) => {
                    const file = event.currentTarget.files?.[0];
                    if (file) void uploadFile(file);
                    event.currentTarget.value = '';
                  }} data-testid="reupload-file" />
              </>
            ) : (
              <button type="button" className="button" disabled={importing} onClick={() => void reimport()} data-testid="reimport">
                {importing ? t('workbook.importing') : t('validate.reimport')}
              </button>
            )}
          </div>
        </div>
        <ChangedBanner />
        {uploaded && findings.some((finding) => finding.code === 'image.file_missing') && (
          <p className="banner banner--warn" data-testid="upload-files-note">
            {t('validate.uploadedAlone')}
          </p>
        )}
        {pickError && <ErrorNotice error={pickError} />}
        {status === 'failed' && error && <ErrorNotice error={error} testId="import-error" />}
        {result && (
          <>
            <ul className="counts" aria-label={t('validate.countsLabel')} data-testid="finding-counts" data-errors={counts.error} data-warnings={counts.warning} data-infos={counts.info}>
              <li>
                {t('validate.errors')} <strong>{formatCount(counts.error, locale)}</strong>
              </li>
              <li>
                {t('validate.warnings')} <strong>{formatCount(counts.warning, locale)}</strong>
              </li>
              <li>
                {t('validate.infos')} <strong>{formatCount(counts.info, locale)}</strong>
              </li>
              <li className="muted">{t('validate.read', { sheets: result.summary.sheets, rows: result.summary.rows, profile: result.profile })}</li>
            </ul>
            {result.plan === null ? (
              <p className="field__error" data-testid="no-plan">
                {t('validate.noPlan')}
              </p>
            ) : counts.error === 0 ? (
              <p className="ok-text" role="status" data-testid="plan-ok">
                ✓ {counts.warning > 0 ? t('validate.okWithWarnings') : t('validate.ok')}
              </p>
            ) : (
              <p className="field__error">{t('validate.fixErrors')}</p>
            )}
          </>
        )}
      </section>
      {findings.length > 0 && (
        <section className="panel" aria-labelledby="findings-title" data-testid="findings">
          <div className="step-heading">
            <h2 id="findings-title">{t('findings.title')}</h2>
            <div className="actions actions--tight">
              <button
                type="button"
                className="button button--small"
                onClick={() => downloadText(`${name.replace(/\.[^.]+$/, '') || 'workbook'}-findings.csv`, findingsCsv(shown, headers), 'text/csv;charset=utf-8')}
                data-testid="export-csv"
              >
                {t('findings.exportCsv')}
              </button>
              <button type="button" className="button button--small" onClick={() => void handleCopy()} data-testid="copy-findings">
                {t('findings.copy')}
              </button>
              <span role="status" className="muted">
                {copied === true ? t('findings.copied') : copied === false ? t('findings.copyFailed') : ''}
              </span>
            </div>
          </div>
          <FindingsFilters findings={findings} counts={counts} filter={filter} onChange={setFilter} />
          <FindingsTable findings={shown} total={findings.length} />
        </section>
      )}
      {result?.plan && <PlanContents plan={result.plan} />}
      <StepFooter step="validate" />
    </>
  );
}
