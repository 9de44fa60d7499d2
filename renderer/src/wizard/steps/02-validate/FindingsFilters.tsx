import { useId } from 'react';
import { findingSeverities, type Finding } from '../../../../../shared/plan/findings';
import { useT, type MessageKey } from '../../../i18n';
import { findingSheets, type FindingFilter, type SeverityCounts } from '../../../lib/findings';

const severityLabels: Record<Finding['severity'], MessageKey> = { error: 'validate.errors', warning: 'validate.warnings', info: 'validate.infos' };

export function FindingsFilters({ findings, counts, filter, onChange }: { findings: readonly Finding[]; counts: SeverityCounts; filter: FindingFilter; onChange(filter: FindingFilter): void }) {
  const t = useT();
  const id = useId();
  const sheets = findingSheets(findings);

  function toggle(severity: Finding['severity'], on: boolean) {
    const severities = new Set(filter.severities);
    if (on) severities.add(severity);
    else severities.delete(severity);
    onChange({ ...filter, severities });
  }

  return (
    <div className="findings-filters" role="search" aria-label={t('findings.filters')}>
      <fieldset>
        <legend className="visually-hidden">{t('findings.severity')}</legend>
        {findingSeverities.map((severity) => (
          <label key={severity} className="radio">
            <input type="checkbox" checked={filter.severities.has(severity)} onChange={(event) => toggle(severity, event.target.checked)} data-testid={`filter-${severity}`} />
            {t(severityLabels[severity])} ({counts[severity]})
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-sheet`}>{t('findings.sheet')}</label>
      <select id={`${id}-sheet`} value={filter.sheet ?? '*'} onChange={(event) => onChange({ ...filter, sheet: event.target.value === '*' ? null : event.target.value })} data-testid="filter-sheet">
        <option value="*">{t('findings.allSheets')}</option>
        {sheets.map((sheet) => (
          <option key={sheet} value={sheet}>
            {sheet === '' ? t('findings.wholeFile') : sheet}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('findings.search')}
      </label>
      <input id={`${id}-text`} type="search" value={filter.text} placeholder={t('findings.search')} onChange={(event) => onChange({ ...filter, text: event.target.value })} data-testid="filter-text" />
    </div>
  );
}
