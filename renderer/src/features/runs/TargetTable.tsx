import { memo, useMemo } from 'react';
import { activeRunStates, type StepSnapshot } from '../../../../shared/runModel';
import { stepTitle } from '../../../../shared/i18n/engineText';
import { useLocale, useT, type Language, type Translate } from '../../i18n';
import { formatDuration } from '../../../../shared/format';
import { phaseText } from '../../lib/phaseText';
import { progressText } from '../../lib/progressText';
import { transferOf } from '../../../../shared/runProgress';
import { elapsedMs, targetRows, type TargetRow } from '../../lib/targets';
import { ProgressBar } from '../../ui/ProgressBar';
import { StateBadge } from '../../ui/StateBadge';
import { useNow } from '../../ui/useNow';
import { useRunStore } from './runStore';

const noSteps: StepSnapshot[] = [];

export function TargetTable() {
  const t = useT();
  const locale = useLocale();
  const steps = useRunStore((state) => state.snapshot?.steps ?? noSteps);
  const runActive = useRunStore((state) => state.snapshot !== null && activeRunStates.has(state.snapshot.state));
  const rows = useMemo(() => targetRows(steps, runActive), [steps, runActive]);
  const anyRunning = rows.some((row) => row.endedAt === null && row.startedAt !== null);
  const now = useNow(anyRunning);

  return (
    <section className="panel" aria-labelledby="targets-title">
      <h2 id="targets-title">{t('targets.title')}</h2>
      <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="targets-title">
        <table className="table" data-testid="target-table">
          <thead>
            <tr>
              <th scope="col">{t('column.target')}</th>
              <th scope="col">{t('column.currentStep')}</th>
              <th scope="col">{t('column.state')}</th>
              <th scope="col">{t('column.progress')}</th>
              <th scope="col" className="numeric">{t('column.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <TargetRowView key={row.target} row={row} now={row.endedAt === null ? now : 0} t={t} locale={locale} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const TargetRowView = memo(function TargetRowView({ row, now, t, locale }: { row: TargetRow; now: number; t: Translate; locale: Language }) {
  const live = row.current.state === 'running' || row.current.state === 'retrying' ? row.current.progress : null;
  const transfer = transferOf(live);
  const detail = transfer ? progressText(transfer, t, locale) : (phaseText(live, t) ?? t('progress.steps', { done: row.done, total: row.steps.length }));
  const elapsed = elapsedMs(row.startedAt, row.endedAt, now);
  return (
    <tr data-testid="target-row" data-target={row.target} data-state={row.state}>
      <th scope="row" className="nowrap">
        {row.target}
      </th>
      <td>{stepTitle(row.current, locale)}</td>
      <td>
        <StateBadge state={row.state} kind="step" />
      </td>
      <td className="cell-progress">
        <ProgressBar fraction={row.fraction} label={`${row.target}: ${t('column.progress')}`} valueText={detail} tone={row.state === 'failed' ? 'failed' : 'normal'} />
        <small>{detail}</small>
      </td>
      <td className="numeric">{elapsed === null ? '–' : formatDuration(elapsed, locale)}</td>
    </tr>
  );
});
