import { useStepTitle, useT } from '../../../i18n';
import type { TargetSteps } from '../../../lib/planView';

/** The step graph as a readable list: per target, each step with what it waits for. */
export function StepList({ targets }: { targets: TargetSteps[] }) {
  const t = useT();
  const titleOf = useStepTitle();
  return (
    <section className="panel" aria-labelledby="steplist-title" data-testid="step-list">
      <h2 id="steplist-title">{t('review.stepsTitle')}</h2>
      {targets.some((group) => group.steps.some(({ step }) => step.kind === 'script')) && (
        <p className="muted" data-testid="scripts-idempotent">
          {t('review.scriptsIdempotent')}
        </p>
      )}
      <div>
        {targets.map((group) => (
          <div key={group.target} className="steplist__target" data-testid="steplist-target" data-target={group.target}>
            <h3 className="mono">{group.target}</h3>
            <ol>
              {group.steps.map(({ step, after }) => (
                <li key={step.id} data-testid="steplist-step" data-step-id={step.id} data-deps={step.deps.length}>
                  {titleOf(step)}
                  {after.length > 0 && (
                    <small className="muted">
                      {' '}
                      {t('review.after', { steps: after.map(titleOf).join(', ') })}
                    </small>
                  )}
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
}
