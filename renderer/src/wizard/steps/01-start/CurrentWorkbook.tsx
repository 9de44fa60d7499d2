import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useT } from '../../../i18n';
import { formatRoute } from '../../../lib/route';
import { furthestStep, wizardSteps } from '../../steps';
import { routeOfStep } from '../../stepRoutes';
import { useWizardFacts } from '../../wizardFacts';

/** The workbook already open, with the way back into the wizard. */
export function CurrentWorkbook() {
  const t = useT();
  const path = useWorkbookStore((state) => state.path);
  const displayName = useWorkbookStore((state) => state.displayName);
  const status = useWorkbookStore((state) => state.status);
  const close = useWorkbookStore((state) => state.close);
  const facts = useWizardFacts();
  if (!path) return null;
  const furthest = furthestStep({ ...facts, run: null });
  const route = routeOfStep(furthest === 'start' ? 'validate' : furthest, null);
  return (
    <div className="banner" data-testid="current-workbook" data-status={status}>
      <span>
        {t('start.currentWorkbook', { name: displayName ?? path })}
        {status === 'importing' && <> · {t('workbook.importing')}</>}
      </span>
      <span className="actions actions--tight">
        {route && (
          <a className="button button--primary button--small" href={formatRoute(route)} data-testid="continue-workbook">
            {t('start.continueWith', { step: t(wizardSteps[furthest === 'start' ? 'validate' : furthest].titleKey) })}
          </a>
        )}
        <button type="button" className="button button--small" onClick={close} data-testid="close-workbook">
          {t('start.closeWorkbook')}
        </button>
      </span>
    </div>
  );
}
