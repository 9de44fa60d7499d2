import { useEffect } from 'react';
import { useT } from '../../i18n';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { DemoRunForm } from './DemoRunForm';
import { RunsToResume } from './RunsToResume';
import { useStartStore } from './startStore';
import './start.css';

export function StartScreen() {
  const t = useT();
  const actionError = useStartStore((state) => state.actionError);
  const dismissError = useStartStore((state) => state.dismissError);

  useEffect(() => {
    void useStartStore.getState().load();
  }, []);

  return (
    <div className="start">
      <section className="panel start__form" aria-labelledby="start-title">
        <h1 id="start-title">{t('start.title')}</h1>
        <p className="muted">{t('start.intro')}</p>
        {actionError && <ErrorNotice error={actionError} onDismiss={dismissError} testId="start-error" />}
        <DemoRunForm />
      </section>
      <RunsToResume />
    </div>
  );
}
