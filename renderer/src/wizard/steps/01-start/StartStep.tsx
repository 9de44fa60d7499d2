import { useEffect } from 'react';
import { useT } from '../../../i18n';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { CurrentWorkbook } from './CurrentWorkbook';
import { DemoRunForm } from './DemoRunForm';
import { OpenWorkbook } from './OpenWorkbook';
import { RecentFiles } from './RecentFiles';
import { RunsToResume } from './RunsToResume';
import { SamplePlan } from './SamplePlan';
import { useStartStore } from './startStore';
import { TemplateWorkbook } from './TemplateWorkbook';
import './start.css';

/** Step 1: get a workbook in (open, upload, recent, template, sample), or pick up an interrupted run. */
export function StartStep() {
  const t = useT();
  const actionError = useStartStore((state) => state.actionError);
  const dismissError = useStartStore((state) => state.dismissError);

  useEffect(() => {
    void useStartStore.getState().load();
  }, []);

  return (
    <div className="start" data-testid="start-screen">
      <div className="start__column">
        <section className="panel" aria-labelledby="start-title">
          <h1 id="start-title">{t('start.title')}</h1>
          <p className="muted">{t('start.intro')}</p>
          <CurrentWorkbook />
        </section>
        <OpenWorkbook />
        <TemplateWorkbook />
        <details className="panel demo" data-testid="demo-panel">
          <summary>{t('demo.title')}</summary>
          <p className="muted">{t('demo.intro')}</p>
          {actionError && <ErrorNotice error={actionError} onDismiss={dismissError} testId="start-error" />}
          <DemoRunForm />
        </details>
      </div>
      <div className="start__column">
        <RunsToResume />
        <SamplePlan />
        <RecentFiles />
      </div>
    </div>
  );
}
