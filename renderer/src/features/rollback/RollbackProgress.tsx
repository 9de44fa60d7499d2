import { useMemo } from 'react';
import type { StepSnapshot } from '../../../../shared/runModel';
import { ProgressBar } from '../../ui/ProgressBar';
import { useT } from '../../i18n';

/** Counts of a rollback's undos from the run's steps (only steps a rollback took in carry `undo`). */
export function undoCounts(steps: readonly StepSnapshot[]): { total: number; undone: number; failed: number } {
  let total = 0;
  let undone = 0;
  let failed = 0;
  for (const step of steps) {
    if (!step.undo) continue;
    total++;
    if (step.undo.state === 'undone') undone++;
    else if (step.undo.state === 'failed') failed++;
  }
  return { total, undone, failed };
}

/** The rollback's own bar under the run's; absent until a rollback has taken steps in. */
export function RollbackProgress({ steps }: { steps: readonly StepSnapshot[] }) {
  const t = useT();
  const counts = useMemo(() => undoCounts(steps), [steps]);
  if (counts.total === 0) return null;
  const text = t('rollback.progressText', { done: counts.undone, total: counts.total, failed: counts.failed });
  return (
    <div data-testid="rollback-progress" data-undone={counts.undone} data-failed={counts.failed} data-total={counts.total}>
      <ProgressBar
        fraction={(counts.undone + counts.failed) / counts.total}
        label={t('rollback.progress')}
        valueText={text}
        tone={counts.failed > 0 ? 'failed' : counts.undone === counts.total ? 'done' : 'normal'}
        testId="rollback-bar"
      />
      <p className="run__progress-text">{text}</p>
    </div>
  );
}
