import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useT } from '../../../i18n';
import { formatRoute } from '../../../lib/route';
import { furthestStep, wizardSteps } from '../../steps';
import { routeOfStep } from '../../stepRoutes';
import { useWizardFacts } from '../../wizardFacts';

/** The workbook already open, with the way back into the wizard once it has been read (Open workbook says it is being read). */
export function CurrentWorkbook() {
  const t = useT();
  const path = useWorkbookStore((state) => state.path);
  const displayName = useWorkbookStore((state) => state.displayName);
  const status = useWorkbookStore((state) => state.status);
  const close = useWorkbookStore((state) => state.close);
  const facts = useWizardFacts();
  if (!path) return null;
  const furthest = furthestStep({ ...facts, run: null });
  const next = furthest === 'start' ? 'validate' : furthest;
  const route = routeOfStep(next, null);
  const continueText = t('start.continueWith', { step: t(wizardSteps[next].titleKey) });
  return (
    <div className="banner" data-testid="current-workbook" data-status={status}>
      <span>{t('start.currentWorkbook', { name: displayName ?? path })}</span>
      <span className="actions actions--tight">
        {route && status === 'importing' && (
          <button type="button" className="button button--primary button--small" disabled data-testid="continue-workbook">
            {continueText}
          </button>
        )}
        {route && status !== 'importing' && (
          <a className="button button--primary button--small" href={formatRoute(route)} data-testid="continue-workbook">
            {continueText}
          </a>
        )}
        <button type="button" className="button button--small" onClick={close} data-testid="close-workbook">
          {t('start.closeWorkbook')}
        </button>
      </span>
    </div>
  );
}
