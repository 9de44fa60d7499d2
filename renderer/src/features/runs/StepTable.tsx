import { memo } from 'react';
import { activeRunStates, type StepSnapshot } from '../../../../shared/runModel';
import { useLocale, useT, type Language, type Translate } from '../../i18n';
import { sayOr, stepTitle } from '../../../../shared/i18n/engineText';
import { formatDuration } from '../../../../shared/format';
import { phaseText } from '../../lib/phaseText';
import { elapsedMs } from '../../lib/targets';
import { StateBadge } from '../../ui/StateBadge';
import { useNow } from '../../ui/useNow';
import { useRunStore } from './runStore';
import { StepActions } from './StepActions';

const noSteps: StepSnapshot[] = [];

export function StepTable() {
  const t = useT();
  const locale = useLocale();
  const steps = useRunStore((state) => state.snapshot?.steps ?? noSteps);
  const runActive = useRunStore((state) => state.snapshot !== null && activeRunStates.has(state.snapshot.state));
  const now = useNow(runActive && steps.some((step) => step.state === 'running' || step.state === 'retrying'));

  return (
    <section className="panel" aria-labelledby="steps-title">
      <h2 id="steps-title">{t('steps.title')}</h2>
      <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="steps-title">
        <table className="table" data-testid="step-table">
          <thead>
            <tr>
              <th scope="col">{t('column.step')}</th>
              <th scope="col">{t('column.state')}</th>
              <th scope="col" className="numeric">{t('column.attempt')}</th>
              <th scope="col" className="numeric">{t('column.duration')}</th>
              <th scope="col">{t('column.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => (
              <StepRow
                key={step.id}
                step={step}
                now={runActive && step.endedAt === null && step.startedAt !== null ? now : 0}
                runActive={runActive}
                t={t}
                locale={locale}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface StepRowProps {
  step: StepSnapshot;
  now: number;
  /** An unfinished step of a run that is over (interrupted) has no meaningful duration. */
  runActive: boolean;
  t: Translate;
  locale: Language;
}

const StepRow = memo(function StepRow({ step, now, runActive, t, locale }: StepRowProps) {
  const elapsed = runActive || step.endedAt !== null ? elapsedMs(step.startedAt, step.endedAt, now) : null;
  const phase = step.state === 'running' || step.state === 'retrying' ? phaseText(step.progress, t) : null;
  return (
    <tr data-testid="step-row" data-step-id={step.id} data-state={step.state}>
      <th scope="row">
        {stepTitle(step, locale)}
        <small className="step__id">
          {step.target} · {step.id}
        </small>
        {phase && (
          <small className="step__phase" data-testid="step-phase">
            {phase}
          </small>
        )}
        {step.error && (
          <small className="step__error" data-testid="step-error">
            {sayOr(locale, step.error.text, step.error.title)}
            {step.error.hint && <> {sayOr(locale, step.error.hintText, step.error.hint)}</>}
          </small>
        )}
      </th>
      <td>
        <StateBadge state={step.state} kind="step" />
        {step.undo && (
          <small className="step__undo" data-testid="step-undo" data-undo={step.undo.state}>
            {t(`undoState.${step.undo.state}`)}
            {step.undo.error && <> — {sayOr(locale, step.undo.error.text, step.undo.error.title)}</>}
          </small>
        )}
      </td>
      <td className="numeric">{step.attempt}</td>
      <td className="numeric">{elapsed === null ? '–' : formatDuration(elapsed, locale)}</td>
      <td className="step__actions">
        <StepActions step={step} />
      </td>
    </tr>
  );
});
