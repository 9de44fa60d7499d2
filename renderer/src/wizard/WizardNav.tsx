import { useT } from '../i18n';
import { formatRoute } from '../lib/route';
import { canEnter, wizardStepIds, wizardSteps, type WizardStepId } from './steps';
import { routeOfStep } from './stepRoutes';
import { useWizardFacts } from './wizardFacts';
import './wizard.css';

/** The six steps as an ordered list: the current one marked, reachable ones links, the others saying what they wait for. */
export function WizardNav({ current }: { current: WizardStepId }) {
  const t = useT();
  const facts = useWizardFacts();
  const runId = facts.run?.id ?? null;

  return (
    <nav className="stepper" aria-label={t('wizard.stepsLabel')} data-testid="wizard-nav">
      <ol>
        {wizardStepIds.map((id) => {
          const step = wizardSteps[id];
          const entry = canEnter(id, facts);
          const route = routeOfStep(id, runId);
          const isCurrent = id === current;
          const state = isCurrent ? 'current' : entry.ok && route ? 'open' : 'blocked';
          const content = (
            <>
              <span className="stepper__number" aria-hidden="true">
                {step.number}
              </span>
              <span className="stepper__title">{t(step.titleKey)}</span>
              {!entry.ok && !isCurrent && <span className="visually-hidden">{` (${t(entry.reason)})`}</span>}
            </>
          );
          return (
            <li key={id} className={`stepper__item stepper__item--${state}`} data-testid={`wizard-step-${id}`} data-state={state}>
              {state === 'open' && route ? (
                <a href={formatRoute(route)}>{content}</a>
              ) : (
                <span aria-current={isCurrent ? 'step' : undefined} aria-disabled={isCurrent ? undefined : 'true'} title={!entry.ok ? t(entry.reason) : undefined}>
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
