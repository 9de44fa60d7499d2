import type { RunSnapshot } from '../../../../../shared/runModel';
import { useEngineWords, useLocale, useStepTitle, useT } from '../../../i18n';
import { formatDateTime, formatDuration } from '../../../../../shared/format';
import { outcomeText } from '../../../lib/outcomeText';
import type { RunReport } from '../../../lib/runReport';
import { StateBadge } from '../../../ui/StateBadge';

export function ReportSummary({ run, report }: { run: RunSnapshot; report: RunReport }) {
  const t = useT();
  const titleOf = useStepTitle();
  const words = useEngineWords();
  const locale = useLocale();
  const figures = [
    { key: 'created', label: t('report.created'), value: report.targets.created },
    { key: 'adopted', label: t('report.adopted'), value: report.targets.adopted },
    { key: 'failed', label: t('report.failed'), value: report.targets.failed },
    { key: 'skipped', label: t('report.skipped'), value: report.targets.skipped },
    { key: 'notRun', label: t('report.notRun'), value: report.targets.notRun },
  ];
  return (
    <>
      <p>
        <StateBadge state={run.state} kind="run" /> {run.environment}
        {run.startedAt !== null && <> · {t('run.started', { time: formatDateTime(run.startedAt, locale) })}</>}
        {report.durationMs !== null && (
          <>
            {' · '}
            <span data-testid="report-duration">{t('report.took', { time: formatDuration(report.durationMs, locale) })}</span>
          </>
        )}
      </p>
      {report.nothingMade && (
        <p className="banner banner--warn" data-testid="report-nothing-made">
          {outcomeText(t, run)}
        </p>
      )}
      <dl className="totals" data-testid="report-figures" data-created={report.targets.created} data-adopted={report.targets.adopted} data-failed={report.targets.failed} data-skipped={report.targets.skipped}>
        {figures.map((figure) => (
          <div key={figure.key} data-testid={`report-${figure.key}`}>
            <dt>{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('report.stepCounts', { ...report.steps })}</p>
      {report.failed.length > 0 && (
        <>
          <h2>{t('report.failedTitle')}</h2>
          <ul className="report__failed" data-testid="report-failed">
            {report.failed.map((step) => (
              <li key={step.id}>
                <strong>{titleOf(step)}</strong> <span className="muted">{step.target}</span>
                {step.error && <p className="field__error">{words.errorTitle(step.error)}</p>}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="grid-2 report__times">
        <div>
          <h2>{t('report.targetsTitle')}</h2>
          <div className="table-scroll" role="region" tabIndex={0} aria-label={t('report.targetsTitle')}>
            <table className="table" data-testid="report-targets">
              <thead>
                <tr>
                  <th scope="col">{t('column.target')}</th>
                  <th scope="col">{t('column.state')}</th>
                  <th scope="col" className="numeric">
                    {t('column.duration')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.targetDurations.map((row) => (
                  <tr key={row.target} data-target={row.target} data-state={row.state}>
                    <th scope="row">{row.target}</th>
                    <td>
                      <StateBadge state={row.state as RunSnapshot['steps'][number]['state']} kind="step" />
                    </td>
                    <td className="numeric">{row.durationMs === null ? '–' : formatDuration(row.durationMs, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div>
          <h2>{t('report.slowestTitle')}</h2>
          <ol className="report__slowest">
            {report.slowest.map(({ step, durationMs }) => (
              <li key={step.id}>
                {titleOf(step)} <span className="muted">{step.target}</span> — {formatDuration(durationMs, locale)}
              </li>
            ))}
          </ol>
        </div>
      </div>
    </>
  );
}
