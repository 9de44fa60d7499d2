import { useId } from 'react';
import { labModes, type LabMode } from '../../../../../shared/contract/channels';
import { useT, type MessageKey } from '../../../i18n';
import { useReviewStore } from './reviewStore';

const texts: Record<LabMode, { label: MessageKey; help: MessageKey }> = {
  fresh: { label: 'review.labFresh', help: 'review.labFreshHelp' },
  continue: { label: 'review.labContinue', help: 'review.labContinueHelp' },
};

/** Fresh by default: a rehearsal on a lab that already holds the plan's VMs would only find them and make nothing. */
export function LabModeField({ disabled }: { disabled: boolean }) {
  const t = useT();
  const id = useId();
  const labMode = useReviewStore((state) => state.labMode);
  const setLabMode = useReviewStore((state) => state.setLabMode);
  return (
    <fieldset className="lab-mode" disabled={disabled} data-testid="lab-mode">
      <legend>{t('review.labModeLegend')}</legend>
      {labModes.map((mode) => (
        <div key={mode} className="lab-mode__choice">
          <input
            type="radio"
            id={`${id}-${mode}`}
            name={`${id}-lab-mode`}
            value={mode}
            checked={labMode === mode}
            onChange={() => setLabMode(mode)}
            aria-describedby={`${id}-${mode}-help`}
            data-testid={`lab-mode-${mode}`}
          />
          <label htmlFor={`${id}-${mode}`}>{t(texts[mode].label)}</label>
          <small id={`${id}-${mode}-help`} className="muted">
            {t(texts[mode].help)}
          </small>
        </div>
      ))}
    </fieldset>
  );
}
