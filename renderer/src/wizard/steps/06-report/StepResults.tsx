import { useEffect } from 'react';
import type { RunSnapshot } from '../../../../../shared/runModel';
import { resultFieldLabel } from '../../../../../shared/i18n/resultFields';
import { useLocale, useStepTitle, useT } from '../../../i18n';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { useResultsStore, type StepResult } from './resultsStore';

/** Each step's outcome as its provider describes it: what it made and where it can be reached. Steps that report nothing are left out. */
export function StepResults({ run }: { run: RunSnapshot }) {
  const t = useT();
  const titleOf = useStepTitle();
  const language = useLocale();
  const results = useResultsStore((state) => state.results);
  const ended = run.endedAt;

  useEffect(() => {
    void useResultsStore.getState().load(run.id);
  }, [run.id, ended]);

  if (results.status === 'failed') return <ErrorNotice error={results.error} testId="report-results-error" />;
  if (results.status !== 'loaded' || results.runId !== run.id) return null;
  const reported = results.items.filter((item) => Object.keys(item.fields).length > 0);
  if (reported.length === 0) return null;
  const stepOf = new Map(run.steps.map((step) => [step.id, step]));
  const nameOf = (item: StepResult) => {
    const step = stepOf.get(item.stepId);
    return item.kind === 'step' && step ? titleOf(step) : item.name;
  };
  return (
    <section className="panel" aria-labelledby="results-title" data-testid="report-results">
      <h2 id="results-title">{t('report.resultsTitle')}</h2>
      {reported.map((item) => (
        <div key={item.stepId} className="results__item" data-testid="report-result" data-step-id={item.stepId}>
          <h3>
            {nameOf(item)}
            {/* A VM's item is named after its target already. */}
            {item.target !== nameOf(item) && <span className="muted"> {item.target}</span>}
          </h3>
          <dl className="results__fields">
            {Object.entries(item.fields).map(([field, value]) => (
              <div key={field} data-testid="report-result-field" data-field={field}>
                {/* One label map for the Report, the HTML report and the results workbook (shared/i18n/engineCatalogue/resultFields). */}
                <dt>{resultFieldLabel(language, field)}</dt>
                {/* The platform's own value (a state such as Running, an address): data, not our wording. */}
                <dd>
                  <samp>{value}</samp>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </section>
  );
}
