import { useMemo } from 'react';
import type { StepSnapshot } from '../../../../shared/runModel';
import { sayOr, stepTitle } from '../../../../shared/i18n/engineText';
import { transferOf } from '../../../../shared/runProgress';
import { useLocale, useT } from '../../i18n';
import { phaseText } from '../../lib/phaseText';
import { linearPipeline } from '../../lib/pipeline';
import { progressText } from '../../lib/progressText';
import { ProgressBar } from '../../ui/ProgressBar';
import { StateBadge } from '../../ui/StateBadge';
import { useLogStore } from '../logs/logStore';
import { useRunStore } from './runStore';

const noSteps: StepSnapshot[] = [];
/** How far back the newest line of the running stage is looked for: enough for a chatty installer, cheap per render. */
const lookBack = 2000;

/** The newest log line of one step, from the lines the page holds. */
function useLatestLine(stepId: string | null): string | null {
  const buffer = useLogStore((state) => state.buffer);
  const version = useLogStore((state) => state.version);
  return useMemo(() => {
    if (stepId === null) return null;
    for (let index = buffer.endIndex - 1; index >= Math.max(buffer.firstIndex, buffer.endIndex - lookBack); index--) {
      const line = buffer.at(index);
      if (line?.stepId === stepId) return line.text;
    }
    return null;
    // `version` is listed because the buffer is mutable: it says the content changed.
  }, [buffer, version, stepId]);
}

/**
 * A run that is one chain of stages (prepare, upload, ..., output), drawn as
 * the numbered pipeline it is, with the live figures and output of the
 * stage at work. Other graphs are shown by the target and step tables only.
 */
export function PipelineView() {
  const steps = useRunStore((state) => state.snapshot?.steps ?? noSteps);
  const chain = useMemo(() => linearPipeline(steps), [steps]);
  if (!chain) return null;
  return <Pipeline chain={chain} />;
}

function Pipeline({ chain }: { chain: StepSnapshot[] }) {
  const t = useT();
  const locale = useLocale();
  const active = chain.find((step) => step.state === 'running' || step.state === 'retrying') ?? null;
  const latest = useLatestLine(active?.id ?? null);
  return (
    <section className="panel" aria-labelledby="pipeline-title" data-testid="pipeline">
      <h2 id="pipeline-title">{t('pipeline.title')}</h2>
      <ol className="pipeline">
        {chain.map((step, index) => {
          const live = step === active ? step.progress : null;
          const transfer = transferOf(live);
          const detail = transfer ? progressText(transfer, t, locale) : phaseText(live, t);
          return (
            <li key={step.id} className={`pipeline__stage pipeline__stage--${step.state}`} data-testid="pipeline-stage" data-step-id={step.id} data-state={step.state}>
              <span className="pipeline__number" aria-hidden="true">
                {index + 1}
              </span>
              <div className="pipeline__body">
                <span className="pipeline__title" data-testid="pipeline-title">
                  {stepTitle(step, locale)}
                </span>
                <StateBadge state={step.state} kind="step" />
                {transfer && <ProgressBar fraction={transfer.bytesDone / transfer.bytesTotal} label={`${stepTitle(step, locale)}: ${t('column.progress')}`} valueText={detail ?? undefined} />}
                {detail && (
                  <small className="pipeline__detail" data-testid="pipeline-detail">
                    {detail}
                  </small>
                )}
                {step === active && latest && (
                  <samp className="pipeline__output" data-testid="pipeline-output">
                    {latest}
                  </samp>
                )}
                {step.error && (
                  <small className="step__error" data-testid="pipeline-error">
                    {sayOr(locale, step.error.text, step.error.title)}
                  </small>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
