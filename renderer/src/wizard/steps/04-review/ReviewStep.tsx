import { useEffect, useMemo, useState } from 'react';
import { useNavigationStore } from '../../../app/navigationStore';
import { useLaunchStore } from '../../../features/runs/launchStore';
import { useSettingsStore } from '../../../features/settings/settingsStore';
import { planRefOf, useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useRunName, useT } from '../../../i18n';
import { formatRoute } from '../../../lib/route';
import { placementGroups, stepsByTarget } from '../../../lib/planView';
import { plannedSlices } from '../../../lib/sliceView';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { StepFooter } from '../../StepFooter';
import { canStartRun } from '../../steps';
import { useWizardFacts } from '../../wizardFacts';
import { ConcurrencyField } from './ConcurrencyField';
import { LabModeField } from './LabModeField';
import { Parallel } from './Parallel';
import { Placement } from './Placement';
import { effectiveConcurrency, useReviewStore } from './reviewStore';
import { Slices } from './SliceTopology';
import { StepList } from './StepList';
import { Totals } from './Totals';
import '../../../ui/totals.css';
import './review.css';

/** Step 4: the dry run. What would be created where, in which order, how big and how long; then rehearse or deploy. */
export function ReviewStep() {
  const t = useT();
  const nameOf = useRunName();
  const facts = useWizardFacts();
  const result = useWorkbookStore((state) => state.result);
  const importId = useWorkbookStore((state) => state.importId);
  const lab = useWorkbookStore((state) => state.lab);
  const { status, graph, error, concurrency, load } = useReviewStore();
  const defaultConcurrency = useSettingsStore((state) => state.settings.concurrency);
  const { starting, error: launchError, launch, dismissError } = useLaunchStore();
  const navigate = useNavigationStore((state) => state.navigate);
  const [confirming, setConfirming] = useState(false);
  const chosenConcurrency = concurrency ?? defaultConcurrency;

  useEffect(() => {
    void load();
  }, [load, importId, lab, chosenConcurrency]);

  const groups = useMemo(() => (result?.plan && graph ? placementGroups(result.plan, graph.steps) : []), [result, graph]);
  const targets = useMemo(() => (graph ? stepsByTarget(graph.steps) : []), [graph]);
  // From the plan alone, so a slice shows even while the graph is loading or failed.
  const slices = useMemo(() => (result?.plan ? plannedSlices(result.plan) : []), [result]);
  const labEntry = canStartRun(facts, 'lab');
  const realEntry = canStartRun(facts, 'real');

  async function handleStart(target: 'lab' | 'real') {
    setConfirming(false);
    const plan = planRefOf(useWorkbookStore.getState());
    if (!plan) return;
    const { concurrency: chosen, labMode } = useReviewStore.getState();
    const runId = await launch({ ...plan, lab: target === 'lab' }, effectiveConcurrency(chosen), labMode);
    if (runId) navigate({ screen: 'deploy', runId });
  }

  return (
    <>
      <section className="panel" aria-labelledby="review-title" data-testid="review-screen" data-status={status}>
        <div className="step-heading">
          <h1 id="review-title">{graph ? t('review.title', { plan: nameOf(graph) }) : t('wizard.step.review')}</h1>
          <ConcurrencyField />
        </div>
        <p className="muted">{t('review.dryRun')}</p>
        {graph && (
          <p className="muted" data-testid="review-environment">
            {t('review.environment', { environment: graph.environment })}
          </p>
        )}
        {status === 'loading' && (
          <p role="status" className="muted">
            {t('review.loading')}
          </p>
        )}
        {error && <ErrorNotice error={error} testId="review-error" />}
        {graph && <Totals totals={graph.totals} />}
      </section>
      {graph && (
        <div className="grid-2">
          <Placement groups={groups} />
          <StepList targets={targets} />
        </div>
      )}
      <Slices views={slices} />
      {graph && <Parallel parallel={graph.parallel} />}
      <section className="panel review__go" aria-labelledby="go-title" data-testid="review-go">
        <h2 id="go-title">{t('review.goTitle')}</h2>
        {launchError && <ErrorNotice error={launchError} onDismiss={dismissError} testId="launch-error" />}
        <div className="review__choices">
          <div>
            <button type="button" className="button button--primary" disabled={!labEntry.ok || starting !== null || !graph} onClick={() => void handleStart('lab')} data-testid="rehearse">
              {starting === 'lab' ? t('review.starting') : t('review.rehearse')}
            </button>
            <p className="muted">{t('review.rehearseHelp')}</p>
            <LabModeField disabled={starting !== null} />
          </div>
          <div>
            <button
              type="button"
              className="button button--danger"
              disabled={!realEntry.ok || starting !== null || !graph}
              aria-describedby="deploy-reason"
              onClick={() => setConfirming(true)}
              data-testid="deploy-real"
            >
              {starting === 'real' ? t('review.starting') : t('review.deploy')}
            </button>
            <p className="muted" id="deploy-reason" data-testid="deploy-reason">
              {realEntry.ok ? t('review.deployHelp') : t(realEntry.reason)}{' '}
              {!realEntry.ok && <a href={formatRoute({ screen: realEntry.go === 'validate' ? 'validate' : 'connect' })}>{t('review.toConnect')}</a>}
            </p>
          </div>
        </div>
      </section>
      <StepFooter step="review" hideNext />
      <ConfirmDialog
        open={confirming}
        title={t('review.confirmTitle')}
        body={t('review.confirmBody', { vms: graph?.totals.vms ?? 0, steps: graph?.totals.steps ?? 0 })}
        confirmLabel={t('review.deploy')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void handleStart('real')}
        testId="confirm-deploy"
      />
    </>
  );
}
