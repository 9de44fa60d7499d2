import type { StepSnapshot } from '../../../../shared/runModel';
import { useStepTitle, useT } from '../../i18n';
import { askToSkip, retryStep } from './runActions';
import { useRunStore } from './runStore';

/** Retry and Skip for a failed step; nothing for any other. */
export function StepActions({ step }: { step: StepSnapshot }) {
  const t = useT();
  const titleOf = useStepTitle();
  const busy = useRunStore((state) => state.pending !== null);
  // Once a rollback has begun, retrying or skipping would build on work it removes.
  const rolledBack = useRunStore((state) => state.snapshot !== null && ['rolling_back', 'rolled_back', 'rollback_failed'].includes(state.snapshot.state));
  if (step.state !== 'failed' || rolledBack) return null;
  return (
    <span className="step-actions">
      <button type="button" className="button button--small" disabled={busy} aria-label={t('step.retryLabel', { step: `${titleOf(step)} (${step.target})` })} onClick={() => void retryStep(step.id)} data-testid="step-retry">
        {t('step.retry')}
      </button>
      <button type="button" className="button button--small" disabled={busy} aria-label={t('step.skipLabel', { step: `${titleOf(step)} (${step.target})` })} onClick={() => askToSkip(step)} data-testid="step-skip">
        {t('step.skip')}
      </button>
    </span>
  );
}
