import { useState, type ReactNode } from 'react';
import { useNavigationStore } from '../../../app/navigationStore';
import { PasswordPrompt } from '../../../features/passwords/PasswordPrompt';
import { usePasswordStore } from '../../../features/passwords/passwordStore';
import { formatDateTime } from '../../../../../shared/format';
import type { RunSummary } from '../../../../../shared/runModel';
import { useLocale, useRunName, useT } from '../../../i18n';
import { formatRoute } from '../../../lib/route';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { StateBadge } from '../../../ui/StateBadge';
import { CancelRunDialog } from '../../../features/runs/CancelRunDialog';
import { RollbackButton } from '../../../features/rollback/RollbackButton';
import { RollbackDialog } from '../../../features/rollback/RollbackDialog';
import { useStartStore } from './startStore';

/** Runs the app left unfinished (resume) or still going (open); nothing at all when there are none. */
export function RunsToResume() {
  const t = useT();
  const { interrupted, active, loadError, busy, resume, askToCancel, cancelPrompt, confirmCancel, dismissCancel } = useStartStore();
  const navigate = useNavigationStore((state) => state.navigate);

  // A run whose workbook leaves a password empty, with none entered since the restart, asks for it and resumes then.
  const [passwordsFor, setPasswordsFor] = useState<string | null>(null);

  async function handleResume(runId: string) {
    if (await resume(runId)) {
      setPasswordsFor(null);
      navigate({ screen: 'deploy', runId });
    } else if (useStartStore.getState().actionError?.code === 'secret_required') {
      await usePasswordStore.getState().load({ runId });
      setPasswordsFor(runId);
    }
  }

  if (interrupted.length === 0 && active.length === 0 && !loadError) return null;
  return (
    <section className="panel" aria-labelledby="resume-title" data-testid="runs-to-resume">
      <h2 id="resume-title">{t('start.resumeTitle')}</h2>
      {loadError && <ErrorNotice error={loadError} />}
      {interrupted.length > 0 && (
        <div data-testid="interrupted-runs">
          <p className="muted">{t('start.interruptedIntro')}</p>
          <ul className="run-list">
            {interrupted.map((run) => (
              <RunItem key={run.id} run={run} testId="interrupted-run">
                {run.rollbackStarted ? (
                  // Its rollback had begun: resuming would rebuild on removed work, so only finishing the rollback is offered.
                  <span className="muted" data-testid="rollback-started">{t('start.rollbackStarted')}</span>
                ) : (
                  <>
                    <button type="button" className="button button--small button--primary" disabled={busy} aria-label={t('start.resumeLabel', { id: run.id })} onClick={() => void handleResume(run.id)}>
                      {t('start.resume')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      disabled={busy || cancelPrompt.phase !== 'closed'}
                      aria-label={t('start.cancelRunLabel', { id: run.id })}
                      onClick={() => void askToCancel(run.id)}
                    >
                      {t('start.cancelRun')}
                    </button>
                  </>
                )}
                <RollbackButton runId={run.id} state={run.state} disabled={busy} small />
              </RunItem>
            ))}
          </ul>
          {passwordsFor && <PasswordPrompt onDone={() => void handleResume(passwordsFor)} />}
          <CancelRunDialog
            prompt={cancelPrompt}
            title={t('start.cancelTitle', { id: cancelPrompt.phase === 'closed' ? '' : cancelPrompt.runId })}
            body={t('start.cancelBody')}
            confirmLabel={t('start.cancelConfirm')}
            onConfirm={() => void confirmCancel()}
            onCancel={dismissCancel}
            testId="confirm-cancel-interrupted"
          />
          {/* The rollback's progress shows on the run's own screen. */}
          <RollbackDialog onConfirmed={(runId) => navigate({ screen: 'deploy', runId })} />
        </div>
      )}
      {active.length > 0 && (
        <div data-testid="active-runs">
          <h3 className="muted">{t('start.activeTitle')}</h3>
          <ul className="run-list">
            {active.map((run) => (
              <RunItem key={run.id} run={run} testId="active-run">
                <a className="button button--small" href={formatRoute({ screen: 'deploy', runId: run.id })} aria-label={t('start.openLabel', { id: run.id })}>
                  {t('start.open')}
                </a>
              </RunItem>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function RunItem({ run, testId, children }: { run: RunSummary; testId: string; children: ReactNode }) {
  const locale = useLocale();
  const nameOf = useRunName();
  return (
    <li data-testid={testId} data-run-id={run.id}>
      <span>
        <strong>{nameOf(run)}</strong> · {run.environment} · {formatDateTime(run.createdAt, locale)}
      </span>
      <StateBadge state={run.state} kind="run" />
      {children}
    </li>
  );
}
