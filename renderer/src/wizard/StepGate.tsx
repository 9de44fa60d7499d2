import type { ReactNode } from 'react';
import { useWorkbookStore } from '../features/workbook/workbookStore';
import { useT } from '../i18n';
import { formatRoute } from '../lib/route';
import { canEnter, wizardSteps, type WizardStepId } from './steps';
import { routeOfStep } from './stepRoutes';
import { useWizardFacts } from './wizardFacts';

/**
 * Shows a step only when it can be entered (an address typed or kept from
 * an earlier session may name one that cannot); otherwise says why and
 * links to the step that gets the user there.
 */
export function StepGate({ step, children }: { step: WizardStepId; children: ReactNode }) {
  const t = useT();
  const facts = useWizardFacts();
  const importing = useWorkbookStore((state) => state.status === 'importing');
  const entry = canEnter(step, facts);
  if (entry.ok) return <>{children}</>;
  if (importing) {
    return (
      <p role="status" className="panel" data-testid="step-gate" data-state="loading">
        {t('workbook.importing')}
      </p>
    );
  }
  const route = routeOfStep(entry.go, facts.run?.id ?? null) ?? { screen: 'start' as const };
  return (
    <section className="panel" aria-labelledby="gate-title" data-testid="step-gate" data-state="blocked">
      <h1 id="gate-title">{t(wizardSteps[step].titleKey)}</h1>
      <p>{t(entry.reason)}</p>
      <a className="button button--primary" href={formatRoute(route)}>
        {t('wizard.goTo', { step: t(wizardSteps[entry.go].titleKey) })}
      </a>
    </section>
  );
}
