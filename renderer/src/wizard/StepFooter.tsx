import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { formatRoute } from '../lib/route';
import { canEnter, nextStep, previousStep, wizardSteps, type WizardStepId } from './steps';
import { routeOfStep } from './stepRoutes';
import { useWizardFacts } from './wizardFacts';

/**
 * Back and Next at the end of a step, in reading and tab order after the
 * step's own controls. Next is a link only when the next step can be
 * entered; otherwise the reason is written beside it. `extra` goes between
 * (e.g. the review's run buttons replace Next).
 */
export function StepFooter({ step, extra, hideNext = false }: { step: WizardStepId; extra?: ReactNode; hideNext?: boolean }) {
  const t = useT();
  const facts = useWizardFacts();
  const runId = facts.run?.id ?? null;
  const back = previousStep(step);
  const next = nextStep(step);
  const backRoute = back ? routeOfStep(back, runId) : null;
  const nextRoute = next ? routeOfStep(next, runId) : null;
  const nextEntry = next ? canEnter(next, facts) : null;

  return (
    <div className="step-footer" data-testid="step-footer">
      {back && backRoute ? (
        <a className="button" href={formatRoute(backRoute)} data-testid="step-back">
          ← {t('wizard.back', { step: t(wizardSteps[back].titleKey) })}
        </a>
      ) : (
        <span />
      )}
      <span className="step-footer__extra">{extra}</span>
      {next && !hideNext && (
        <span className="step-footer__next">
          {nextEntry && !nextEntry.ok && (
            <span className="muted" id={`next-reason-${step}`}>
              {t(nextEntry.reason)}
            </span>
          )}
          {nextEntry?.ok && nextRoute ? (
            <a className="button button--primary" href={formatRoute(nextRoute)} data-testid="step-next">
              {t('wizard.next', { step: t(wizardSteps[next].titleKey) })} →
            </a>
          ) : (
            <button type="button" className="button button--primary" disabled aria-describedby={`next-reason-${step}`} data-testid="step-next">
              {t('wizard.next', { step: t(wizardSteps[next].titleKey) })} →
            </button>
          )}
        </span>
      )}
    </div>
  );
}
