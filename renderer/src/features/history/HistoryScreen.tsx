import { useEffect } from 'react';
import { finalRunStates } from '../../../../shared/runModel';
import { useLocale, useRunName, useT } from '../../i18n';
import { formatDateTime, formatDuration } from '../../../../shared/format';
import { outcomeText } from '../../lib/outcomeText';
import { formatRoute } from '../../lib/route';
import { elapsedMs } from '../../lib/targets';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StateBadge } from '../../ui/StateBadge';
import { useHistoryStore } from './historyStore';
import './history.css';

export function HistoryScreen() {
  const t = useT();
  const locale = useLocale();
  const nameOf = useRunName();
  const { runs, loaded, loading, error, load } = useHistoryStore();

  useEffect(() => {
    void useHistoryStore.getState().load();
  }, []);

  return (
    <section className="panel" aria-labelledby="history-title" data-testid="history-screen">
      <div className="history__heading">
        <h1 id="history-title">{t('history.title')}</h1>
        <button type="button" className="button" onClick={() => void load()} disabled={loading} data-testid="history-refresh">
          {t('common.refresh')}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
      {!loaded && <p role="status">{t('common.loading')}</p>}
      {loaded && runs.length === 0 && !error && <p className="muted">{t('history.empty')}</p>}
      {runs.length > 0 && (
        <table className="table" data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">{t('column.plan')}</th>
              <th scope="col">{t('column.environment')}</th>
              <th scope="col">{t('column.state')}</th>
              <th scope="col">{t('column.created')}</th>
              <th scope="col" className="numeric">{t('column.duration')}</th>
              <th scope="col">{t('column.steps')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('column.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const elapsed = elapsedMs(run.startedAt, run.endedAt, Date.now());
              return (
                <tr key={run.id} data-testid="history-row" data-run-id={run.id} data-state={run.state}>
                  <th scope="row">{nameOf(run)}</th>
                  <td>{run.environment}</td>
                  <td>
                    <StateBadge state={run.state} kind="run" />
                  </td>
                  <td>{formatDateTime(run.createdAt, locale)}</td>
                  <td className="numeric">{elapsed === null ? '–' : formatDuration(elapsed, locale)}</td>
                  <td data-testid="history-steps">{outcomeText(t, run)}</td>
                  <td className="nowrap">
                    <a className="button button--small" href={formatRoute({ screen: 'deploy', runId: run.id })} aria-label={t('history.openLabel', { id: run.id })} data-testid="history-open">
                      {t('history.open')}
                    </a>{' '}
                    {finalRunStates.has(run.state) && (
                      <a className="button button--small" href={formatRoute({ screen: 'report', runId: run.id })} aria-label={t('history.reportLabel', { id: run.id })} data-testid="history-report">
                        {t('history.report')}
                      </a>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
