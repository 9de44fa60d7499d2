import { useNavigationStore } from '../../app/navigationStore';
import { useLocale, useT } from '../../i18n';
import { formatDateTime } from '../../../../shared/format';
import { formatRoute } from '../../lib/route';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { StateBadge } from '../../ui/StateBadge';
import { useStartStore } from './startStore';

export function RunsToResume() {
  const t = useT();
  const locale = useLocale();
  const { interrupted, active, loadError, busy, resume } = useStartStore();
  const navigate = useNavigationStore((state) => state.navigate);

  async function handleResume(runId: string) {
    if (await resume(runId)) navigate({ screen: 'run', runId });
  }

  return (
    <>
      <section className="panel" aria-labelledby="interrupted-title" data-testid="interrupted-runs">
        <h2 id="interrupted-title">{t('start.interruptedTitle')}</h2>
        {loadError && <ErrorNotice error={loadError} />}
        {interrupted.length === 0 ? (
          <p className="muted">{t('start.interruptedEmpty')}</p>
        ) : (
          <>
            <p className="muted">{t('start.interruptedIntro')}</p>
            <ul className="run-list">
              {interrupted.map((run) => (
                <li key={run.id} data-testid="interrupted-run" data-run-id={run.id}>
                  <span>
                    <strong>{run.planName}</strong> · {run.environment} · {formatDateTime(run.createdAt, locale)}
                  </span>
                  <StateBadge state={run.state} kind="run" />
                  <button type="button" className="button button--small" disabled={busy} aria-label={t('start.resumeLabel', { id: run.id })} onClick={() => void handleResume(run.id)}>
                    {t('start.resume')}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {active.length > 0 && (
        <section className="panel" aria-labelledby="active-title" data-testid="active-runs">
          <h2 id="active-title">{t('start.activeTitle')}</h2>
          <ul className="run-list">
            {active.map((run) => (
              <li key={run.id} data-testid="active-run" data-run-id={run.id}>
                <span>
                  <strong>{run.planName}</strong> · {run.environment} · {formatDateTime(run.createdAt, locale)}
                </span>
                <StateBadge state={run.state} kind="run" />
                <a className="button button--small" href={formatRoute({ screen: 'run', runId: run.id })} aria-label={t('start.openLabel', { id: run.id })}>
                  {t('start.open')}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
