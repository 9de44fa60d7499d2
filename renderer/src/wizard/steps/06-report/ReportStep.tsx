import { useEffect, useMemo } from 'react';
import { finalRunStates } from '../../../../../shared/runModel';
import { useRunStore } from '../../../features/runs/runStore';
import { useOpenRun } from '../../../features/runs/useOpenRun';
import { useRunName, useT } from '../../../i18n';
import { formatRoute } from '../../../lib/route';
import { runReport } from '../../../lib/runReport';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { StepFooter } from '../../StepFooter';
import { Exports } from './Exports';
import { ReportSummary } from './ReportSummary';
import { StepResults } from './StepResults';
import { useReportStore } from './reportStore';
import '../../../ui/totals.css';
import './report.css';

/** Step 6: what the run did, and the files to hand over: results workbook, log bundle, HTML report. */
export function ReportStep({ runId }: { runId: string }) {
  const t = useT();
  const nameOf = useRunName();
  const status = useOpenRun(runId);
  const snapshot = useRunStore((state) => (state.runId === runId ? state.snapshot : null));
  const loadError = useRunStore((state) => state.loadError);
  const report = useMemo(() => (snapshot ? runReport(snapshot) : null), [snapshot]);

  useEffect(() => {
    useReportStore.getState().showRun(runId);
  }, [runId]);

  if (status === 'error' && loadError) return <ErrorNotice error={loadError} testId="run-load-error" />;
  if (!snapshot || !report) {
    return (
      <p role="status" data-testid="report-screen" data-status="loading">
        {t('run.loading')}
      </p>
    );
  }
  const finished = finalRunStates.has(snapshot.state);
  return (
    <>
      <section className="panel" aria-labelledby="report-title" data-testid="report-screen" data-status="ready" data-state={snapshot.state}>
        <h1 id="report-title">{t('report.title', { plan: nameOf(snapshot) })}</h1>
        {!finished && (
          <p className="banner banner--warn">
            {t('report.notFinished')} <a href={formatRoute({ screen: 'deploy', runId })}>{t('report.toDeploy')}</a>
          </p>
        )}
        <ReportSummary run={snapshot} report={report} />
      </section>
      <StepResults run={snapshot} />
      <Exports />
      <StepFooter step="report" />
    </>
  );
}
