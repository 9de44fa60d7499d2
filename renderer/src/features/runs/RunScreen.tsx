import { useT } from '../../i18n';
import { formatRoute } from '../../lib/route';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { LogPanel } from '../logs/LogPanel';
import { PipelineView } from './PipelineView';
import { FailedSteps } from './FailedSteps';
import { dismissRunError } from './runActions';
import { RunOverview } from './RunOverview';
import { SkipStepDialog } from './SkipStepDialog';
import { useRunStore } from './runStore';
import { StepTable } from './StepTable';
import { TargetTable } from './TargetTable';
import { UsageBars } from './UsageBars';
import { useOpenRun } from './useOpenRun';
import './runs.css';

export function RunScreen({ runId }: { runId: string }) {
  const t = useT();
  const status = useOpenRun(runId);
  const loadError = useRunStore((state) => state.loadError);
  const actionError = useRunStore((state) => state.actionError);

  if (status === 'error' && loadError) {
    return (
      <div data-testid="run-screen" data-status="error">
        <ErrorNotice error={loadError} testId="run-load-error" />
        <a href={formatRoute({ screen: 'history' })}>{t('nav.history')}</a>
      </div>
    );
  }
  if (status !== 'ready') {
    return (
      <p role="status" data-testid="run-screen" data-status="loading">
        {t('run.loading')}
      </p>
    );
  }
  return (
    <div className="run" data-testid="run-screen" data-status="ready">
      <RunOverview />
      {actionError && <ErrorNotice error={actionError} onDismiss={dismissRunError} testId="run-action-error" />}
      <FailedSteps />
      <UsageBars />
      <PipelineView />
      <div className="run__tables">
        <TargetTable />
        <StepTable />
      </div>
      <LogPanel />
      <SkipStepDialog />
    </div>
  );
}
