import type { Finding } from '../../../../../shared/plan/findings';
import { useLocale, useT } from '../../../i18n';
import { formatCount } from '../../../../../shared/format';
import { findingPlace } from '../../../lib/findings';
import { SeverityBadge } from '../../../ui/SeverityBadge';

/** More rows than anyone reads on one screen; the filters narrow the rest down. */
const maxRows = 500;

export function FindingsTable({ findings, total }: { findings: readonly Finding[]; total: number }) {
  const t = useT();
  const locale = useLocale();
  const rows = findings.slice(0, maxRows);
  return (
    <>
      <p className="muted" role="status" data-testid="findings-shown" data-shown={findings.length} data-total={total}>
        {t('findings.shown', { shown: formatCount(findings.length, locale), total: formatCount(total, locale) })}
        {findings.length > maxRows && <> · {t('findings.truncated', { count: maxRows })}</>}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t('findings.noMatch')}</p>
      ) : (
        <div className="table-scroll findings-scroll" role="region" tabIndex={0} aria-label={t('findings.title')}>
          <table className="table" data-testid="findings-table">
            <thead>
              <tr>
                <th scope="col">{t('findings.severity')}</th>
                <th scope="col">{t('findings.cell')}</th>
                <th scope="col">{t('findings.message')}</th>
                <th scope="col">{t('findings.code')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((finding, index) => {
                const place = findingPlace(finding);
                return (
                  <tr key={`${finding.code}-${place}-${index}`} data-testid="finding-row" data-severity={finding.severity} data-code={finding.code} data-cell={place}>
                    <td>
                      <SeverityBadge severity={finding.severity} />
                    </td>
                    <th scope="row" className="mono nowrap">
                      {place || t('findings.wholeFile')}
                    </th>
                    <td>
                      {finding.message}
                      {finding.hint && <small className="hint-text">{finding.hint}</small>}
                    </td>
                    <td className="mono">{finding.code}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
