import { useMemo } from 'react';
import { activeRunStates, finalRunStates } from '../../../../shared/runModel';
import { useLocale, useRunName, useT } from '../../i18n';
import { formatDateTime, formatDuration } from '../../../../shared/format';
import { progressText } from '../../lib/progressText';
import { formatRoute } from '../../lib/route';
import { summarizeSteps } from '../../../../shared/runProgress';
import { elapsedMs } from '../../lib/targets';
import { ProgressBar } from '../../ui/ProgressBar';
import { StateBadge } from '../../ui/StateBadge';
import { useNow } from '../../ui/useNow';
import { RollbackButton } from '../rollback/RollbackButton';
import { RollbackDialog } from '../rollback/RollbackDialog';
import { RollbackProgress } from '../rollback/RollbackProgress';
import { CancelRunDialog } from './CancelRunDialog';
import { askToCancel, confirmCancel, dismissCancel, pauseRun, resumeRun } from './runActions';
import { useRunStore } from './runStore';

/** Title, state, the overall bar and the run-wide commands. */
export function RunOverview() {
  const t = useT();
  const locale = useLocale();
  const nameOf = useRunName();
  const snapshot = useRunStore((state) => state.snapshot)!;
  const pending = useRunStore((state) => state.pending);
  const cancelPrompt = useRunStore((state) => state.cancelPrompt);
  const summary = useMemo(() => summarizeSteps(snapshot.steps), [snapshot.steps]);
  const isActive = activeRunStates.has(snapshot.state);
  const now = useNow(snapshot.state === 'running');
  const elapsed = elapsedMs(snapshot.startedAt, snapshot.endedAt, now);
  const text = progressText(
    { steps: { done: summary.done, total: summary.total, failed: summary.failed }, ...summary },
    t,
    locale,
  );

  return (
    <section className="panel run__overview" aria-labelledby="run-title">
      <div className="run__heading">
        <div>
          <h1 id="run-title">{t('run.heading', { plan: nameOf(snapshot), environment: snapshot.environment })}</h1>
          <p className="muted">
            <span data-testid="run-id">{t('run.id', { id: snapshot.id })}</span>
            {snapshot.startedAt !== null && <> · {t('run.started', { time: formatDateTime(snapshot.startedAt, locale) })}</>}
            {elapsed !== null && <> · {t('run.elapsed', { time: formatDuration(elapsed, locale) })}</>}
          </p>
        </div>
        <span data-testid="run-state" data-state={snapshot.state}>
          <StateBadge state={snapshot.state} kind="run" />
        </span>
        <div className="run__controls" role="group" aria-label={t('column.actions')}>
          {snapshot.state === 'running' && (
            <button type="button" className="button" disabled={pending !== null} onClick={() => void pauseRun()} data-testid="run-pause">
              {t('run.pause')}
            </button>
          )}
          {(snapshot.state === 'paused' || snapshot.state === 'interrupted') && (
            <button type="button" className="button" disabled={pending !== null} onClick={() => void resumeRun()} data-testid="run-resume">
              {t('run.resume')}
            </button>
          )}
          {finalRunStates.has(snapshot.state) && (
            <a className="button button--primary" href={formatRoute({ screen: 'report', runId: snapshot.id })} data-testid="run-report">
              {t('run.openReport')}
            </a>
          )}
          <RollbackButton runId={snapshot.id} state={snapshot.state} disabled={pending !== null} />
          {(isActive || snapshot.state === 'interrupted') && (
            <button type="button" className="button button--danger" disabled={pending !== null || cancelPrompt.phase === 'loading'} onClick={() => void askToCancel()} data-testid="run-cancel">
              {t('run.cancel')}
            </button>
          )}
        </div>
      </div>
      <ProgressBar
        fraction={summary.fraction}
        label={t('run.overall')}
        valueText={text}
        size="large"
        tone={snapshot.state === 'failed' ? 'failed' : snapshot.state === 'succeeded' ? 'done' : 'normal'}
        testId="overall-progress"
      />
      <p className="run__progress-text" data-testid="progress-text" data-done={summary.done} data-total={summary.total}>
        {text}
      </p>
      <RollbackProgress steps={snapshot.steps} />
      <RollbackDialog />
      <CancelRunDialog
        prompt={cancelPrompt}
        title={t('run.cancelTitle')}
        body={t('run.cancelBody')}
        confirmLabel={t('run.cancelConfirm')}
        onCancel={dismissCancel}
        onConfirm={() => void confirmCancel()}
        testId="confirm-cancel"
      />
    </section>
  );
}
