import { useMemo } from 'react';
import type { StepSnapshot } from '../../../../shared/runModel';
import { useEngineWords, useStepTitle, useT } from '../../i18n';
import { useRunStore } from './runStore';
import { StepActions } from './StepActions';

const noSteps: StepSnapshot[] = [];

/** Failed steps up front, with what went wrong and what to do, so they need no hunting in a long step list. */
export function FailedSteps() {
  const t = useT();
  const titleOf = useStepTitle();
  const words = useEngineWords();
  const steps = useRunStore((state) => state.snapshot?.steps ?? noSteps);
  const failed = useMemo(() => steps.filter((step) => step.state === 'failed'), [steps]);
  if (failed.length === 0) return null;
  return (
    <section className="panel failed-steps" aria-labelledby="failed-title" data-testid="failed-steps">
      <h2 id="failed-title">{t('failed.title', { count: failed.length })}</h2>
      <ul>
        {failed.map((step) => (
          <li key={step.id} data-testid="failed-step" data-step-id={step.id}>
            <div>
              <strong>{titleOf(step)}</strong> <span className="muted">{step.target}</span>
              {step.error && <p className="failed-steps__error">{words.errorTitle(step.error)}</p>}
              {step.error?.hint && <p className="muted">{words.errorHint(step.error)}</p>}
            </div>
            <StepActions step={step} />
          </li>
        ))}
      </ul>
    </section>
  );
}
