import { useNavigationStore } from '../../../app/navigationStore';
import { samplePlanPath, useAppInfoStore } from '../../../features/appInfo/appInfoStore';
import { useLaunchStore } from '../../../features/runs/launchStore';
import { useSettingsStore } from '../../../features/settings/settingsStore';
import { planRefOf, useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useLocale, useT } from '../../../i18n';
import { ErrorNotice } from '../../../ui/ErrorNotice';

/** The bundled sample, opened for a lab rehearsal; shown only when this build ships it. */
export function SamplePlan() {
  const t = useT();
  const language = useLocale();
  const path = samplePlanPath(useAppInfoStore((state) => state.info), language);
  const open = useWorkbookStore((state) => state.open);
  const importing = useWorkbookStore((state) => state.status === 'importing');
  const { starting, error, launch, dismissError } = useLaunchStore();
  const navigate = useNavigationStore((state) => state.navigate);
  if (!path) return null;

  async function handleOpen() {
    if (await open(path!, { lab: true })) navigate({ screen: 'validate' });
  }

  /** One click from nothing to a running rehearsal; a plan with errors goes to the findings instead. */
  async function handleRehearse() {
    if (!(await open(path!, { lab: true }))) return;
    const workbook = useWorkbookStore.getState();
    const plan = planRefOf(workbook);
    if (!plan || !workbook.result?.plan || workbook.result.summary.errors > 0) return navigate({ screen: 'validate' });
    const runId = await launch(plan, useSettingsStore.getState().settings.concurrency);
    if (runId) navigate({ screen: 'deploy', runId });
  }

  return (
    <section className="panel" aria-labelledby="sample-title" data-testid="sample-plan">
      <h2 id="sample-title">{t('sample.title')}</h2>
      <p className="muted">{t('sample.intro')}</p>
      {error && <ErrorNotice error={error} onDismiss={dismissError} testId="sample-error" />}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={importing || starting !== null} onClick={() => void handleRehearse()} data-testid="sample-rehearse">
          {starting ? t('review.starting') : t('sample.rehearse')}
        </button>
        <button type="button" className="button" disabled={importing || starting !== null} onClick={() => void handleOpen()} data-testid="sample-open">
          {t('sample.open')}
        </button>
      </div>
    </section>
  );
}
