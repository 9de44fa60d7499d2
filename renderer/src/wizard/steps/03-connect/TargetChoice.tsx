import { useId } from 'react';
import { useWorkbookStore } from '../../../features/workbook/workbookStore';
import { useT } from '../../../i18n';

/** Where the plan goes: its own endpoints, or the built-in lab whose endpoints replace them for a rehearsal. */
export function TargetChoice() {
  const t = useT();
  const id = useId();
  const lab = useWorkbookStore((state) => state.lab);
  const setLab = useWorkbookStore((state) => state.setLab);
  return (
    <fieldset className="target-choice" data-testid="target-choice" data-lab={lab}>
      <legend>{t('target.legend')}</legend>
      <label className="radio" htmlFor={`${id}-real`}>
        <input id={`${id}-real`} type="radio" name={`${id}-target`} checked={!lab} onChange={() => setLab(false)} data-testid="target-real" />
        {t('target.real')}
      </label>
      <label className="radio" htmlFor={`${id}-lab`}>
        <input id={`${id}-lab`} type="radio" name={`${id}-target`} checked={lab} onChange={() => setLab(true)} data-testid="target-lab" />
        {t('target.lab')}
      </label>
    </fieldset>
  );
}
